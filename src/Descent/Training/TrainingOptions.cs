using Descent.Optimizers;
using Descent.Schedulers;

namespace Descent.Training;

/// <summary>How a training run goes: epochs, batch size, shuffling and the seed of the shuffles, and optionally a learning-rate scheduler and gradient clipping.</summary>
/// <param name="Epochs">Passes over the training data (at least 1).</param>
/// <param name="BatchSize">Samples per optimizer step (at least 1).</param>
/// <param name="Shuffle">Visit the training samples in a new seeded random order each epoch (the same order for every optimizer).</param>
/// <param name="Seed">The seed of the shuffles.</param>
/// <param name="Scheduler">The learning-rate scheduler every optimizer runs with (each its own), or null.</param>
/// <param name="SchedulerInterval">Whether the scheduler steps after every epoch or after every batch.</param>
/// <param name="Clipping">Gradient clipping after every backward, before the optimizer's step, or null.</param>
public sealed record TrainingOptions(int Epochs = 50, int BatchSize = 32, bool Shuffle = false, ulong Seed = 0,
    SchedulerOptions? Scheduler = null, SchedulerInterval SchedulerInterval = SchedulerInterval.Epoch, GradientClipping? Clipping = null)
{
    /// <summary>
    /// Stop an optimizer's run once this many epochs in a row have not lowered its test loss, and keep the weights of
    /// its best epoch (<see cref="EarlyStopping{T}"/>); null to run every epoch. Needs a test set.
    /// </summary>
    public int? EarlyStopping { get; init; }

    /// <summary>Offer a checkpoint to resume from after every this many epochs of each optimizer (0: never).</summary>
    public int CheckpointEvery { get; init; }
}
