using System.Text.Json;
using Descent.Data;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// Reads and writes a <see cref="TrainedModel"/>'s spec as JSON (version 1), beside its safetensors weights:
/// <code>
/// { "format": "descent-model", "version": 1, "weights": "model-1-adam.safetensors",
///   "pytorch": "nn.Linear(10, 1)", "model": "linear", "loss": "mse", "dtype": "float32", "optimizer": "adam(lr=0.05)",
///   "features": [ { "name": "AGE" }, { "name": "city", "categories": [ "Paris", "Rome" ] } ],
///   "feature_names": [ "AGE", "city=Paris", "city=Rome" ], "targets": [ "Y" ], "outputs": 1,
///   "standardize": { "features": { "mean": [ ... ], "scale": [ ... ] }, "targets": { "mean": [ ... ], "scale": [ ... ] } } }
/// </code>
/// <c>standardize</c> is null when nothing was standardized, and either part is left out when its columns were not;
/// a prediction is <c>model((x - mean) / scale) * scale + mean</c> with the features' and the targets' numbers.
/// Numbers are written in shortest round-trip form, so a loaded model predicts bit for bit as the saved one.
/// </summary>
internal static class TrainedModelFormat
{
    public const string Format = "descent-model";
    public const int Version = 1;

    public static void Write(TrainedModel model, string weightsName, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("weights", weightsName);
        w.WriteString("pytorch", model.PyTorch);
        w.WriteString("model", model.Model.ToString());
        w.WriteString("loss", model.Loss.ToSpec());
        w.WriteString("dtype", model.DType.ToString().ToLowerInvariant());
        if (model.Optimizer is null) w.WriteNull("optimizer");
        else w.WriteString("optimizer", model.Optimizer);
        w.WriteStartArray("features");
        foreach (FeatureColumn c in model.Features)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            if (c.Categories is { } categories) Strings(w, "categories", categories);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "feature_names", model.Features.SelectMany(c => c.FeatureNames));
        Strings(w, "targets", model.Targets);
        w.WriteNumber("outputs", model.Outputs);
        if (model.Scaling is not { } s) w.WriteNull("standardize");
        else
        {
            w.WriteStartObject("standardize");
            Moments(w, "features", s.FeatureMeans, s.FeatureScales);
            Moments(w, "targets", s.TargetMeans, s.TargetScales);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>The model the spec at <paramref name="path"/> describes, without weights, and the name of its weights file.</summary>
    public static (TrainedModel Model, string WeightsName) Read(string path)
    {
        InputException Invalid(string problem) => new($"{path} is not a Descent model spec: {problem}");
        JsonDocument document = IO.InputFile.Read(path, stream =>
        {
            try
            {
                return JsonDocument.Parse(stream);
            }
            catch (JsonException e)
            {
                throw Invalid($"not JSON ({e.Message})");
            }
        });
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "format", Invalid) != Format)
                throw Invalid($"no \"format\": \"{Format}\" (give the .json written beside the .safetensors by descent train --save-model)");
            if (!root.TryGetProperty("version", out JsonElement version) || !version.TryGetInt32(out int v) || v != Version)
                throw Invalid($"version {(root.TryGetProperty("version", out JsonElement shown) ? shown.ToString() : "missing")}; this Descent reads version {Version}");
            T Spec<T>(string key, Func<string, T> parse)
            {
                try
                {
                    return parse(String(root, key, Invalid));
                }
                catch (ParseException e)
                {
                    throw Invalid($"{key}: {e.Message}");
                }
                catch (InputException e) when (e is not CsvException)
                {
                    throw Invalid($"{key}: {e.Message}");
                }
            }
            ModelSpec spec = Spec("model", ModelCatalog.Parse);
            Loss loss = Spec("loss", LossCatalog.Parse);
            DType dtype = String(root, "dtype", Invalid) switch
            {
                "float32" => DType.Float32,
                "float64" => DType.Float64,
                var other => throw Invalid($"dtype '{other}' (float32 or float64)"),
            };
            var features = Array(root, "features", Invalid).Select(f => f.ValueKind == JsonValueKind.Object
                ? new FeatureColumn(String(f, "name", Invalid), f.TryGetProperty("categories", out _) ? Strings(f, "categories", Invalid) : null)
                : throw Invalid("a feature that is not { \"name\": ... }")).ToArray();
            if (features.Sum(f => f.Width) < 1) throw Invalid("no features");
            string[] targets = Strings(root, "targets", Invalid);
            if (targets.Length < 1) throw Invalid("no targets");
            if (!root.TryGetProperty("outputs", out JsonElement o) || !o.TryGetInt32(out int outputs) || outputs < 1) throw Invalid("no outputs count");
            Standardization? scaling = null;
            if (root.TryGetProperty("standardize", out JsonElement st) && st.ValueKind == JsonValueKind.Object)
            {
                var (fm, fs) = Moments(st, "features", features.Sum(f => f.Width), Invalid);
                var (tm, ts) = Moments(st, "targets", outputs, Invalid);
                scaling = new Standardization { FeatureMeans = fm, FeatureScales = fs, TargetMeans = tm, TargetScales = ts };
            }
            string? optimizer = root.TryGetProperty("optimizer", out JsonElement op) && op.ValueKind == JsonValueKind.String ? op.GetString() : null;
            string weights = String(root, "weights", Invalid);
            if (weights.Length == 0 || Path.GetFileName(weights) != weights) throw Invalid($"weights '{weights}' is not a file name beside the spec");
            var model = new TrainedModel
            {
                Model = spec,
                Loss = loss,
                DType = dtype,
                Features = features,
                Targets = targets,
                Outputs = outputs,
                Weights = [],
                Scaling = scaling,
                Optimizer = optimizer,
            };
            return (model, weights);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Moments(Utf8JsonWriter w, string name, IReadOnlyList<double>? means, IReadOnlyList<double>? scales)
    {
        if (means is null || scales is null) return;
        w.WriteStartObject(name);
        w.WriteStartArray("mean");
        foreach (double m in means) w.WriteNumberValue(m);
        w.WriteEndArray();
        w.WriteStartArray("scale");
        foreach (double s in scales) w.WriteNumberValue(s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static (double[]? Means, double[]? Scales) Moments(JsonElement standardize, string name, int width, Func<string, InputException> invalid)
    {
        if (!standardize.TryGetProperty(name, out JsonElement part)) return (null, null);
        double[] Numbers(string key) => part.ValueKind == JsonValueKind.Object && part.TryGetProperty(key, out JsonElement a) && a.ValueKind == JsonValueKind.Array
            && a.GetArrayLength() == width && a.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number && double.IsFinite(x.GetDouble()))
            ? [.. a.EnumerateArray().Select(x => x.GetDouble())]
            : throw invalid($"standardize.{name}.{key} is not {width} finite numbers");
        double[] scales = Numbers("scale");
        if (scales.Any(s => s <= 0)) throw invalid($"standardize.{name}.scale holds a number that is not > 0");
        return (Numbers("mean"), scales);
    }

    private static string String(JsonElement e, string key, Func<string, InputException> invalid) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw invalid($"no \"{key}\" string");

    private static JsonElement[] Array(JsonElement e, string key, Func<string, InputException> invalid) =>
        e.TryGetProperty(key, out JsonElement v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : throw invalid($"no \"{key}\" list");

    private static string[] Strings(JsonElement e, string key, Func<string, InputException> invalid) =>
        [.. Array(e, key, invalid).Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw invalid($"\"{key}\" holds something other than strings"))];
}
