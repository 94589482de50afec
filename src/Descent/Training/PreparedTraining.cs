using System.Numerics;
using Descent.Data;
using Descent.Nn;

namespace Descent.Training;

/// <summary>A <see cref="TrainingSetup"/> with its data loaded and split and its initial model built, ready to train.</summary>
/// <param name="Setup">The experiment.</param>
/// <param name="Plan">What the data turned out to be.</param>
/// <param name="TrainSet">The training split.</param>
/// <param name="TestSet">The test split, or null without one.</param>
/// <param name="Initial">The model every optimizer starts from (left unchanged by training).</param>
public sealed record PreparedTraining<T>(TrainingSetup Setup, TrainingPlan Plan, Dataset<T> TrainSet, Dataset<T>? TestSet, Module<T> Initial)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How the setup trains: epochs, batch size, shuffling and its seed, scheduler and clipping.</summary>
    public TrainingOptions Options =>
        new(Setup.Epochs, Setup.BatchSize, Setup.Shuffle, Setup.Seed, Setup.Scheduler, Setup.SchedulerInterval, Setup.Clipping);

    /// <summary>Trains a copy of the initial model with each optimizer (<see cref="Trainer.Compare"/>) and reports the results.</summary>
    /// <param name="progress">Called after every epoch of every optimizer.</param>
    public TrainingReport Train(Action<EpochReport>? progress = null)
    {
        TrainingSetup s = Setup;
        TrainingOptions options = Options;
        IReadOnlyList<OptimizerResult> results = Trainer.Compare(Initial, s.Loss, TrainSet, TestSet, s.Optimizers, options, progress);
        double? bestLinear = s.Model.IsLinear && s.Loss is MseLoss ? LeastSquares.MeanSquaredError(TrainSet) : null;
        return new TrainingReport(Plan.Description, s.Model.ToString(), s.Loss.ToSpec(), s.DType.ToString().ToLowerInvariant(), options,
            TrainSet.Count, TestSet?.Count ?? 0, results, bestLinear);
    }
}
