using Descent.Curvature;
using Descent.Expressions;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>Each verdict, on a run built to deserve it.</summary>
public class DiagnosisTests
{
    private static Diagnosis Explain(string function, double[] start, string optimizer, int steps = 100, double tolerance = Diagnosis.DefaultTolerance)
    {
        Expression f = Expression.Parse(function);
        var minimizer = new Minimizer { Function = f, Variables = f.Variables, Start = start, Optimizers = [OptimizerCatalog.Parse(optimizer)], Steps = steps };
        return Diagnosis.Of(minimizer, minimizer.Run(), tolerance)[0];
    }

    private static Diagnosis Explain(Minimizer minimizer) => Diagnosis.Of(minimizer, minimizer.Run())[0];

    [Fact]
    public void TheTutorialsZigzagIsOscillatingBetweenOneAndTwoOverL()
    {
        Diagnosis d = Diagnosis.Of(Tutorial.Parabola, Tutorial.Parabola.Run())[0];
        Assert.Equal(Verdict.Oscillating, d.Verdict);
        Assert.StartsWith("lr = 0.7 is between 1/L = 0.5 and 2/L = 1: each step overshoots the minimum and the error shrinks by |1 - lr L| = 0.4 per step; ", d.Explanation);
        Assert.Equal(2, d.AtStart.Largest);
        Assert.True(d.ConstantCurvature);
        Assert.Equal(1, d.Bound!.MaxLr);
        Assert.Empty(d.Notes);
    }

    [Fact]
    public void TheTutorialsBowlConvergesWithoutOvershooting()
    {
        Diagnosis d = Explain(Minimizer.For(FunctionCatalog.Parse("bowl")));
        Assert.Equal(Verdict.Converged, d.Verdict);
        Assert.Equal("lr = 0.1 is below 1/L = 0.5: no step overshoots the minimum, and the error shrinks by |1 - lr L| = 0.8 per step; f - f* < 1e-06 from step 36", d.Explanation);
        Assert.Equal([2.0, 2.0], d.AtStart.Eigenvalues);
    }

    [Fact]
    public void GradientDescentOnBoothOvershootsAlongTheTopEigenvector()
    {
        Diagnosis d = Explain(Minimizer.For(FunctionCatalog.Parse("booth")) with { Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.1)")], Steps = 300 });
        Assert.Equal(Verdict.Oscillating, d.Verdict);
        Assert.StartsWith("lr = 0.1 is between 1/L = 0.05556 and 2/L = 0.1111: each step overshoots the minimum along the top eigenvector and the error along the flattest direction (mu = 2) shrinks by only |1 - lr mu| = 0.8 per step", d.Explanation);
    }

    [Fact]
    public void TooLargeALearningRateDivergesAndTheLargestStableOneIsNamed()
    {
        Diagnosis d = Explain("x^2 + 4*x + 1", [2.0], "sgd(lr=1.1)");
        Assert.Equal(Verdict.Diverged, d.Verdict);
        Assert.StartsWith("f rose from 13 at step 0 to ", d.Explanation);
        Assert.Contains("x moved most in step 1; the local curvature at step 0 is L = 2: lr = 1.1 is above 2/L = 1", d.Explanation);
        Assert.EndsWith("the largest stable lr there is 1", d.Explanation);
    }

    [Fact]
    public void ARunThatStopsBeingFiniteDivergedWhereTheCurvatureOutgrewTheStep()
    {
        Diagnosis d = Explain("x^4 + y^2", [10.0, 1.0], "sgd(lr=0.01)");
        Assert.Equal(Verdict.Diverged, d.Verdict);
        // At x = 10 the curvature is 12 x^2 = 1200 > 2/0.01: the first step already overshoots.
        Assert.Contains("then stopped being finite; x moved most in step 1; the local curvature at step 0 is L = 1200: lr = 0.01 is above 2/L = 0.001667", d.Explanation);
        Assert.EndsWith("the largest stable lr there is 0.001667", d.Explanation);
    }

    [Fact]
    public void WithoutABoundFromTheoryADivergenceNamesGradientDescentsForComparison()
    {
        Diagnosis d = Explain("x^4 + y^2", [10.0, 1.0], "sgd(lr=0.01, momentum=0.9, nesterov=true)");
        Assert.Equal(Verdict.Diverged, d.Verdict);
        Assert.Null(d.Bound);
        Assert.Contains("theory gives sgd no stability bound, but gradient descent would have been stable there only for lr < 2/L = 0.001667", d.Explanation);
    }

    [Fact]
    public void AConcaveFunctionKeepsDescending()
    {
        Diagnosis d = Explain("-x^2", [1.0], "adam(lr=0.1)", steps: 50);
        Assert.Equal(Verdict.Descending, d.Verdict);
        Assert.EndsWith("f does not curve up there (L = -2): nothing ends the descent in the direction it goes", d.Explanation);
    }

    [Fact]
    public void FallingWithoutBoundIsDivergenceToo()
    {
        Diagnosis d = Explain("-exp(x)", [1.0], "sgd(lr=1)");
        Assert.Equal(Verdict.Diverged, d.Verdict);
        Assert.StartsWith("f fell without bound", d.Explanation);
    }

    [Fact]
    public void ASaddleStallsWithItsNegativeEigenvalue()
    {
        Diagnosis d = Explain("x^2 - y^2", [1.0, 0.0], "sgd(lr=0.1)", steps: 200);
        Assert.Equal(Verdict.Stalled, d.Verdict);
        Assert.StartsWith("at a saddle point: |grad f| = ", d.Explanation);
        Assert.Contains("negative eigenvalue -2 along (0, ", d.Explanation);
    }

    [Fact]
    public void ALocalMinimumStallsWithItsGapAndDistance()
    {
        Minimizer m = Minimizer.For(FunctionCatalog.Parse("styblinski_tang(n=1)")) with { Start = [1.0], Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.01)")], Steps = 500 };
        Diagnosis d = Explain(m);
        Assert.Equal(Verdict.Stalled, d.Verdict);
        Assert.StartsWith("in a local minimum: f - f* = 14.14, 5.65 from the nearest global minimum;", d.Explanation);
        Assert.Contains("from the nearest global minimum", d.Explanation);
    }

    [Fact]
    public void AFlatRegionFarFromTheMinimumIsAPlateau()
    {
        Diagnosis d = Explain(Minimizer.For(FunctionCatalog.Parse("easom")) with { Start = [10.0, 10.0] });
        Assert.Equal(Verdict.Stalled, d.Verdict);
        Assert.StartsWith("on a plateau: ", d.Explanation);
    }

    [Fact]
    public void SlowProgressInAValleyIsStillDescendingWithTheConditionNumber()
    {
        Diagnosis d = Explain(Minimizer.For(FunctionCatalog.Parse("rosenbrock")) with { Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.001)")], Steps = 2000 });
        Assert.Equal(Verdict.Descending, d.Verdict);
        Assert.Contains("condition number", d.Explanation);
        Assert.Contains("the error along the flattest direction", d.Explanation);
    }

    [Fact]
    public void WhereTheHessianIsNotDefinedTheVerdictSaysSoInANote()
    {
        Diagnosis d = Explain("abs(x)", [0.0], "sgd(lr=0.1)");
        Assert.False(d.AtStart.IsDefined);
        Assert.Null(d.Bound);
        Assert.Contains("the Hessian is not defined at the start: abs(...) has a kink where its argument is 0", d.Notes.Single());
        Assert.Equal(Verdict.Converged, d.Verdict); // PyTorch's gradient of abs at 0 is 0: the run stays at the minimum
    }

    [Fact]
    public void LeavingTheDomainIsNoted()
    {
        Diagnosis d = Explain(Minimizer.For(FunctionCatalog.Parse("mccormick")) with { Start = [-1.4, -2.9], Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.5)")], Steps = 20 });
        Assert.Contains(d.Notes, n => n.StartsWith("the run left the domain of mccormick", StringComparison.Ordinal));
    }

    [Fact]
    public void AFloat32RunIsJudgedByWhatFloat32CanResolve()
    {
        Minimizer m = Minimizer.For(FunctionCatalog.Parse("parabola")) with { Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.1)")], DType = DType.Float32 };
        Assert.Equal(Verdict.Converged, Explain(m).Verdict);
        Minimizer egg = Minimizer.For(FunctionCatalog.Parse("eggholder")) with { Start = [511.0, 404.0], Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.0001)")], DType = DType.Float32 };
        Diagnosis d = Diagnosis.Of(egg, egg.Run())[0]; // 1e-6 is finer than float32's steps near -959.64: no error, judged at 6.1e-05
        Assert.NotEqual(Verdict.Diverged, d.Verdict);
    }

    [Fact]
    public void AlongThePathTheSpectrumIsSampledFromStartToEnd()
    {
        Diagnosis d = Explain(Minimizer.For(FunctionCatalog.Parse("rosenbrock")) with { Optimizers = [OptimizerCatalog.Parse("adam(lr=0.05)")], Steps = 2000 });
        Assert.Equal(0, d.Path[0].Step);
        Assert.Equal(2000, d.Path[^1].Step);
        Assert.InRange(d.Path.Count, 30, 40);
        Assert.False(d.ConstantCurvature);
        Assert.Equal(1001.6, d.Path[^1].Spectrum.Largest, 1.0); // near (1, 1): 501 + sqrt(301^2 + 400^2)
    }

    [Fact]
    public void AStartWhereFIsNotFiniteIsSaidPlainly()
    {
        Diagnosis d = Explain("x^y", [-1.0, 0.5], "sgd(lr=0.1)");
        Assert.Equal(Verdict.Stalled, d.Verdict);
        Assert.Equal("f is not finite at the start (f = nan): no step can be taken from there", d.Explanation);
    }

    [Fact]
    public void ALinearFunctionDescendsForever()
    {
        Diagnosis d = Explain("relu(x) + 0.1*x", [1.0], "sgd(lr=0.1)", steps: 30);
        Assert.Equal(Verdict.Descending, d.Verdict);
        Assert.EndsWith("f does not curve up there (L = 0): nothing ends the descent in the direction it goes", d.Explanation);
    }

    [Fact]
    public void TheReadmesLibrarySampleRuns()
    {
        var minimizer = new Minimizer
        {
            Function = Expression.Parse("(1 - x)^2 + 100*(y - x^2)^2"),
            Variables = ["x", "y"],
            Start = [-1.5, 2.0],
            Optimizers = [OptimizerCatalog.Parse("adam(lr=0.05)")],
            Steps = 500,
        };
        Minimizer banana = Minimizer.For(FunctionCatalog.Parse("rosenbrock")) with { Optimizers = minimizer.Optimizers, Steps = 2000 };
        IReadOnlyList<Trajectory> runs = banana.Run();
        int? reached = runs[0].FirstStepWithin(1e-6);
        Diagnosis why = Diagnosis.Of(banana, runs)[0];
        Spectrum curvature = new Hessian(banana.Function, banana.Variables).Spectrum([1.0, 1.0]);
        Assert.Equal(1691, reached);
        Assert.Equal(Verdict.Converged, why.Verdict);
        Assert.Equal(1001.6, curvature.Largest, 0.1);
    }

    [Fact]
    public void ZeroStepsIsSaidPlainly() => Assert.Equal("no steps were taken", Explain("x^2", [1.0], "sgd(lr=0.1)", steps: 0).Explanation);
}
