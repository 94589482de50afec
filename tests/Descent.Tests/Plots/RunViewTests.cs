using Descent.Expressions;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;

namespace Descent.Tests.Plots;

public class RunViewTests
{
    private static Trajectory Run(string function, double start, string spec, int steps) =>
        new Minimizer { Function = Expression.Parse(function), Variables = ["x"], Start = [start], Steps = steps }.Run(OptimizerCatalog.Parse(spec));

    [Fact]
    public void AnExplodingRunLeavesTheViewWhereFGrowsPastAHundredTimesTheStartsScale()
    {
        // x^4 from 3 with lr 0.1: x = 3, -7.8, 182, ... and f = 81, 3702, 1.1e9, ... until it overflows at step 6.
        RunView view = RunView.Of(Run("x^4", 3, "sgd(lr=0.1)", 100));
        Assert.Equal(2, view.InView);
        Assert.Equal(2, view.LeftAt);
        Assert.Equal("diverged at step 2", view.LeftLabel);
        Assert.Equal(-7.8 + 0.4 * 7.8 * 7.8 * 7.8, view.Exit![0], 1e-9);
    }

    [Fact]
    public void AConvergingRunStaysInViewAndAStartWithoutAValueHasNothingInView()
    {
        RunView converging = RunView.Of(Run("x^2 + 4*x + 1", 2, "sgd(lr=0.7)", 100));
        Assert.Equal(101, converging.InView);
        Assert.Null(converging.LeftAt);
        Assert.Null(converging.Exit);
        RunView nowhere = RunView.Of(Run("log(x)", -1, "sgd(lr=0.1)", 10));
        Assert.False(nowhere.HasStart);
        Assert.Equal(0, nowhere.InView);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 100)]
    [InlineData(100, 100)]
    [InlineData(101, 100)]
    [InlineData(1_000_000, 3000)]
    [InlineData(7919, 50)]
    public void ThinningKeepsTheEndsAndEveryStretchsExtremesWithinTheBudget(int count, int max)
    {
        // Two series: a noisy decay with a single spike, and a slow wave.
        double First(int k) => Math.Exp(-k / 1000.0) + (k == count / 3 ? 50 : 0) + 1e-3 * Math.Sin(k * 7.1);
        double Second(int k) => Math.Cos(k / 5000.0);
        int[] kept = RunView.Thin(count, max, [First, Second]);
        if (count <= max)
        {
            Assert.Equal(Enumerable.Range(0, count), kept);
            return;
        }
        Assert.True(kept.Length <= max + 10, $"{kept.Length} kept of a budget of {max}");
        Assert.Equal(kept.Order().Distinct(), kept);
        Assert.Equal(0, kept[0]);
        Assert.Equal(count - 1, kept[^1]);
        // The spike, and both series' extremes over the whole run, survive.
        Assert.Contains(count / 3, kept);
        int[] all = [.. Enumerable.Range(0, count)];
        foreach (Func<int, double> series in new Func<int, double>[] { First, Second })
        {
            Assert.Contains(all.MinBy(series), kept);
            Assert.Contains(all.MaxBy(series), kept);
        }
    }
}
