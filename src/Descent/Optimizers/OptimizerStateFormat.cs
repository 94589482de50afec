using System.Numerics;
using System.Text.Json;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>
/// Reads and writes an optimizer's hyperparameters and state as JSON (version 1):
/// <code>
/// { "format": "descent-optimizer-state", "version": 1, "optimizer": "adam", "dtype": "float32",
///   "param_groups": [ { "options": "adam(lr=0.001, ...)", "params": [0, 1] } ],
///   "state": [ { "param": 0, "step": 10, "scalars": { "eta": 0.01 },
///                "buffers": { "exp_avg": { "shape": [3], "data": [ ... ] } },
///                "lists": { "old_dirs": [ { "shape": [3], "data": [ ... ] } ] } } ] }
/// </code>
/// Parameters are numbered in group order, as in PyTorch's <c>state_dict</c>. Numbers are written in
/// shortest round-trip form (non-finite ones as the strings "NaN", "Infinity", "-Infinity"), so a
/// save and load restores the state bit for bit.
/// </summary>
internal static class OptimizerStateFormat
{
    public const string Format = "descent-optimizer-state";
    public const int Version = 1;

    public static void Write<T>(Optimizer<T> optimizer, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("optimizer", optimizer.Defaults.Name);
        w.WriteString("dtype", DType<T>());
        w.WriteStartArray("param_groups");
        int index = 0;
        foreach (ParameterGroup<T> group in optimizer.ParamGroups)
        {
            w.WriteStartObject();
            w.WriteString("options", group.Options.ToSpec(full: true));
            w.WriteStartArray("params");
            foreach (var _ in group.Parameters) w.WriteNumberValue(index++);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("state");
        index = 0;
        foreach (Tensor<T> p in optimizer.ParamGroups.SelectMany(g => g.Parameters))
        {
            int id = index++;
            if (!optimizer.HasState(p)) continue;
            ParameterState<T> s = optimizer.StateOf(p);
            w.WriteStartObject();
            w.WriteNumber("param", id);
            w.WriteNumber("step", s.Step);
            w.WriteStartObject("scalars");
            foreach (var (name, value) in s.Scalars) { w.WritePropertyName(name); WriteNumber(w, value); }
            w.WriteEndObject();
            w.WriteStartObject("buffers");
            foreach (var (name, tensor) in s.Buffers) { w.WritePropertyName(name); WriteTensor(w, tensor); }
            w.WriteEndObject();
            w.WriteStartObject("lists");
            foreach (var (name, list) in s.Lists)
            {
                w.WriteStartArray(name);
                foreach (Tensor<T> t in list) WriteTensor(w, t);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Read<T>(Optimizer<T> optimizer, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream); }
        catch (JsonException e) { throw new InputException($"optimizer state: not valid JSON ({e.Message})"); }
        using var _ = doc;
        JsonElement root = doc.RootElement;
        Require(root.ValueKind == JsonValueKind.Object && Str(root, "format") == Format, "not a Descent optimizer state file");
        Require(root.TryGetProperty("version", out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.GetInt32() == Version,
            $"unsupported version (this Descent reads version {Version})");
        Require(Str(root, "optimizer") == optimizer.Defaults.Name,
            $"it holds {Str(root, "optimizer")} state, not {optimizer.Defaults.Name}");
        Require(Str(root, "dtype") == DType<T>(), $"it holds {Str(root, "dtype")} state, not {DType<T>()}");
        JsonElement[] groups = [.. Array(root, "param_groups").EnumerateArray()];
        Require(groups.Length == optimizer.ParamGroups.Count,
            $"it has {groups.Length} parameter groups, the optimizer {optimizer.ParamGroups.Count}");
        Tensor<T>[] parameters = [.. optimizer.ParamGroups.SelectMany(g => g.Parameters)];
        var options = new OptimizerOptions[groups.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            Require(Array(groups[i], "params").GetArrayLength() == optimizer.ParamGroups[i].Parameters.Count,
                $"parameter group {i} has a different number of parameters");
            options[i] = OptimizerCatalog.Parse(Str(groups[i], "options") ?? "");
        }
        var states = new Dictionary<Tensor<T>, ParameterState<T>>(ReferenceEqualityComparer.Instance);
        foreach (JsonElement entry in Array(root, "state").EnumerateArray())
        {
            int id = entry.GetProperty("param").GetInt32();
            Require(id >= 0 && id < parameters.Length, $"state for parameter {id}, which does not exist");
            var s = new ParameterState<T> { Step = entry.GetProperty("step").GetInt64() };
            foreach (JsonProperty p in entry.GetProperty("scalars").EnumerateObject()) s.Scalars[p.Name] = ReadNumber(p.Value);
            foreach (JsonProperty p in entry.GetProperty("buffers").EnumerateObject()) s.Buffers[p.Name] = ReadTensor<T>(p.Value);
            foreach (JsonProperty p in entry.GetProperty("lists").EnumerateObject())
                s.Lists[p.Name] = [.. p.Value.EnumerateArray().Select(ReadTensor<T>)];
            states[parameters[id]] = s;
        }
        // Everything is read and checked before anything changes, so a bad file leaves the optimizer as it was.
        for (int i = 0; i < options.Length; i++) optimizer.ParamGroups[i].Options = options[i];
        optimizer.ReplaceState(states);
    }

    private static string DType<T>() => typeof(T) == typeof(float) ? "float32" : "float64";

    private static void WriteTensor<T>(Utf8JsonWriter w, Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        w.WriteStartObject();
        w.WriteStartArray("shape");
        foreach (int d in t.Shape) w.WriteNumberValue(d);
        w.WriteEndArray();
        w.WriteStartArray("data");
        foreach (T x in t.Data) WriteNumber(w, double.CreateChecked(x));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static Tensor<T> ReadTensor<T>(JsonElement e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] shape = [.. e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32())];
        T[] data = [.. e.GetProperty("data").EnumerateArray().Select(x => T.CreateChecked(ReadNumber(x)))];
        Require(TensorShape.SizeOf(shape) == data.Length, "a buffer's data does not fill its shape");
        return Tensor<T>.FromArray(data, shape);
    }

    private static void WriteNumber(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(value);
        else w.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static double ReadNumber(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity, var s => throw new InputException($"optimizer state: '{s}' is not a number") }
        : e.GetDouble();

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement Array(JsonElement e, string name)
    {
        Require(e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Array, $"'{name}' is missing");
        return v;
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition) throw new InputException($"optimizer state: {problem}");
    }
}
