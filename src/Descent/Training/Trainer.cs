using System.Numerics;
using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>One finished epoch of one optimizer, for progress reports.</summary>
public readonly record struct EpochReport(int Optimizer, string Spec, int Epoch, int Epochs, double TrainLoss, double? TestLoss, string? Stopped)
{
    /// <summary>Whether early stopping ended this optimizer's run at this epoch.</summary>
    public bool StoppedEarly { get; init; }
}

/// <summary>
/// Trains one model with several optimizers, fairly: each optimizer trains its own copy of the same
/// initial model, on the same batches in the same order.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Runs every optimizer in turn; a diverging one stops (with a message in its result) and the others go on.
    /// Test and final losses are taken in the optimizer's eval mode (<see cref="Optimizer{T}.Eval"/>), which for
    /// schedule-free optimizers is the averaged point; training goes on in train mode.
    /// </summary>
    /// <param name="initial">The model whose weights every optimizer starts from (left unchanged).</param>
    /// <param name="loss">The loss to minimize.</param>
    /// <param name="train">The training samples.</param>
    /// <param name="test">The test samples, or null.</param>
    /// <param name="optimizers">The optimizers to compare.</param>
    /// <param name="options">
    /// Epochs, batch size, shuffling, and optionally a scheduler (each optimizer gets its own) and gradient clipping.
    /// <c>reduce_lr_on_plateau</c> watches the epoch's test loss, or its train loss without a test set (with a step
    /// interval: the batch's loss).
    /// </param>
    /// <param name="progress">Called after every epoch of every optimizer (and, when resuming, once for each optimizer already finished).</param>
    /// <param name="scaling">How the data's targets were standardized, or null: losses are then reported in the targets' own units.</param>
    /// <param name="resume">A checkpoint of this very comparison to continue from, bit for bit, or null to start afresh.</param>
    /// <param name="checkpoint">
    /// Called every <see cref="TrainingOptions.CheckpointEvery"/> epochs of each optimizer (but not after its last) with
    /// what is needed to continue from there; the state is a snapshot, which later training leaves as it is.
    /// </param>
    /// <param name="trained">
    /// Called once per optimizer after its final losses, with its index and the runner holding its trained model (in eval
    /// mode), to evaluate it on other data (a sweep's test set, when the "test" set here is a validation split).
    /// </param>
    public static IReadOnlyList<OptimizerResult> Compare<T>(Module<T> initial, Loss loss, Dataset<T> train, Dataset<T>? test,
        IReadOnlyList<OptimizerOptions> optimizers, TrainingOptions options, Action<EpochReport>? progress = null, Standardization? scaling = null,
        TrainingState? resume = null, Action<TrainingState>? checkpoint = null, Action<int, ModelRunner<T>>? trained = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(optimizers);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.CheckpointEvery);
        if (train.Count == 0) throw new InputException("the training set is empty");
        if (options.EarlyStopping is not null && test is not { Count: > 0 }) throw new InputException("early stopping watches the test loss: it needs a test set");
        if (resume is not null && (resume.Completed.Count >= optimizers.Count || resume.Current.Spec != optimizers[resume.Completed.Count].ToSpec()))
            throw new InputException("the checkpoint to resume from is not of these optimizers");
        var loader = new DataLoader<T>(train, options.BatchSize, options.Shuffle, options.Seed);
        var results = new List<OptimizerResult>(resume?.Completed ?? []);
        for (int k = 0; k < results.Count; k++)
        {
            OptimizerResult done = results[k];
            progress?.Invoke(new EpochReport(k, done.Spec, done.TrainLosses.Count, options.Epochs, done.FinalTrainLoss, done.TestLosses.Count > 0 ? done.TestLosses[^1] : null, done.Stopped)
            {
                StoppedEarly = done.StoppedEarly,
            });
        }
        for (int k = results.Count; k < optimizers.Count; k++)
        {
            OptimizerOptions spec = optimizers[k];
            bool resuming = resume is not null && k == resume.Completed.Count;
            OptimizerResult result = resuming ? resume!.Current.Snapshot() : new OptimizerResult(spec.ToSpec());
            result.TrainLosses.Capacity = result.TestLosses.Capacity = options.Epochs; // no regrowth while training
            results.Add(result);
            Module<T> model = initial.Clone();
            var runner = new ModelRunner<T>(model, train.Features.Dim(1), Math.Max(options.BatchSize, Math.Min(1024, train.Count)), scaling);
            Optimizer<T> optimizer = spec.Create(model.Parameters);
            Scheduler<T>? scheduler = options.Scheduler?.Create(optimizer);
            EarlyStopping<T>? early = options.EarlyStopping is int patience ? new EarlyStopping<T>(model.Parameters, patience) : null;
            if (resuming) Restore(resume!, model, optimizer, scheduler, early);
            bool needsClosure = optimizer.RequiresClosure, perStep = options.SchedulerInterval == SchedulerInterval.Step;
            for (int epoch = result.TrainLosses.Count; epoch < options.Epochs && result.Stopped is null && !result.StoppedEarly; epoch++)
            {
                loader.PrepareOrder(epoch);
                double sum = 0, lr = optimizer.ParamGroups[0].Lr;
                for (int b = 0; b < loader.BatchCount; b++)
                {
                    var (x, y) = loader.Batch(b);
                    // The loss is looked at before backward, so that a divergence is told with the gradient of the step that caused it.
                    double batchLoss = runner.Forward(x, y, loss);
                    if (!double.IsFinite(batchLoss))
                    {
                        Diverged(result, model, epoch * loader.BatchCount + b, loader.BatchCount, batchLoss, $"stopped at epoch {epoch + 1}, batch {b + 1}");
                        break;
                    }
                    runner.Backward();
                    sum += batchLoss;
                    options.Clipping?.Apply(model.Parameters);
                    optimizer.Step(needsClosure ? Reevaluation(runner, x, y, loss, options.Clipping, model.Parameters) : null);
                    if (perStep) scheduler?.Step(batchLoss);
                }
                if (result.Stopped is not null) break;
                result.TrainLosses.Add(sum / loader.BatchCount);
                result.Lrs.Add(lr);
                if (test is { Count: > 0 })
                {
                    // Schedule-free optimizers train at one point and are to be evaluated at another, an average of
                    // their iterates: their authors evaluate in eval mode and switch back to train mode to go on.
                    optimizer.Eval();
                    result.TestLosses.Add(runner.MeanOfBatchLosses(test, loss, options.BatchSize));
                    // The weights early stopping keeps are those the test loss was taken with.
                    result.StoppedEarly = early?.Observe(epoch + 1, result.TestLosses[^1]) == true && epoch + 1 < options.Epochs;
                    optimizer.Train();
                }
                if (!perStep) scheduler?.Step(result.TestLosses.Count > 0 ? result.TestLosses[^1] : result.TrainLosses[^1]);
                progress?.Invoke(new EpochReport(k, result.Spec, epoch + 1, options.Epochs, result.TrainLosses[^1],
                    result.TestLosses.Count > 0 ? result.TestLosses[^1] : null, null)
                { StoppedEarly = result.StoppedEarly });
                if (checkpoint is not null && options.CheckpointEvery > 0 && (epoch + 1) % options.CheckpointEvery == 0 && epoch + 1 < options.Epochs && !result.StoppedEarly)
                    checkpoint(Capture(results, result, model, optimizer, scheduler, early));
            }
            optimizer.Eval(); // the final model is the one eval mode holds
            if (early is not null)
            {
                early.Restore();
                result.KeptEpoch = early.BestEpoch;
            }
            result.Weights = [.. model.NamedParameters().Select(p => (p.Name, p.Value.To<double>()))];
            result.FinalFullTrainLoss = runner.Evaluate(train, loss);
            // The last step can leave the weights not finite with no batch after it to notice.
            if (result.Stopped is null && !double.IsFinite(result.FinalFullTrainLoss))
                Diverged(result, model, result.TrainLosses.Count * loader.BatchCount, loader.BatchCount, result.FinalFullTrainLoss, "after the last step");
            if (test is { Count: > 0 }) result.FinalTestLoss = runner.Evaluate(test, loss);
            trained?.Invoke(k, runner);
            if (result.Stopped is not null)
                progress?.Invoke(new EpochReport(k, result.Spec, result.TrainLosses.Count, options.Epochs, result.FinalTrainLoss, result.FinalTestLoss, result.Stopped));
        }
        return results;
    }

    /// <summary>Records where <paramref name="result"/>'s run diverged, with the message its <see cref="OptimizerResult.Stopped"/> gives.</summary>
    private static void Diverged<T>(OptimizerResult result, Module<T> model, int steps, int batches, double loss, string where)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Divergence divergence = Divergence.Find(model.NamedParameters(), steps, batches, loss);
        result.Divergence = divergence;
        result.Stopped = $"{where}: the loss is {SpecFormat.Number(loss)} (diverged; try a smaller learning rate); {divergence}";
    }

    /// <summary>What is needed to continue the comparison after the current epoch: copies, which training does not change.</summary>
    private static TrainingState Capture<T>(List<OptimizerResult> results, OptimizerResult current, Module<T> model, Optimizer<T> optimizer,
        Scheduler<T>? scheduler, EarlyStopping<T>? early) where T : unmanaged, IFloatingPointIeee754<T>
    {
        static string Json(Action<Stream> save)
        {
            var stream = new MemoryStream();
            save(stream);
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
        return new TrainingState
        {
            Completed = results[..^1],
            Current = current.Snapshot(),
            Weights = [.. model.Parameters.Select(p => p.To<double>())],
            OptimizerState = Json(optimizer.SaveState),
            SchedulerState = scheduler is null ? null : Json(scheduler.SaveState),
            BestLoss = early?.BestLoss ?? double.PositiveInfinity,
            BestEpoch = early?.BestEpoch ?? 0,
            BestWeights = early is null ? null : [.. early.BestWeights().Select(w => w.To<double>())],
        };
    }

    /// <summary>Puts a checkpoint's weights and states back into a fresh model, optimizer, scheduler and early stopping.</summary>
    private static void Restore<T>(TrainingState state, Module<T> model, Optimizer<T> optimizer, Scheduler<T>? scheduler, EarlyStopping<T>? early)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<Tensor<T>> parameters = model.Parameters;
        if (state.Weights.Count != parameters.Count || state.Weights.Where((w, i) => !w.Shape.SequenceEqual(parameters[i].Shape)).Any())
            throw new InputException("the checkpoint to resume from has weights that do not fit the model");
        for (int i = 0; i < parameters.Count; i++) state.Weights[i].To<T>().Data.CopyTo(parameters[i].Data);
        optimizer.LoadState(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(state.OptimizerState)));
        if ((scheduler is null) != (state.SchedulerState is null)) throw new InputException("the checkpoint to resume from has another scheduler");
        scheduler?.LoadState(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(state.SchedulerState!)));
        if ((early is null) != (state.BestWeights is null)) throw new InputException("the checkpoint to resume from has another early stopping");
        early?.Resume(state.BestLoss, state.BestEpoch, [.. state.BestWeights!.Select(w => w.To<T>())]);
    }

    /// <summary>L-BFGS's closure: recompute the batch's loss and gradients (clipped). Built in its own method so
    /// that the other optimizers' steps allocate no closure per batch.</summary>
    private static Func<double> Reevaluation<T>(ModelRunner<T> runner, Tensor<T> x, Tensor<T> y, Loss loss, GradientClipping? clipping, IReadOnlyList<Tensor<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T> => () =>
        {
            runner.TrainBatch(x, y, loss);
            clipping?.Apply(parameters);
            // The loss the gradient is of: with standardized targets, the loss in their units would be a different
            // function (variance times larger), and the line search would compare it with the gradient's slope.
            return runner.TrainedLoss;
        };
}
