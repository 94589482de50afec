using Descent.Curvature;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Tests.Curvature;

/// <summary>The stability theory of gradient descent and heavy-ball momentum, checked against runs on quadratics.</summary>
public class StabilityBoundTests
{
    [Theory]
    [InlineData("sgd(lr=0.1)", 1.0, 1.0)]
    [InlineData("sgd(lr=0.1, weight_decay=0.5)", 2.0 / 2.5, 1.0)]
    [InlineData("momentum(lr=0.1)", 2 * 1.9 / 2.0, 1.0)]
    [InlineData("sgd(lr=0.1, momentum=0.5, dampening=0.5)", 2 * 1.5 / 2.0, 0.5)]
    public void TheLargestStableLrIsTwoOverLForGradientDescentAndTwoOnePlusBetaOverLForHeavyBall(string spec, double maxLr, double lrFactor)
    {
        StabilityBound bound = StabilityBound.For(OptimizerCatalog.Parse(spec), 2, 1)!;
        Assert.Equal(maxLr, bound.MaxLr, 1e-15);
        Assert.Equal(0.1 * lrFactor, bound.Lr, 1e-15);
    }

    [Theory]
    [InlineData("adam(lr=0.1)")]
    [InlineData("sgd(lr=0.1, momentum=0.9, nesterov=true)")]
    [InlineData("sgd(lr=0.1, maximize=true)")]
    [InlineData("lookahead(optimizer=sgd(lr=0.1))")]
    public void TheoryGivesNoBoundForOtherOptimizers(string spec) => Assert.Null(StabilityBound.For(OptimizerCatalog.Parse(spec), 2, 1));

    [Fact]
    public void NoBoundWithoutPositiveCurvature() => Assert.Null(StabilityBound.For(OptimizerCatalog.Parse("sgd(lr=0.1)"), -1, -2));

    /// <summary>
    /// The observed long-run contraction of the distance to the minimum per step: between the middle and the end of
    /// the part of the run above rounding, each taken as a window's largest distance, as spiralling runs shrink unevenly.
    /// </summary>
    private static double ObservedRate(Trajectory run)
    {
        IReadOnlyList<double> d = run.Distances!;
        int end = Enumerable.Range(0, d.Count).Last(k => d[k] > 1e-9 * d[0]), middle = end / 2, window = 12;
        double Largest(int at) => Enumerable.Range(at - window, window + 1).Max(k => d[k]);
        return Math.Pow(Largest(end) / Largest(middle), 1.0 / (end - middle));
    }

    [Theory]
    [InlineData("booth", "sgd(lr=0.05)")]    // lr < 1/L = 1/18: the flat direction (2) is the slow one
    [InlineData("booth", "sgd(lr=0.1)")]     // 1/L < lr < 2/L: overshoots along the top eigenvector
    [InlineData("matyas", "sgd(lr=1.5)")]
    [InlineData("booth", "sgd(lr=0.05, momentum=0.5)")]
    [InlineData("matyas", "sgd(lr=1, momentum=0.8)")]
    [InlineData("trid(n=4)", "sgd(lr=0.3, momentum=0.3)")]
    public void ARunOnAQuadraticContractsAtTheTheoreticalRate(string function, string spec)
    {
        TestFunction f = FunctionCatalog.Parse(function);
        OptimizerOptions optimizer = OptimizerCatalog.Parse(spec);
        Trajectory run = (Minimizer.For(f) with { Optimizers = [optimizer], Steps = 1000 }).Run()[0];
        Spectrum s = new Hessian(f.ToExpression(), f.Variables).Spectrum(f.Start);
        StabilityBound bound = StabilityBound.For(optimizer, s.Largest, s.Smallest)!;
        Assert.True(bound.IsStable);
        Assert.Equal(bound.Rate, ObservedRate(run), 0.01);
    }

    [Fact]
    public void OptimalSettingsAreTheClassicalOnes()
    {
        StabilityBound gd = StabilityBound.For(OptimizerCatalog.Parse("sgd(lr=0.1)"), 18, 2)!;
        Assert.Equal(0.1, gd.OptimalLr, 1e-15);
        Assert.Equal(0.8, (gd with { Lr = gd.OptimalLr }).Rate, 1e-12); // (L - mu)/(L + mu)
        StabilityBound heavy = StabilityBound.For(OptimizerCatalog.Parse("momentum(lr=0.1)"), 18, 2)!;
        Assert.Equal(4 / Math.Pow(Math.Sqrt(18) + Math.Sqrt(2), 2), heavy.OptimalLr, 1e-15);
        Assert.Equal(0.25, heavy.OptimalMomentum, 1e-12); // ((sqrt 9 - 1)/(sqrt 9 + 1))^2
        Assert.Equal(0.5, (heavy with { Lr = heavy.OptimalLr, Momentum = heavy.OptimalMomentum }).Rate, 1e-6);
    }

    [Theory]
    [InlineData("sgd(lr=0.7)", 1, "lr = 0.7 is between 1/L = 0.5 and 2/L = 1: each step overshoots the minimum and the error shrinks by |1 - lr L| = 0.4 per step")]
    [InlineData("sgd(lr=0.1)", 1, "lr = 0.1 is below 1/L = 0.5: no step overshoots the minimum, and the error shrinks by |1 - lr L| = 0.8 per step")]
    [InlineData("sgd(lr=1.1)", 1, "lr = 1.1 is above 2/L = 1: each step overshoots the minimum by more than it corrects, and the error grows by |1 - lr L| = 1.2 per step")]
    [InlineData("sgd(lr=0.5)", 1, "lr = 0.5 is 1/L: each step lands on the minimum")]
    [InlineData("momentum(lr=0.1)", 1, "lr = 0.1 is below 2(1 + momentum)/L = 1.9 with momentum = 0.9: each step overshoots the minimum, the iterates circling in, and the error shrinks by 0.9487 per step")]
    public void TheTutorialsWordsForEachRegime(string spec, int dimension, string words) =>
        Assert.Equal(words, StabilityBound.For(OptimizerCatalog.Parse(spec), 2, 2)!.Describe(dimension));
}
