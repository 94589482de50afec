using System.Text.Json;
using Descent.IO;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>
/// Reads and writes a <see cref="TrainingState"/> as JSON (version 1):
/// <code>
/// { "format": "descent-checkpoint", "version": 1, "run": { "data": "...", "epochs": "50", ... },
///   "completed": [ result, ... ], "current": result,
///   "weights": [ { "shape": [1, 2], "data": [ ... ] }, ... ], "optimizer_state": { ... }, "scheduler_state": { ... } or null,
///   "early_stopping": { "best_loss": 0.8, "best_epoch": 3, "best_weights": [ ... ] } or null }
/// </code>
/// where a result is <c>{ "spec", "train_losses", "test_losses", "lrs", "final_full_train_loss", "final_test_loss",
/// "stopped", "kept_epoch", "stopped_early", "divergence" (when it diverged), "weights": [ { "name", "shape", "data" } ] }</c>. Numbers are written in
/// shortest round-trip form (non-finite ones as the strings "NaN", "Infinity", "-Infinity"), so nothing is rounded.
/// </summary>
internal static class TrainingStateFormat
{
    public const string Format = "descent-checkpoint";
    public const int Version = 1;

    public static void Write(TrainingState state, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteStartObject("run");
        foreach (var (key, value) in state.Run) w.WriteString(key, value);
        w.WriteEndObject();
        w.WriteStartArray("completed");
        foreach (OptimizerResult r in state.Completed) WriteResult(w, r);
        w.WriteEndArray();
        w.WritePropertyName("current");
        WriteResult(w, state.Current);
        w.WritePropertyName("weights");
        WriteTensors(w, state.Weights);
        w.WritePropertyName("optimizer_state");
        w.WriteRawValue(state.OptimizerState);
        w.WritePropertyName("scheduler_state");
        if (state.SchedulerState is null) w.WriteNullValue();
        else w.WriteRawValue(state.SchedulerState);
        w.WritePropertyName("early_stopping");
        if (state.BestWeights is null) w.WriteNullValue();
        else
        {
            w.WriteStartObject();
            w.WritePropertyName("best_loss");
            ExactNumber.Write(w, state.BestLoss);
            w.WriteNumber("best_epoch", state.BestEpoch);
            w.WritePropertyName("best_weights");
            WriteTensors(w, state.BestWeights);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static TrainingState Read(Stream stream, string path)
    {
        InputException Invalid(string problem) => new($"{path} is not a checkpoint this Descent can resume from: {problem}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw Invalid($"not JSON ({e.Message})");
        }
        using (document)
        {
            try
            {
                JsonElement root = document.RootElement;
                if (root.GetProperty("format").GetString() != Format) throw Invalid($"its format is not {Format}");
                if (root.GetProperty("version").GetInt32() != Version) throw Invalid($"version {root.GetProperty("version")}; this Descent reads version {Version}");
                var run = root.GetProperty("run").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
                JsonElement early = root.GetProperty("early_stopping");
                JsonElement scheduler = root.GetProperty("scheduler_state");
                return new TrainingState
                {
                    Run = run,
                    Completed = [.. root.GetProperty("completed").EnumerateArray().Select(ReadResult)],
                    Current = ReadResult(root.GetProperty("current")),
                    Weights = ReadTensors(root.GetProperty("weights")),
                    OptimizerState = root.GetProperty("optimizer_state").GetRawText(),
                    SchedulerState = scheduler.ValueKind == JsonValueKind.Null ? null : scheduler.GetRawText(),
                    BestLoss = early.ValueKind == JsonValueKind.Null ? double.PositiveInfinity : ReadNumber(early.GetProperty("best_loss")),
                    BestEpoch = early.ValueKind == JsonValueKind.Null ? 0 : early.GetProperty("best_epoch").GetInt32(),
                    BestWeights = early.ValueKind == JsonValueKind.Null ? null : ReadTensors(early.GetProperty("best_weights")),
                };
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                // A missing key, a value of the wrong kind or a tensor whose data does not fill its shape.
                throw Invalid(e.Message);
            }
        }
    }

    private static void WriteResult(Utf8JsonWriter w, OptimizerResult r)
    {
        w.WriteStartObject();
        w.WriteString("spec", r.Spec);
        WriteNumbers(w, "train_losses", r.TrainLosses);
        WriteNumbers(w, "test_losses", r.TestLosses);
        WriteNumbers(w, "lrs", r.Lrs);
        w.WritePropertyName("final_full_train_loss");
        ExactNumber.Write(w, r.FinalFullTrainLoss);
        w.WritePropertyName("final_test_loss");
        if (r.FinalTestLoss is double t) ExactNumber.Write(w, t);
        else w.WriteNullValue();
        if (r.Stopped is null) w.WriteNull("stopped");
        else w.WriteString("stopped", r.Stopped);
        if (r.KeptEpoch is int kept) w.WriteNumber("kept_epoch", kept);
        else w.WriteNull("kept_epoch");
        w.WriteBoolean("stopped_early", r.StoppedEarly);
        if (r.Divergence is { } divergence) TrainingReport.WriteDivergence(w, divergence);
        w.WriteStartArray("weights");
        foreach (var (name, value) in r.Weights)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            WriteTensorBody(w, value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static OptimizerResult ReadResult(JsonElement e)
    {
        var r = new OptimizerResult(e.GetProperty("spec").GetString()!);
        r.TrainLosses.AddRange(ReadNumbers(e.GetProperty("train_losses")));
        r.TestLosses.AddRange(ReadNumbers(e.GetProperty("test_losses")));
        r.Lrs.AddRange(ReadNumbers(e.GetProperty("lrs")));
        r.FinalFullTrainLoss = ReadNumber(e.GetProperty("final_full_train_loss"));
        JsonElement test = e.GetProperty("final_test_loss");
        r.FinalTestLoss = test.ValueKind == JsonValueKind.Null ? null : ReadNumber(test);
        JsonElement stopped = e.GetProperty("stopped"), kept = e.GetProperty("kept_epoch");
        r.Stopped = stopped.ValueKind == JsonValueKind.Null ? null : stopped.GetString();
        r.KeptEpoch = kept.ValueKind == JsonValueKind.Null ? null : kept.GetInt32();
        r.StoppedEarly = e.GetProperty("stopped_early").GetBoolean();
        if (e.TryGetProperty("divergence", out JsonElement d))
            r.Divergence = new Divergence
            {
                Step = d.GetProperty("step").GetInt32(),
                Epoch = d.GetProperty("epoch").GetInt32(),
                Batch = d.GetProperty("batch").GetInt32(),
                Loss = ReadNumber(d.GetProperty("loss")),
                Parameter = d.GetProperty("parameter").GetString()!,
                ParameterNotFinite = d.GetProperty("parameter_not_finite").GetBoolean(),
                GradientNorm = ReadNumber(d.GetProperty("gradient_norm")),
                ParameterGradientNorm = ReadNumber(d.GetProperty("parameter_gradient_norm")),
            };
        r.Weights = [.. e.GetProperty("weights").EnumerateArray().Select(x => (x.GetProperty("name").GetString()!, ReadTensor(x)))];
        return r;
    }

    private static void WriteTensors(Utf8JsonWriter w, IReadOnlyList<Tensor<double>> tensors)
    {
        w.WriteStartArray();
        foreach (Tensor<double> t in tensors)
        {
            w.WriteStartObject();
            WriteTensorBody(w, t);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static IReadOnlyList<Tensor<double>> ReadTensors(JsonElement e) => [.. e.EnumerateArray().Select(ReadTensor)];

    private static void WriteTensorBody(Utf8JsonWriter w, Tensor<double> t)
    {
        w.WriteStartArray("shape");
        foreach (int d in t.Shape) w.WriteNumberValue(d);
        w.WriteEndArray();
        w.WriteStartArray("data");
        foreach (double v in t.Data) ExactNumber.Write(w, v);
        w.WriteEndArray();
    }

    private static Tensor<double> ReadTensor(JsonElement e) =>
        Tensor<double>.FromArray([.. ReadNumbers(e.GetProperty("data"))], [.. e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())]);

    private static void WriteNumbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values) ExactNumber.Write(w, v);
        w.WriteEndArray();
    }

    private static IEnumerable<double> ReadNumbers(JsonElement e) => e.EnumerateArray().Select(ReadNumber);


    private static double ReadNumber(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? ExactNumber.FromName(e.GetString()) ?? throw new FormatException($"'{e.GetString()}' is not a number")
        : e.GetDouble();
}
