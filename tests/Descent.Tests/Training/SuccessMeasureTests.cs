using Descent.Functions;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>A run of a function whose minima are known reports its gap and distance at each point; any run reports when it reached a tolerance.</summary>
public class SuccessMeasureTests
{
    [Fact]
    public void ACatalogRunMeasuresTheGapAndTheDistanceToTheNearestMinimumAtEveryPoint()
    {
        TestFunction himmelblau = FunctionCatalog.Parse("himmelblau");
        Minimizer minimizer = Minimizer.For(himmelblau) with { Optimizers = [OptimizerCatalog.Parse("adam(lr=0.05)")], Steps = 50 };
        Trajectory run = minimizer.Run()[0];
        Assert.Equal(run.Values.Select(v => v - 0), run.Gaps!);
        for (int k = 0; k <= run.Steps; k++)
        {
            double nearest = himmelblau.GlobalMinima.Min(m => Math.Sqrt(m.Point.Zip(run.Points[k]).Sum(p => (p.First - p.Second) * (p.First - p.Second))));
            Assert.Equal(nearest, run.Distances![k], 15);
        }
        Assert.Equal("f - f*", run.SuccessMeasure);
    }

    [Fact]
    public void ATypedFunctionHasNoGapAndMeasuresTheGradientNorm()
    {
        Trajectory run = Tutorial.Bowl.Run()[0];
        Assert.Null(run.Gaps);
        Assert.Null(run.Distances);
        Assert.Equal("|grad f|", run.SuccessMeasure);
        // |grad f| = 2 sqrt(2) * 2 * 0.8^k: below 1e-3 first at k = 39.
        Assert.Equal(39, run.FirstStepWithin(1e-3));
        Assert.Null(run.FirstStepWithin(1e-30));
    }

    [Fact]
    public void TheFirstStepWithinToleranceIsTheFirstGapBelowIt()
    {
        Trajectory run = (Minimizer.For(FunctionCatalog.Parse("parabola")) with { Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.7)")] }).Run()[0];
        // The error x + 2 shrinks by 0.4 a step from 4, so f - f* = (x + 2)^2 = 16 * 0.16^k.
        for (int k = 0; k < 10; k++) Assert.Equal(16 * Math.Pow(0.16, k), run.Gaps![k], 1e-12);
        Assert.Equal(10, run.FirstStepWithin(1e-6)); // 16 * 0.16^9 = 1.1e-6, 16 * 0.16^10 = 1.8e-7
    }

    [Fact]
    public void TheCsvGainsGapAndDistanceColumnsOnlyWhenTheMinimaAreKnown()
    {
        var known = new StringWriter();
        (Minimizer.For(FunctionCatalog.Parse("bowl")) with { Steps = 1 }).Run()[0].WriteCsv(known);
        Assert.Equal("step,x,y,value,gap,distance\n0,2,2,8,8,2.8284271247461903\n1,1.6,1.6,5.120000000000001,5.120000000000001,2.2627416997969525\n", known.ToString());
        var typed = new StringWriter();
        (Tutorial.Bowl with { Steps = 1 }).Run()[0].WriteCsv(typed);
        Assert.StartsWith("step,x,y,value\n", typed.ToString());
        var race = new StringWriter();
        Trajectory.WriteCsv((Minimizer.For(FunctionCatalog.Parse("bowl")) with { Steps = 0, Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.1); adam") }).Run(), race);
        Assert.Equal("optimizer,step,x,y,value,gap,distance\nsgd(lr=0.1),0,2,2,8,8,2.8284271247461903\nadam(lr=0.001),0,2,2,8,8,2.8284271247461903\n", race.ToString());
    }

    [Theory]
    [InlineData("bowl", DType.Float64, 0.0, "tolerance 0 is invalid: it must be a finite number > 0")]
    [InlineData("bowl", DType.Float64, double.NaN, "tolerance NaN is invalid")]
    [InlineData("bowl", DType.Float64, double.PositiveInfinity, "is invalid")]
    [InlineData("eggholder", DType.Float32, 1e-6, "tolerance 1e-06 is finer than float32 resolves near f* = -959.6406627208509 (values there are 6.1e-05 apart)")]
    public void AToleranceThatCannotBeMeasuredIsRefused(string function, DType dtype, double tolerance, string message)
    {
        Minimizer minimizer = Minimizer.For(FunctionCatalog.Parse(function)) with { DType = dtype };
        Assert.Contains(message, Assert.Throws<InputException>(() => minimizer.ValidateTolerance(tolerance)).Message);
    }

    [Fact]
    public void FloatThirtyTwoMeasuresToleranceItCanResolve()
    {
        (Minimizer.For(FunctionCatalog.Parse("eggholder")) with { DType = DType.Float32 }).ValidateTolerance(1e-3);
        (Minimizer.For(FunctionCatalog.Parse("bowl")) with { DType = DType.Float32 }).ValidateTolerance(1e-30);
    }

    [Fact]
    public void ACatalogMinimizationMustKeepTheCatalogsVariableOrder()
    {
        Minimizer swapped = Minimizer.For(FunctionCatalog.Parse("beale")) with { Variables = ["y", "x"] };
        Assert.Contains("the variables of beale are x, y, in that order", Assert.Throws<InputException>(swapped.Validate).Message);
    }
}
