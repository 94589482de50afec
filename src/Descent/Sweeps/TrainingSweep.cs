using System.Numerics;
using System.Security.Cryptography;
using Descent.Data;
using Descent.Optimizers;
using Descent.Specs;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Sweeps;

/// <summary>
/// A training comparison swept over learning rates and seeds. Seed s draws the data, the split, the initial weights
/// and the batch order as <c>descent train --seed s</c> does, the same for every optimizer and learning rate; then a
/// validation split (<see cref="ValidationFraction"/> of the training data, drawn by a generator seeded from s) is held
/// out of training. Each run trains a copy of the initial model on the rest and records its losses on the validation,
/// test and training data.
/// </summary>
public sealed record TrainingSweep : Sweep
{
    /// <summary>The experiment: data, split, model, loss, optimizers, epochs, batch size, shuffling, dtype, scheduler, clipping. Its seed is ignored (see <see cref="Sweep.FirstSeed"/>).</summary>
    public required TrainingSetup Setup { get; init; }

    /// <summary>The fraction of the training split held out to choose learning rates by, in (0, 1); 0.1 by default.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>What chooses the learning rate and is reported (validation then test loss, by default).</summary>
    public TrainingMetric Metric { get; init; } = TrainingMetric.Loss;

    /// <inheritdoc/>
    public override IReadOnlyList<OptimizerOptions> Optimizers => Setup.Optimizers;

    /// <inheritdoc/>
    public override void Validate()
    {
        ArgumentNullException.ThrowIfNull(Setup);
        Setup.Validate();
        base.Validate();
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
            throw new InputException($"--validation-fraction {SpecFormat.Number(ValidationFraction)} is invalid: it must be in (0, 1)");
        if (Setup.Data is SyntheticSource s)
        {
            int train = RandomSplit.Sizes(s.Samples, [Setup.TrainFraction, 1 - Setup.TrainFraction])[0];
            ValidationSizes(train);
        }
    }

    /// <inheritdoc/>
    public override SweepDefinition Define()
    {
        Validate();
        bool loss = Metric == TrainingMetric.Loss;
        bool hasTest = Setup.TrainFraction < 1;
        string data = Describe(Setup.Data);
        return new SweepDefinition
        {
            Kind = "train",
            Title = $"{Setup.Model} with {Setup.Loss.ToSpec()} loss on {data}",
            Settings =
            [
                KeyValuePair.Create("data", data),
                KeyValuePair.Create("train_fraction", SpecFormat.Number(Setup.TrainFraction)),
                KeyValuePair.Create("validation_fraction", SpecFormat.Number(ValidationFraction)),
                KeyValuePair.Create("model", Setup.Model.ToString()),
                KeyValuePair.Create("loss", Setup.Loss.ToSpec()),
                KeyValuePair.Create("epochs", Setup.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                KeyValuePair.Create("batch_size", Setup.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                KeyValuePair.Create("shuffle", Setup.Shuffle ? "true" : "false"),
                KeyValuePair.Create("dtype", Setup.DType.ToString().ToLowerInvariant()),
                KeyValuePair.Create("scheduler", Setup.Scheduler?.ToSpec() ?? "none"),
                KeyValuePair.Create("scheduler_interval", Setup.SchedulerInterval.ToString().ToLowerInvariant()),
                KeyValuePair.Create("gradient_clipping", Setup.Clipping?.ToString() ?? "none"),
                KeyValuePair.Create("metric", loss ? "loss" : "train_loss"),
                .. GridSettings(),
            ],
            Optimizers = [.. Optimizers.Select(Label)],
            Lrs = Lrs.Values,
            Seeds = SeedValues,
            Metrics = ["validation_loss", "test_loss", "train_loss", "best_epoch"],
            SelectBy = loss ? "validation_loss" : "train_loss",
            // Without a test set the validation loss is all there is; the report says so.
            ReportBy = loss ? (hasTest ? "test_loss" : "validation_loss") : "train_loss",
            CurveAxis = "epoch",
            CurveValues = ["train_loss", "validation_loss"],
            CurvePlotted = loss ? "validation_loss" : "train_loss",
        };
    }

    private protected override Func<SweepCell, SweepRun> Start() => Setup.DType == DType.Float64 ? Start<double>() : Start<float>();

    private Func<SweepCell, SweepRun> Start<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<ulong> seeds = SeedValues;
        // Each seed's data, splits and initial model, made once by whichever run needs them first and then only read.
        Lazy<Seeded<T>>[] prepared = [.. seeds.Select(seed => new Lazy<Seeded<T>>(() => Prepare<T>(seed)))];
        return cell => Train(prepared[cell.Seed].Value, cell);
    }

    private sealed record Seeded<T>(PreparedTraining<T> Prepared, Dataset<T> Train, Dataset<T> Validation) where T : unmanaged, IFloatingPointIeee754<T>;

    private Seeded<T> Prepare<T>(ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        PreparedTraining<T> prepared = (Setup with { Seed = seed }).Prepare<T>();
        int[] sizes = ValidationSizes(prepared.TrainSet.Count);
        Dataset<T>[] parts = RandomSplit.BySizes(prepared.TrainSet, sizes, new TorchGenerator(DerivedSeed.Of(seed, DerivedSeed.Validation)));
        if (Setup.Scheduler is { } scheduler)
        {
            int steps = Setup.SchedulerInterval == SchedulerInterval.Epoch ? Setup.Epochs : Setup.Epochs * ((sizes[0] + Setup.BatchSize - 1) / Setup.BatchSize);
            foreach (OptimizerOptions optimizer in Optimizers)
                foreach (double lr in Lrs.Values) scheduler.CheckRun(optimizer with { Lr = lr }, steps);
        }
        return new Seeded<T>(prepared, parts[0], parts[1]);
    }

    private int[] ValidationSizes(int train)
    {
        int[] sizes = RandomSplit.Sizes(train, [1 - ValidationFraction, ValidationFraction]);
        if (sizes[0] < 1 || sizes[1] < 1)
            throw new InputException($"--validation-fraction {SpecFormat.Number(ValidationFraction)} of the {train} training samples leaves {sizes[0]} to train on and " +
                $"{sizes[1]} to validate on; each needs at least 1");
        return sizes;
    }

    private SweepRun Train<T>(Seeded<T> seeded, SweepCell cell) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerOptions optimizer = Optimizers[cell.Optimizer] with { Lr = Lrs.Values[cell.Lr] };
        PreparedTraining<T> prepared = seeded.Prepared;
        double test = double.NaN;
        OptimizerResult r = Trainer.Compare(prepared.Initial, Setup.Loss, seeded.Train, seeded.Validation, [optimizer], prepared.Options,
            trained: (_, runner) => test = prepared.TestSet is { } t ? runner.Evaluate(t, Setup.Loss) : double.NaN)[0];
        var curve = new double[r.TrainLosses.Count][];
        for (int e = 0; e < curve.Length; e++) curve[e] = [e + 1, r.TrainLosses[e], r.TestLosses[e]];
        return new SweepRun(cell.Run, r.Spec, [r.FinalTestLoss ?? double.NaN, test, r.FinalFullTrainLoss, r.BestEpoch],
            r.Stopped is null ? null : r.TrainLosses.Count + 1, curve);
    }

    /// <summary>The data source in words, for the definition: a file is named with a hash of its bytes, so that shards of one sweep read the same data.</summary>
    private static string Describe(DataSource source) => source switch
    {
        SyntheticSource s => $"synthetic {s.Function.Text}, noise {SpecFormat.Number(s.Noise)}, {s.Samples} samples, inputs in [{SpecFormat.Number(s.Low)}, {SpecFormat.Number(s.High)})",
        CsvSource c => $"{c.Path} (targets {string.Join(",", c.Targets)}; features {(c.Features is null ? "all others" : string.Join(",", c.Features))}; sha256 {FileHash(c.Path)})",
        _ => source.ToString(),
    };

    private static string FileHash(string path)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--data: cannot read '{path}': {e.Message}");
        }
    }
}
