using System.Numerics;
using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>One finished epoch of one optimizer, for progress reports.</summary>
public readonly record struct EpochReport(int Optimizer, string Spec, int Epoch, int Epochs, double TrainLoss, double? TestLoss, string? Stopped);

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
    /// <param name="progress">Called after every epoch of every optimizer.</param>
    /// <param name="trained">
    /// Called once per optimizer after its final losses, with its index and the runner holding its trained model (in eval
    /// mode), to evaluate it on other data (a sweep's test set, when the "test" set here is a validation split).
    /// </param>
    public static IReadOnlyList<OptimizerResult> Compare<T>(Module<T> initial, Loss loss, Dataset<T> train, Dataset<T>? test,
        IReadOnlyList<OptimizerOptions> optimizers, TrainingOptions options, Action<EpochReport>? progress = null,
        Action<int, ModelRunner<T>>? trained = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(optimizers);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        if (train.Count == 0) throw new InputException("the training set is empty");
        var loader = new DataLoader<T>(train, options.BatchSize, options.Shuffle, options.Seed);
        var results = new List<OptimizerResult>();
        for (int k = 0; k < optimizers.Count; k++)
        {
            OptimizerOptions spec = optimizers[k];
            var result = new OptimizerResult(spec.ToSpec());
            result.TrainLosses.Capacity = result.TestLosses.Capacity = options.Epochs; // no regrowth while training
            results.Add(result);
            Module<T> model = initial.Clone();
            var runner = new ModelRunner<T>(model, train.Features.Dim(1), Math.Max(options.BatchSize, Math.Min(1024, train.Count)));
            Optimizer<T> optimizer = spec.Create(model.Parameters);
            Scheduler<T>? scheduler = options.Scheduler?.Create(optimizer);
            bool needsClosure = optimizer.RequiresClosure, perStep = options.SchedulerInterval == SchedulerInterval.Step;
            for (int epoch = 0; epoch < options.Epochs && result.Stopped is null; epoch++)
            {
                loader.PrepareOrder(epoch);
                double sum = 0, lr = optimizer.ParamGroups[0].Lr;
                for (int b = 0; b < loader.BatchCount; b++)
                {
                    var (x, y) = loader.Batch(b);
                    double batchLoss = runner.TrainBatch(x, y, loss);
                    if (!double.IsFinite(batchLoss))
                    {
                        result.Stopped = $"stopped at epoch {epoch + 1}, batch {b + 1}: the loss is {SpecFormat.Number(batchLoss)} (diverged; try a smaller learning rate)";
                        break;
                    }
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
                    optimizer.Train();
                }
                if (!perStep) scheduler?.Step(result.TestLosses.Count > 0 ? result.TestLosses[^1] : result.TrainLosses[^1]);
                progress?.Invoke(new EpochReport(k, result.Spec, epoch + 1, options.Epochs, result.TrainLosses[^1],
                    result.TestLosses.Count > 0 ? result.TestLosses[^1] : null, null));
            }
            optimizer.Eval(); // the final model is the one eval mode holds
            result.FinalFullTrainLoss = runner.Evaluate(train, loss);
            if (test is { Count: > 0 }) result.FinalTestLoss = runner.Evaluate(test, loss);
            trained?.Invoke(k, runner);
            if (result.Stopped is not null)
                progress?.Invoke(new EpochReport(k, result.Spec, result.TrainLosses.Count, options.Epochs, result.FinalTrainLoss, result.FinalTestLoss, result.Stopped));
        }
        return results;
    }

    /// <summary>L-BFGS's closure: recompute the batch's loss and gradients (clipped). Built in its own method so
    /// that the other optimizers' steps allocate no closure per batch.</summary>
    private static Func<double> Reevaluation<T>(ModelRunner<T> runner, Tensor<T> x, Tensor<T> y, Loss loss, GradientClipping? clipping, IReadOnlyList<Tensor<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T> => () =>
        {
            double value = runner.TrainBatch(x, y, loss);
            clipping?.Apply(parameters);
            return value;
        };
}
