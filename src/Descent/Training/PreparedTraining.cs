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

    /// <summary>
    /// The run's definition, setting by setting: what a checkpoint must share to be resumed here (the data by its
    /// description and the SHA-256 of the split data, so an edited file is another run).
    /// </summary>
    public IReadOnlyDictionary<string, string> Definition
    {
        get
        {
            TrainingSetup s = Setup;
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            foreach (Dataset<T>? set in new[] { TrainSet, TestSet })
                if (set is not null)
                {
                    hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.Features.Data));
                    hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(set.Targets.Data));
                }
            return new Dictionary<string, string>
            {
                ["data"] = Plan.Description,
                ["train_samples"] = Plan.TrainSamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["test_samples"] = Plan.TestSamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["seed"] = s.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["model"] = s.Model.ToString(),
                ["loss"] = s.Loss.ToSpec(),
                ["optimizers"] = string.Join("; ", s.Optimizers.Select(o => o.ToSpec())),
                ["epochs"] = s.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["batch_size"] = s.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["shuffle"] = s.Shuffle ? "true" : "false",
                ["dtype"] = s.DType.ToString().ToLowerInvariant(),
                ["scheduler"] = s.Scheduler is null ? "none" : $"{s.Scheduler.ToSpec()} per {s.SchedulerInterval.ToString().ToLowerInvariant()}",
                ["gradient_clipping"] = s.Clipping?.ToString() ?? "none",
                ["standardize"] = s.Standardize.ToString().ToLowerInvariant(),
                ["early_stopping"] = s.EarlyStopping?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
                // Last, so that a setting that changes the data (the seed, the split) is the difference named.
                ["data_sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()),
            };
        }
    }

    /// <summary>Throws unless <paramref name="resume"/> is null or a checkpoint of this very run.</summary>
    /// <exception cref="InputException">The checkpoint is of another run; the message names the first setting that differs.</exception>
    public void CheckResume(TrainingState? resume)
    {
        if (resume?.Difference(Definition) is { } difference) throw new InputException($"the checkpoint to resume from is of another run: {difference}");
    }

    /// <summary>How the setup trains: epochs, batch size, shuffling and its seed, scheduler, clipping, early stopping and checkpoints.</summary>
    public TrainingOptions Options =>
        new(Setup.Epochs, Setup.BatchSize, Setup.Shuffle, Setup.Seed, Setup.Scheduler, Setup.SchedulerInterval, Setup.Clipping)
        {
            EarlyStopping = Setup.EarlyStopping,
            CheckpointEvery = Setup.CheckpointEvery,
        };

    /// <summary>Trains a copy of the initial model with each optimizer (<see cref="Trainer.Compare"/>) and reports the results.</summary>
    /// <param name="progress">Called after every epoch of every optimizer.</param>
    /// <param name="resume">A checkpoint of this run (<see cref="Definition"/>) to continue from, bit for bit, or null to start afresh.</param>
    /// <param name="checkpoint">Given a checkpoint, marked with <see cref="Definition"/>, every <see cref="TrainingSetup.CheckpointEvery"/> epochs; null for none.</param>
    /// <exception cref="InputException">The checkpoint is of another run.</exception>
    public TrainingReport Train(Action<EpochReport>? progress = null, TrainingState? resume = null, Action<TrainingState>? checkpoint = null)
    {
        TrainingSetup s = Setup;
        CheckResume(resume);
        IReadOnlyDictionary<string, string>? definition = checkpoint is null ? null : Definition;
        TrainingOptions options = Options;
        IReadOnlyList<OptimizerResult> results = Trainer.Compare(Initial, s.Loss, TrainSet, TestSet, s.Optimizers, options, progress, Scaling,
            resume, checkpoint is null ? null : state => checkpoint(state with { Run = definition! }));
        // Standardized features leave the least-squares optimum as it is; standardized targets are put back in their units.
        double? bestLinear = s.Model.IsLinear && s.Loss is MseLoss ? LeastSquares.MeanSquaredError(OriginalTargets(TrainSet)) : null;
        return new TrainingReport(Plan.Description, s.Model.ToString(), s.Loss.ToSpec(), s.DType.ToString().ToLowerInvariant(), options,
            TrainSet.Count, TestSet?.Count ?? 0, results, bestLinear)
        {
            Standardize = s.Standardize,
            LeastSquaresTestLoss = bestLinear is not null && TestSet is { Count: > 0 } ? LeastSquares.MeanSquaredError(OriginalTargets(TestSet)) : null,
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
