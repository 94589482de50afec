using Descent.Data;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Training;

public class LearningRateFinderTests
{
    private static LearningRateFinder Finder(string data = "3*x + 1", double noise = 0.1, int samples = 64, int batchSize = 64, string optimizer = "sgd(lr=0.1)") => new()
    {
        Setup = new TrainingSetup
        {
            Data = new SyntheticSource(Expression.Parse(data), noise, samples),
            TrainFraction = 1,
            BatchSize = batchSize,
            DType = DType.Float64,
            Optimizers = OptimizerCatalog.ParseList(optimizer),
        },
        Optimizer = OptimizerCatalog.Parse(optimizer),
    };

    [Theory]
    [InlineData(1e-7, 10, 100)]
    [InlineData(1e-3, 1, 2)]
    [InlineData(0.5, 2, 7)]
    [InlineData(1e-12, 1e12, 1000)]
    public void TheLearningRatesAreGeometricFromStartToEndExactly(double start, double end, int steps)
    {
        double[] lrs = [.. Enumerable.Range(0, steps).Select(i => LearningRateFinder.LearningRate(start, end, steps, i))];
        Assert.Equal(start, lrs[0]);
        Assert.Equal(end, lrs[^1]);
        double ratio = Math.Pow(end / start, 1.0 / (steps - 1));
        for (int i = 1; i < steps; i++) Assert.Equal(ratio, lrs[i] / lrs[i - 1], ratio * 1e-12);
    }

    [Fact]
    public void EachStepTakesItsLearningRateAndTheLossIsSmoothedWithBiasCorrection()
    {
        // 40 samples in batches of 16: 3 batches a pass, so 20 steps go over the data 7 times (shuffled anew each time).
        LearningRateFinder finder = Finder(samples: 40, batchSize: 16) with { Steps = 20, EndLr = 1e-3 };
        finder = finder with { Setup = finder.Setup with { Shuffle = true } };
        LearningRateFinderResult r = finder.Run();
        Assert.Null(r.Stopped);
        Assert.Equal(3, r.BatchesPerEpoch);
        Assert.Equal(20, r.Lrs.Count);
        for (int i = 0; i < 20; i++) Assert.Equal(LearningRateFinder.LearningRate(1e-7, 1e-3, 20, i), r.Lrs[i]);
        double average = 0;
        for (int i = 0; i < 20; i++)
        {
            average = 0.98 * average + 0.02 * r.Losses[i];
            Assert.Equal(average / (1 - Math.Pow(0.98, i + 1)), r.SmoothedLosses[i], 1e-12);
        }
        Assert.Equal(r.Losses[0], r.SmoothedLosses[0], 1e-12);
        // The batches cycle: the same seed gives the same test.
        Assert.Equal(r.Losses, finder.Run().Losses);
    }

    [Fact]
    public void OnAQuadraticFullBatchGradientDescentFallsUntilTheLrPassesTwoOverLAndTheTestStopsPastIt()
    {
        // Full-batch SGD on a linear model with MSE is gradient descent on a quadratic with Hessian 2 [x 1]^T [x 1] / n:
        // the loss cannot rise while every step so far took lr < 2/L, and must blow up once lr is well past it.
        LearningRateFinder finder = Finder();
        PreparedTraining<double> prepared = finder.Setup.Prepare<double>();
        double[] x = prepared.TrainSet.Features.ToArray();
        double xx = x.Average(v => v * v), mx = x.Average();
        // The larger eigenvalue of 2 [[xx, mx], [mx, 1]].
        double L = (xx + 1) + Math.Sqrt((xx - 1) * (xx - 1) + 4 * mx * mx);
        LearningRateFinderResult r = finder.Run();
        Assert.NotNull(r.Stopped);
        Assert.Contains("exceeded 4 x its lowest so far (", r.Stopped);
        for (int i = 1; i < r.Lrs.Count; i++)
            if (r.Lrs[i - 1] < 2 / L) Assert.True(r.Losses[i] <= r.Losses[i - 1] * (1 + 1e-12), $"step {i + 1}: {r.Losses[i]} after {r.Losses[i - 1]} at lr {r.Lrs[i - 1]} < 2/L = {2 / L}");
        Assert.True(r.Lrs[^1] > 2 / L, $"stopped at lr {r.Lrs[^1]}, below 2/L = {2 / L}");
        // The stop rule: the last smoothed loss is the first above 4 times the lowest before it.
        for (int i = 0; i < r.Lrs.Count; i++)
        {
            double lowest = r.SmoothedLosses.Take(i + 1).Min();
            Assert.Equal(i == r.Lrs.Count - 1, r.SmoothedLosses[i] > 4 * lowest);
        }
        // Both suggestions are stable learning rates. The smoothed loss lags (beta 0.98 remembers about 50 steps, and the
        // first losses were the largest), so its minimum comes well after 2/L, yet before the stop.
        LearningRateSuggestion minimum = r.Minimum!.Value, steepest = r.Steepest!.Value;
        Assert.True(minimum.Lr < 2 / L && steepest.Lr < 2 / L, $"{minimum}, {steepest}, 2/L = {2 / L}");
        Assert.Equal(minimum.AtLr / 10, minimum.Lr);
        Assert.True(minimum.AtLr < r.Lrs[^1]);
        // A smaller stop factor stops sooner.
        Assert.True((finder with { StopFactor = 1.5 }).Run().Lrs.Count < r.Lrs.Count);
    }

    /// <summary>
    /// The suggestions on curves whose answers are known. On 100 steps from 1e-7 to 10, step i (from 0) sits at
    /// log10 lr = -7 + 8 i / 99. The curve 2 - tanh(log10 lr + 3) falls fastest at lr = 1e-3, midway between steps 49
    /// and 50: the steepest segment starts at step 49. Its lowest point is the last step trusted (the last five are not).
    /// </summary>
    [Fact]
    public void TheSuggestionsAreTheSteepestDescentAndATenthOfTheMinimumOverTheTrustedSteps()
    {
        double[] lrs = [.. Enumerable.Range(0, 100).Select(i => LearningRateFinder.LearningRate(1e-7, 10, 100, i))];
        double[] falling = [.. lrs.Select(lr => 2 - Math.Tanh(Math.Log10(lr) + 3))];
        var (steepest, minimum) = LearningRateFinder.Suggest(lrs, falling, 100);
        Assert.Equal(50, steepest!.Value.Step);
        Assert.Equal(lrs[49], steepest.Value.Lr);
        Assert.Equal(95, minimum!.Value.Step);
        Assert.Equal(lrs[94] / 10, minimum.Value.Lr);

        // A valley with its bottom at step 71 (index 70), a steeper drop in the first ten steps and a lower point in the
        // last five: neither of those is trusted.
        double[] valley = [.. Enumerable.Range(0, 100).Select(i => i < 10 ? 100 - 10 * i : i >= 95 ? -1 : Math.Abs(i - 70) / 10.0)];
        (steepest, minimum) = LearningRateFinder.Suggest(lrs, valley, 100);
        Assert.Equal(71, minimum!.Value.Step);
        Assert.Equal(lrs[70] / 10, minimum.Value.Lr);
        Assert.Equal(0, minimum.Value.SmoothedLoss);
        Assert.InRange(steepest!.Value.Step, 11, 70); // the valley's side falls evenly: any of its segments

        // Too few trusted steps: no suggestion.
        Assert.Equal((null, null), LearningRateFinder.Suggest(lrs[..12], falling[..12], 100));
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(12, false)]
    [InlineData(50, false)]
    public void ASteepestDescentAtTheFirstTrustedStepIsFlagged(int step, bool flagged)
    {
        var result = new LearningRateFinderResult
        {
            Finder = Finder(),
            Plan = new TrainingPlan("d", 64, 0),
            BatchesPerEpoch = 1,
            Lrs = [],
            Losses = [],
            SmoothedLosses = [],
            Steepest = new LearningRateSuggestion(1e-6, step, 1e-6, 1),
        };
        Assert.Equal(flagged, result.SteepestWarning is not null);
        Assert.Null((result with { Steepest = null }).SteepestWarning);
    }

    [Fact]
    public void ALossThatIsNotFiniteStopsTheTest()
    {
        // float32 and an lr up to 1e30: the weights overflow float32 long before the smoothed loss (in double) grows 1e300 times.
        LearningRateFinder finder = Finder() with { EndLr = 1e30, StopFactor = 1e300 };
        LearningRateFinderResult r = (finder with { Setup = finder.Setup with { DType = DType.Float32 } }).Run();
        Assert.Matches(@"^the loss is (NaN|Infinity) at step \d+ \(lr ", r.Stopped);
        Assert.True(r.Lrs.Count < 100);
        Assert.All(r.Losses, l => Assert.True(double.IsFinite(l)));
    }

    [Theory]
    [InlineData(1.0, 0.1, 100, 4.0, "end lr must be larger than start lr (1), not 0.1")]
    [InlineData(1.0, 1.0, 100, 4.0, "end lr must be larger than start lr (1), not 1")]
    [InlineData(0.0, 1.0, 100, 4.0, "start lr must be a number > 0, not 0")]
    [InlineData(double.NaN, 1.0, 100, 4.0, "start lr must be a number > 0, not NaN")]
    [InlineData(1e-7, double.PositiveInfinity, 100, 4.0, "end lr must be larger than start lr (1e-07), not Infinity")]
    [InlineData(1e-7, 10, 1, 4.0, "steps must be at least 2, not 1")]
    [InlineData(1e-7, 10, 100, 1.0, "stop factor must be more than 1, not 1")]
    public void BadSettingsAreRefusedWithOneLineNamingThem(double start, double end, int steps, double stop, string message)
    {
        LearningRateFinder finder = Finder() with { StartLr = start, EndLr = end, Steps = steps, StopFactor = stop };
        Assert.Equal(message, Assert.Throws<InputException>(() => finder.Run()).Message);
    }

    [Fact]
    public void ASchedulerIsRefused()
    {
        LearningRateFinder finder = Finder();
        finder = finder with { Setup = finder.Setup with { Scheduler = SchedulerCatalog.Parse("step_lr(step_size=10)") } };
        Assert.Equal("the range test sets the learning rate itself: it takes no scheduler", Assert.Throws<InputException>(finder.Validate).Message);
    }
}
