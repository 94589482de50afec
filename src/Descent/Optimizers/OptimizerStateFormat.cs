using System.Numerics;
using System.Text.Json;
using Descent.IO;
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
            foreach (var (name, value) in s.Scalars) { w.WritePropertyName(name); ExactNumber.Write(w, value); }
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

    /// <exception cref="InputException">Anything malformed, or another optimizer's, dtype's or parameter layout's state.</exception>
    public static void Read<T>(Optimizer<T> optimizer, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream); }
        catch (JsonException e) { throw Problem($"not valid JSON ({e.Message})"); }
        using var _ = doc;
        JsonElement root = doc.RootElement;
        Require(root.ValueKind == JsonValueKind.Object && Str(root, "format") == Format, "not a Descent optimizer state file");
        JsonElement version = Property(root, "version", "");
        Require(version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out int v) && v == Version,
            $"unsupported version {version.GetRawText()} (this Descent reads version {Version})");
        string name = String(root, "optimizer", ""), dtype = String(root, "dtype", "");
        Require(name == optimizer.Defaults.Name, $"it holds {name} state, not {optimizer.Defaults.Name}");
        Require(dtype == DType<T>(), $"it holds {dtype} state, not {DType<T>()}");

        JsonElement[] groups = [.. Array(root, "param_groups", "").EnumerateArray()];
        Require(groups.Length == optimizer.ParamGroups.Count,
            $"it has {groups.Length} parameter groups, the optimizer {optimizer.ParamGroups.Count}");
        Tensor<T>[] parameters = [.. optimizer.ParamGroups.SelectMany(g => g.Parameters)];
        var options = new OptimizerOptions[groups.Length];
        int[] groupOf = new int[parameters.Length];
        for (int i = 0, index = 0; i < groups.Length; i++)
        {
            string path = $"param_groups[{i}]";
            JsonElement[] ids = [.. Array(groups[i], "params", path).EnumerateArray()];
            Require(ids.Length == optimizer.ParamGroups[i].Parameters.Count,
                $"parameter group {i} has {ids.Length} parameters, the optimizer's {optimizer.ParamGroups[i].Parameters.Count}");
            for (int j = 0; j < ids.Length; j++, index++)
            {
                // Parameters are numbered in group order; anything else is not a state this format writes.
                Require(WholeNumber(ids[j], $"{path}.params[{j}]", 0, int.MaxValue) == index, $"{path}.params[{j}] is not parameter {index}");
                groupOf[index] = i;
            }
            string spec = String(groups[i], "options", path);
            try { options[i] = OptimizerCatalog.Parse(spec); }
            catch (InputException e) { throw Problem($"{path}.options: {e.Message}"); }
            Require(options[i].GetType() == optimizer.Defaults.GetType(),
                $"{path}.options are {options[i].Name} options, not {optimizer.Defaults.Name}");
        }

        var states = new Dictionary<Tensor<T>, ParameterState<T>>(ReferenceEqualityComparer.Instance);
        JsonElement[] entries = [.. Array(root, "state", "").EnumerateArray()];
        for (int k = 0; k < entries.Length; k++)
        {
            string path = $"state[{k}]";
            JsonElement entry = entries[k];
            Require(entry.ValueKind == JsonValueKind.Object, $"{path} is not an object");
            long id = WholeNumber(Property(entry, "param", path), $"{path}.param", 0, long.MaxValue);
            Require(id < parameters.Length, $"{path} is for parameter {id}, and the optimizer has {parameters.Length}");
            Tensor<T> parameter = parameters[id];
            Require(!states.ContainsKey(parameter), $"{path}: a second state for parameter {id}");
            var s = new ParameterState<T> { Step = WholeNumber(Property(entry, "step", path), $"{path}.step", 0, long.MaxValue) };
            foreach (JsonProperty p in Object(entry, "scalars", path).EnumerateObject())
                s.Scalars[p.Name] = ReadNumber(p.Value, $"{path}.scalars.{p.Name}");
            foreach (JsonProperty p in Object(entry, "buffers", path).EnumerateObject())
                s.Buffers[p.Name] = ReadTensor<T>(p.Value, $"{path}.buffers.{p.Name}");
            foreach (JsonProperty p in Object(entry, "lists", path).EnumerateObject())
            {
                Require(p.Value.ValueKind == JsonValueKind.Array, $"{path}.lists.{p.Name} is not an array");
                s.Lists[p.Name] = [.. p.Value.EnumerateArray().Select((t, i) => ReadTensor<T>(t, $"{path}.lists.{p.Name}[{i}]"))];
            }
            if (optimizer.StateProblem(parameter, options[groupOf[id]], s) is { } problem) throw Problem($"{path}: {problem}");
            states[parameter] = s;
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
        foreach (T x in t.Data) ExactNumber.Write(w, double.CreateChecked(x));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static Tensor<T> ReadTensor<T>(JsonElement e, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Require(e.ValueKind == JsonValueKind.Object, $"{path} is not a tensor (an object with shape and data)");
        JsonElement[] dims = [.. Array(e, "shape", path).EnumerateArray()];
        int[] shape = new int[dims.Length];
        long size = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            shape[i] = (int)WholeNumber(dims[i], $"{path}.shape[{i}]", 0, int.MaxValue);
            size = Math.Min(size * shape[i], (long)int.MaxValue + 1);
        }
        JsonElement[] values = [.. Array(e, "data", path).EnumerateArray()];
        Require(size == values.Length, $"{path} has {values.Length} numbers for shape {TensorShape.Format(shape)}");
        var data = new T[values.Length];
        for (int i = 0; i < data.Length; i++)
        {
            double x = ReadNumber(values[i], $"{path}.data[{i}]");
            data[i] = T.CreateChecked(x);
            Require(!double.IsFinite(x) || T.IsFinite(data[i]), $"{path}.data[{i}] = {x:R} is out of {DType<T>()}'s range");
        }
        return Tensor<T>.FromArray(data, shape);
    }


    /// <summary>A finite number, or one of the strings <see cref="ExactNumber.Write"/> writes for the others.</summary>
    private static double ReadNumber(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String)
            return ExactNumber.FromName(e.GetString()) ?? throw Problem($"{path} is '{e.GetString()}', not a number");
        // A literal beyond double's range (1e400) parses as infinity; the writer never writes one, so it is not a state.
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double value) && double.IsFinite(value)) return value;
        throw Problem($"{path} is {Shown(e)}, not a finite number");
    }

    private static long WholeNumber(JsonElement e, string path, long min, long max)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long value) && value >= min && value <= max) return value;
        throw Problem($"{path} is {Shown(e)}; it must be a whole number {(max == long.MaxValue ? $">= {min}" : $"from {min} to {max}")}");
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement Property(JsonElement e, string name, string path)
    {
        Require(e.ValueKind == JsonValueKind.Object, $"{(path.Length == 0 ? "the file" : path)} is not an object");
        Require(e.TryGetProperty(name, out JsonElement v), $"'{Join(path, name)}' is missing");
        return v;
    }

    private static string String(JsonElement e, string name, string path)
    {
        JsonElement v = Property(e, name, path);
        Require(v.ValueKind == JsonValueKind.String, $"'{Join(path, name)}' is {Shown(v)}, not a string");
        return v.GetString()!;
    }

    private static JsonElement Array(JsonElement e, string name, string path)
    {
        JsonElement v = Property(e, name, path);
        Require(v.ValueKind == JsonValueKind.Array, $"'{Join(path, name)}' is {Shown(v)}, not an array");
        return v;
    }

    private static JsonElement Object(JsonElement e, string name, string path)
    {
        JsonElement v = Property(e, name, path);
        Require(v.ValueKind == JsonValueKind.Object, $"'{Join(path, name)}' is {Shown(v)}, not an object");
        return v;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>A JSON value for a message, cut short if long.</summary>
    private static string Shown(JsonElement e)
    {
        string text = e.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition) throw Problem(problem);
    }

    private static InputException Problem(string problem) => new($"optimizer state: {problem}");
}
