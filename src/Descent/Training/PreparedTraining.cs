using System.Numerics;
using Descent.Data;
using Descent.Nn;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>A <see cref="TrainingSetup"/> with its data loaded and split and its initial model built, ready to train.</summary>
/// <param name="Setup">The experiment.</param>
/// <param name="Plan">What the data turned out to be.</param>
/// <param name="TrainSet">The training split (standardized if <see cref="Scaling"/> is set).</param>
/// <param name="TestSet">The test split (standardized likewise), or null without one.</param>
/// <param name="Initial">The model every optimizer starts from (left unchanged by training).</param>
public sealed record PreparedTraining<T>(TrainingSetup Setup, TrainingPlan Plan, Dataset<T> TrainSet, Dataset<T>? TestSet, Module<T> Initial)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How the data was standardized (fitted on the training split), or null if it was used as it is.</summary>
    public Standardization? Scaling { get; init; }

    /// <summary>Trains a copy of the initial model with each optimizer (<see cref="Trainer.Compare"/>) and reports the results.</summary>
    /// <param name="progress">Called after every epoch of every optimizer.</param>
    public TrainingReport Train(Action<EpochReport>? progress = null)
    {
        TrainingSetup s = Setup;
        var options = new TrainingOptions(s.Epochs, s.BatchSize, s.Shuffle, s.Seed, s.Scheduler, s.SchedulerInterval, s.Clipping);
        IReadOnlyList<OptimizerResult> results = Trainer.Compare(Initial, s.Loss, TrainSet, TestSet, s.Optimizers, options, progress, Scaling);
        // Standardized features leave the least-squares optimum as it is; standardized targets are put back in their units.
        double? bestLinear = s.Model.IsLinear && s.Loss is MseLoss ? LeastSquares.MeanSquaredError(OriginalTargets(TrainSet)) : null;
        return new TrainingReport(Plan.Description, s.Model.ToString(), s.Loss.ToSpec(), s.DType.ToString().ToLowerInvariant(), options,
            TrainSet.Count, TestSet?.Count ?? 0, results, bestLinear)
        {
            Standardize = s.Standardize,
            Models = [.. results.Select(r => new TrainedModel
            {
                Model = s.Model, Loss = s.Loss, DType = s.DType, Features = TrainSet.Columns, Targets = TrainSet.TargetNames,
                Outputs = Initial.OutputFeatures(TrainSet.Features.Dim(1)), Weights = r.Weights, Scaling = Scaling, Optimizer = r.Spec,
            })],
        };
    }

    private Dataset<T> OriginalTargets(Dataset<T> data)
    {
        if (Scaling?.TargetMeans is null) return data;
        var targets = Tensor<T>.Zeros([.. data.Targets.Shape]);
        Scaling.UnscaleTargets<T>(data.Targets.Data, targets.Data, targets.Dim(1));
        return new Dataset<T>(data.Features, targets, data.FeatureNames, data.TargetNames) { Columns = data.Columns };
    }
}
