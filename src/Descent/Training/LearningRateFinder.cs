using System.Numerics;
using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>
/// The learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks", 2017; fastai's
/// <c>lr_find</c>): trains a copy of the setup's model with one optimizer for <see cref="Steps"/> batches while its
/// learning rate grows geometrically, lr_i = start^(1 - i/(n-1)) * end^(i/(n-1)) for i = 0 .. n-1, so the first step
/// takes <see cref="StartLr"/> and the last <see cref="EndLr"/> exactly (as pytorch-lr-finder's schedule). Each step's
/// batch loss, taken before the step, is smoothed by an exponential moving average with bias correction, as fastai's
/// <c>AvgSmoothLoss</c>: a_i = beta a_(i-1) + (1 - beta) loss_i, smoothed_i = a_i / (1 - beta^(i+1)). The test stops
/// once the smoothed loss exceeds <see cref="StopFactor"/> times its lowest value, or a loss is not finite. When the
/// batches of one pass over the training split run out, the next pass starts (reshuffled with <c>Shuffle</c>), so a
/// small data set gives as many steps as asked.
/// </summary>
public sealed record LearningRateFinder
{
    /// <summary>
    /// The experiment: data, split, seed, model, loss, batch size, shuffling, dtype, standardization and gradient
    /// clipping. Its optimizers and epochs are not used; a scheduler is refused (the test sets the learning rate).
    /// </summary>
    public required TrainingSetup Setup { get; init; }

    /// <summary>The optimizer whose learning rate is tested; its own lr is replaced at every step.</summary>
    public required OptimizerOptions Optimizer { get; init; }

    /// <summary>The first step's learning rate (fastai's default, 1e-7).</summary>
    public double StartLr { get; init; } = 1e-7;

    /// <summary>The last step's learning rate (fastai's default, 10).</summary>
    public double EndLr { get; init; } = 10;

    /// <summary>Steps (batches) from <see cref="StartLr"/> to <see cref="EndLr"/> (fastai's default, 100; at least 2).</summary>
    public int Steps { get; init; } = 100;

    /// <summary>Stop once the smoothed loss exceeds this many times its minimum (fastai's 4; more than 1).</summary>
    public double StopFactor { get; init; } = 4;

    /// <summary>The smoothing factor of the loss's moving average (fastai's 0.98; in [0, 1), 0 for no smoothing).</summary>
    public double Beta { get; init; } = 0.98;

    /// <summary>Throws if a setting is out of range.</summary>
    /// <exception cref="InputException">A setting out of range, named as the command line names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Setup);
        ArgumentNullException.ThrowIfNull(Optimizer);
        (Setup with { Optimizers = [Optimizer] }).Validate();
        Optimizer.Validate();
        if (Setup.Scheduler is not null) throw new InputException("the range test sets the learning rate itself: it takes no scheduler");
        if (!(StartLr > 0 && double.IsFinite(StartLr))) throw new InputException($"start lr must be a number > 0, not {SpecFormat.Number(StartLr)}");
        if (!(EndLr > StartLr && double.IsFinite(EndLr)))
            throw new InputException($"end lr must be larger than start lr ({SpecFormat.Number(StartLr)}), not {SpecFormat.Number(EndLr)}");
        if (Steps < 2) throw new InputException($"steps must be at least 2, not {Steps}");
        if (!(StopFactor > 1)) throw new InputException($"stop factor must be more than 1, not {SpecFormat.Number(StopFactor)}");
        if (!(Beta >= 0 && Beta < 1)) throw new InputException($"beta must be in [0, 1), not {SpecFormat.Number(Beta)}");
    }

    /// <summary>The learning rate of step <paramref name="i"/> (from 0) of <paramref name="steps"/> from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static double LearningRate(double start, double end, int steps, int i)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, steps);
        // Written as start^(1-t) end^t, not start (end/start)^t, so that both ends come out exactly.
        double t = (double)i / (steps - 1);
        return Math.Pow(start, 1 - t) * Math.Pow(end, t);
    }

    /// <summary>Loads the data, builds the model and runs the test.</summary>
    /// <param name="started">Called once the data is loaded and split.</param>
    /// <param name="progress">Called after every step.</param>
    /// <exception cref="InputException">A setting out of range, or data that cannot be loaded.</exception>
    public LearningRateFinderResult Run(Action<TrainingPlan>? started = null, Action<LearningRateStep>? progress = null)
    {
        Validate();
        return Setup.DType == DType.Float64 ? Run<double>(started, progress) : Run<float>(started, progress);
    }

    private LearningRateFinderResult Run<T>(Action<TrainingPlan>? started, Action<LearningRateStep>? progress) where T : unmanaged, IFloatingPointIeee754<T>
    {
        PreparedTraining<T> prepared = (Setup with { Optimizers = [Optimizer] }).Prepare<T>();
        started?.Invoke(prepared.Plan);
        Dataset<T> train = prepared.TrainSet;
        Module<T> model = prepared.Initial.Clone();
        var runner = new ModelRunner<T>(model, train.Features.Dim(1), Setup.BatchSize, prepared.Scaling);
        Optimizer<T> optimizer = Optimizer.Create(model.Parameters);
        var loader = new DataLoader<T>(train, Setup.BatchSize, Setup.Shuffle, Setup.Seed);
        List<double> lrs = new(Steps), losses = new(Steps), smoothed = new(Steps);
        double average = 0, lowest = double.PositiveInfinity;
        int lowestStep = 0;
        string? stopped = null;
        for (int i = 0; i < Steps; i++)
        {
            int batch = i % loader.BatchCount;
            if (batch == 0) loader.PrepareOrder(i / loader.BatchCount);
            double lr = LearningRate(StartLr, EndLr, Steps, i);
            foreach (ParameterGroup<T> group in optimizer.ParamGroups) group.Lr = lr;
            var (x, y) = loader.Batch(batch);
            double loss = runner.Forward(x, y, Setup.Loss);
            if (!double.IsFinite(loss))
            {
                stopped = $"the loss is {SpecFormat.Number(loss)} at step {i + 1} (lr {Short(lr)})";
                break;
            }
            runner.Backward();
            Setup.Clipping?.Apply(model.Parameters);
            optimizer.Step(optimizer.RequiresClosure ? () =>
            {
                runner.TrainBatch(x, y, Setup.Loss);
                Setup.Clipping?.Apply(model.Parameters);
                return runner.TrainedLoss;
            }
            : null);
            average = Beta * average + (1 - Beta) * loss;
            double smooth = average / (1 - Math.Pow(Beta, i + 1));
            lrs.Add(lr);
            losses.Add(loss);
            smoothed.Add(smooth);
            if (smooth < lowest) (lowest, lowestStep) = (smooth, i + 1);
            progress?.Invoke(new LearningRateStep(i + 1, Steps, lr, loss, smooth));
            if (smooth > StopFactor * lowest)
            {
                // The lowest since the first step, as fastai's rule reads it (the suggestions read only the trusted steps).
                stopped = $"the smoothed loss {Short(smooth)} exceeded {SpecFormat.Number(StopFactor)} x its lowest so far ({Short(lowest)}, step {lowestStep}) at step {i + 1} (lr {Short(lr)})";
                break;
            }
        }
        var (steepest, minimum) = Suggest(lrs, smoothed, Steps);
        return new LearningRateFinderResult
        {
            Finder = this,
            Plan = prepared.Plan,
            BatchesPerEpoch = loader.BatchCount,
            Lrs = lrs,
            Losses = losses,
            SmoothedLosses = smoothed,
            Stopped = stopped,
            Steepest = steepest,
            Minimum = minimum,
        };
    }

    /// <summary>
    /// fastai's two suggestions from a test's learning rates and smoothed losses, over the steps it trusts: from the
    /// tenth of the planned steps on (the average is still settling before), without the last five (the blow-up).
    /// Steepest: the lr at which the smoothed loss falls fastest against log lr (the left end of the steepest segment).
    /// Minimum: a tenth of the lr of the lowest smoothed loss. Either is null when too few steps remain.
    /// </summary>
    public static (LearningRateSuggestion? Steepest, LearningRateSuggestion? Minimum) Suggest(IReadOnlyList<double> lrs, IReadOnlyList<double> smoothed, int steps)
    {
        ArgumentNullException.ThrowIfNull(lrs);
        ArgumentNullException.ThrowIfNull(smoothed);
        if (lrs.Count != smoothed.Count) throw new ArgumentException("One smoothed loss per learning rate.", nameof(smoothed));
        int first = steps / 10, end = lrs.Count - 5;
        if (end - first < 1) return (null, null);
        int lowest = first;
        for (int i = first + 1; i < end; i++) if (smoothed[i] < smoothed[lowest]) lowest = i;
        var minimum = new LearningRateSuggestion(lrs[lowest] / 10, lowest + 1, lrs[lowest], smoothed[lowest]);
        if (end - first < 2) return (null, minimum);
        int steepest = first;
        double slope = double.PositiveInfinity;
        for (int i = first; i + 1 < end; i++)
        {
            double s = (smoothed[i + 1] - smoothed[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
            if (s < slope) (steepest, slope) = (i, s);
        }
        return (new LearningRateSuggestion(lrs[steepest], steepest + 1, lrs[steepest], smoothed[steepest]), minimum);
    }

    private static string Short(double value) => Curvature.StabilityBound.Short(value);
}
