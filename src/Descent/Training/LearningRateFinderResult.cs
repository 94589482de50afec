using System.Globalization;
using System.Text.Json;
using Descent.Specs;

namespace Descent.Training;

/// <summary>What a <see cref="LearningRateFinder"/> measured: the learning rate, batch loss and smoothed loss of every step taken, and its suggestions.</summary>
public sealed record LearningRateFinderResult
{
    /// <summary>The test that was run.</summary>
    public required LearningRateFinder Finder { get; init; }

    /// <summary>What the data turned out to be.</summary>
    public required TrainingPlan Plan { get; init; }

    /// <summary>Batches in one pass over the training split; fewer than the steps means the test went over the data several times.</summary>
    public required int BatchesPerEpoch { get; init; }

    /// <summary>Per step taken, its learning rate.</summary>
    public required IReadOnlyList<double> Lrs { get; init; }

    /// <summary>Per step taken, the batch's loss before the step (in the targets' own units).</summary>
    public required IReadOnlyList<double> Losses { get; init; }

    /// <summary>Per step taken, the bias-corrected moving average of the losses up to it.</summary>
    public required IReadOnlyList<double> SmoothedLosses { get; init; }

    /// <summary>Why the test stopped before its last step (the loss blew up), or null if it took every step.</summary>
    public string? Stopped { get; init; }

    /// <summary>The lr at which the smoothed loss fell fastest against log lr, or null with too few steps.</summary>
    public LearningRateSuggestion? Steepest { get; init; }

    /// <summary>A tenth of the lr of the lowest smoothed loss, or null with too few steps.</summary>
    public LearningRateSuggestion? Minimum { get; init; }

    /// <summary>
    /// A warning when the steepest descent is at the first step the suggestions trust: there the moving average is
    /// still settling over batches of different losses, which is rarely a response to the learning rate; or null.
    /// </summary>
    public string? SteepestWarning => Steepest is { } s && s.Step == Finder.Steps / 10 + 1
        ? $"the steepest descent is at the first step trusted (step {s.Step}), where the smoothed loss is likely still settling over batches of different losses, "
            + "not responding to the learning rate; read the curve (or try --shuffle, more samples or more steps)"
        : null;

    /// <summary>The optimizer's spec with the learning rate set to <paramref name="lr"/>, e.g. <c>adam(lr=0.003)</c>.</summary>
    public string SpecWith(double lr) => (Finder.Optimizer with { Lr = lr }).ToSpec();

    /// <summary>The optimizer's spec with <paramref name="lr"/> rounded to two significant digits, e.g. <c>adam(lr=0.0032)</c>, to train with.</summary>
    public string SpecWithRounded(double lr) => SpecWith(double.Parse(lr.ToString("G2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>Writes <c>step,lr,loss,smoothed_loss</c>, one row per step taken, numbers in shortest round-trip form.</summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("step,lr,loss,smoothed_loss\n");
        for (int i = 0; i < Lrs.Count; i++)
            writer.Write($"{(i + 1).ToString(CultureInfo.InvariantCulture)},{SpecFormat.Number(Lrs[i])},{SpecFormat.Number(Losses[i])},{SpecFormat.Number(SmoothedLosses[i])}\n");
    }

    /// <summary>Writes the settings, how the test ended and the suggestions as indented JSON.</summary>
    public void WriteSummaryJson(Stream stream)
    {
        LearningRateFinder f = Finder;
        TrainingSetup s = f.Setup;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("data", Plan.Description);
        w.WriteString("model", s.Model.ToString());
        w.WriteString("loss", s.Loss.ToSpec());
        w.WriteString("dtype", s.DType.ToString().ToLowerInvariant());
        w.WriteString("optimizer", f.Optimizer.ToSpec());
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("batch_size", s.BatchSize);
        w.WriteBoolean("shuffle", s.Shuffle);
        if (s.Clipping is { } clipping) w.WriteString("gradient_clipping", clipping.ToString());
        if (s.Standardize != Data.Standardize.None) w.WriteString("standardize", s.Standardize.ToString().ToLowerInvariant());
        w.WriteNumber("train_samples", Plan.TrainSamples);
        w.WriteNumber("batches_per_epoch", BatchesPerEpoch);
        w.WriteNumber("start_lr", f.StartLr);
        w.WriteNumber("end_lr", f.EndLr);
        w.WriteNumber("steps", f.Steps);
        w.WriteNumber("stop_factor", f.StopFactor);
        w.WriteNumber("beta", f.Beta);
        w.WriteNumber("steps_taken", Lrs.Count);
        if (Stopped is null) w.WriteNull("stopped");
        else w.WriteString("stopped", Stopped);
        WriteSuggestion(w, "steepest", Steepest);
        WriteSuggestion(w, "minimum_over_10", Minimum);
        w.WriteEndObject();
    }

    private void WriteSuggestion(Utf8JsonWriter w, string name, LearningRateSuggestion? suggestion)
    {
        if (suggestion is not { } x)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("lr", x.Lr);
        w.WriteString("optimizer", SpecWithRounded(x.Lr));
        w.WriteNumber("step", x.Step);
        w.WriteNumber("at_lr", x.AtLr);
        w.WriteNumber("smoothed_loss", x.SmoothedLoss);
        w.WriteEndObject();
    }
}
