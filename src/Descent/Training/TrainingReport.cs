using System.Globalization;
using System.Text.Json;
using Descent.Data;
using Descent.IO;
using Descent.Nn;
using Descent.Specs;

namespace Descent.Training;

/// <summary>A finished training comparison with what it ran on, written as <c>losses.csv</c> and <c>summary.json</c>.</summary>
/// <param name="Data">Where the samples came from, e.g. <c>synthetic x^2 + y^2, noise 1, 1000 samples</c>.</param>
/// <param name="Model">The model spec, e.g. <c>linear</c>.</param>
/// <param name="Loss">The loss spec, e.g. <c>mse</c>.</param>
/// <param name="DType">float32 or float64.</param>
/// <param name="Options">Epochs, batch size, shuffling, seed.</param>
/// <param name="TrainSamples">Training samples.</param>
/// <param name="TestSamples">Test samples (0 for no test set).</param>
/// <param name="Results">One result per optimizer, in the order given.</param>
/// <param name="LeastSquaresTrainLoss">The best training MSE any linear model reaches, when the model is linear and the loss MSE.</param>
public sealed record TrainingReport(string Data, string Model, string Loss, string DType, TrainingOptions Options,
    int TrainSamples, int TestSamples, IReadOnlyList<OptimizerResult> Results, double? LeastSquaresTrainLoss)
{
    /// <summary>Each optimizer's trained model, in the order of <see cref="Results"/>, ready to save or predict with.</summary>
    public IReadOnlyList<TrainedModel> Models { get; init; } = [];

    /// <summary>
    /// The best test MSE any linear model reaches, fitted by least squares on the test split itself: a floor no model
    /// trained on the training split can go below; null unless the model is linear, the loss MSE and there is a test set.
    /// </summary>
    public double? LeastSquaresTestLoss { get; init; }

    /// <summary>Which columns were standardized; losses are in the targets' own units either way.</summary>
    public Standardize Standardize { get; init; } = Standardize.None;

    /// <summary>Whether the results are ranked by the whole test set's loss (there is a test set) or else the whole training set's.</summary>
    public bool RankedByTest => TestSamples > 0;

    /// <summary>
    /// The results best first: lowest loss over the whole test set after training (over the whole training set without a
    /// test set), runs whose loss is not finite last, ties in the order given.
    /// </summary>
    public IReadOnlyList<OptimizerResult> BestFirst()
    {
        double Key(OptimizerResult r) => RankedByTest ? r.FinalTestLoss ?? double.NaN : r.FinalFullTrainLoss;
        return [.. Results.OrderBy(r => double.IsFinite(Key(r)) ? 0 : 1).ThenBy(r => double.IsFinite(Key(r)) ? Key(r) : 0)];
    }

    /// <summary>
    /// Writes <c>optimizer,epoch,train_loss,test_loss</c>, one row per optimizer and completed epoch (test_loss empty
    /// without a test set), and <c>,lr</c> (the learning rate the epoch started with) when a scheduler set it.
    /// </summary>
    public void WriteLossesCsv(TextWriter writer)
    {
        bool lr = Options.Scheduler is not null;
        writer.Write(lr ? "optimizer,epoch,train_loss,test_loss,lr\n" : "optimizer,epoch,train_loss,test_loss\n");
        foreach (OptimizerResult r in Results)
            for (int e = 0; e < r.TrainLosses.Count; e++)
            {
                string test = e < r.TestLosses.Count ? Number(r.TestLosses[e]) : "";
                writer.Write($"{CsvField(r.Spec)},{(e + 1).ToString(CultureInfo.InvariantCulture)},{Number(r.TrainLosses[e])},{test}");
                writer.Write(lr ? $",{Number(r.Lrs[e])}\n" : "\n");
            }
    }

    /// <summary>Writes the settings and, per optimizer, its spec, final losses and best epoch as indented JSON (non-finite numbers as null).</summary>
    public void WriteSummaryJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("data", Data);
        w.WriteString("model", Model);
        w.WriteString("loss", Loss);
        w.WriteString("dtype", DType);
        w.WriteNumber("seed", Options.Seed);
        w.WriteNumber("epochs", Options.Epochs);
        w.WriteNumber("batch_size", Options.BatchSize);
        w.WriteBoolean("shuffle", Options.Shuffle);
        // Written only when used, so a run without them writes what it always did.
        if (Options.Scheduler is { } scheduler)
        {
            w.WriteString("scheduler", scheduler.ToSpec());
            w.WriteString("scheduler_interval", Options.SchedulerInterval.ToString().ToLowerInvariant());
        }
        if (Options.Clipping is { } clipping) w.WriteString("gradient_clipping", clipping.ToString());
        if (Standardize != Standardize.None) w.WriteString("standardize", Standardize.ToString().ToLowerInvariant());
        if (Options.EarlyStopping is int patience) w.WriteNumber("early_stopping_patience", patience);
        w.WriteNumber("train_samples", TrainSamples);
        w.WriteNumber("test_samples", TestSamples);
        w.WriteStartArray("optimizers");
        foreach (OptimizerResult r in Results)
        {
            w.WriteStartObject();
            w.WriteString("spec", r.Spec);
            WriteNumber(w, "final_train_loss", r.FinalTrainLoss);
            WriteNumber(w, "final_full_train_loss", r.FinalFullTrainLoss);
            WriteNumber(w, "final_test_loss", r.FinalTestLoss);
            w.WriteNumber("best_epoch", r.BestEpoch);
            w.WriteNumber("epochs_completed", r.TrainLosses.Count);
            if (r.Stopped is null) w.WriteNull("stopped");
            else w.WriteString("stopped", r.Stopped);
            if (r.Divergence is { } divergence) WriteDivergence(w, divergence);
            if (r.KeptEpoch is int kept)
            {
                w.WriteBoolean("stopped_early", r.StoppedEarly);
                w.WriteNumber("kept_epoch", kept);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (LeastSquaresTrainLoss is double best) WriteNumber(w, "least_squares_train_loss", best);
        if (LeastSquaresTestLoss is double bestTest) WriteNumber(w, "least_squares_test_loss", bestTest);
        w.WriteEndObject();
    }

    /// <summary>Where a run diverged, as summary.json and checkpoints record it (the loss as a string when it is not finite).</summary>
    internal static void WriteDivergence(Utf8JsonWriter w, Divergence d)
    {
        w.WriteStartObject("divergence");
        w.WriteNumber("step", d.Step);
        w.WriteNumber("epoch", d.Epoch);
        w.WriteNumber("batch", d.Batch);
        w.WritePropertyName("loss");
        ExactNumber.Write(w, d.Loss);
        w.WriteString("parameter", d.Parameter);
        w.WriteBoolean("parameter_not_finite", d.ParameterNotFinite);
        w.WritePropertyName("gradient_norm");
        ExactNumber.Write(w, d.GradientNorm);
        w.WritePropertyName("parameter_gradient_norm");
        ExactNumber.Write(w, d.ParameterGradientNorm);
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static string Number(double value) => SpecFormat.Number(value);

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).</summary>
    internal static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
