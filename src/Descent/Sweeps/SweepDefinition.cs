using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Descent.Sweeps;

/// <summary>
/// What a sweep runs, as data: its settings, the optimizers, learning rates and seeds whose every combination is a
/// run, and which metrics it records, chooses by and reports. Shards of one sweep share it (and its <see cref="Hash"/>),
/// which is how a merge tells them from shards of another sweep. Run i is optimizer i / (L·S), learning rate
/// (i / S) mod L and seed i mod S, for L learning rates and S seeds.
/// </summary>
public sealed record SweepDefinition
{
    /// <summary>What is swept: <c>train</c> or <c>minimize</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>One line saying what the runs do, for reports.</summary>
    public required string Title { get; init; }

    /// <summary>Every setting that changes the results, as (name, value) text in a fixed order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }

    /// <summary>The optimizers, each as its spec without the learning rate (e.g. <c>sgd(momentum=0.9)</c>).</summary>
    public required IReadOnlyList<string> Optimizers { get; init; }

    /// <summary>The learning rates every optimizer runs at, increasing.</summary>
    public required IReadOnlyList<double> Lrs { get; init; }

    /// <summary>The seeds every (optimizer, learning rate) runs with.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>The metrics each run records, in the order of the columns of <c>runs.csv</c>.</summary>
    public required IReadOnlyList<string> Metrics { get; init; }

    /// <summary>The metric that chooses each optimizer's learning rate (lower is better).</summary>
    public required string SelectBy { get; init; }

    /// <summary>The metric reported for the chosen learning rate and ranked by (lower is better).</summary>
    public required string ReportBy { get; init; }

    /// <summary>What a missing metric counts as (a run that never reached the tolerance counts as the step budget + 1), or null.</summary>
    public double? Censored { get; init; }

    /// <summary>What the curves are drawn against: <c>epoch</c> or <c>step</c>.</summary>
    public required string CurveAxis { get; init; }

    /// <summary>The values of each curve point, after the axis value, as in <c>curves.csv</c>.</summary>
    public required IReadOnlyList<string> CurveValues { get; init; }

    /// <summary>The curve value drawn for the tuned runs.</summary>
    public required string CurvePlotted { get; init; }

    /// <summary>The Descent version that ran it: shards from different versions may not give the same numbers.</summary>
    public string Version { get; init; } = typeof(SweepDefinition).Assembly.GetName().Version?.ToString() ?? "";

    /// <summary>The number of runs: optimizers × learning rates × seeds.</summary>
    public int RunCount => Optimizers.Count * Lrs.Count * Seeds.Count;

    /// <summary>The (optimizer, learning rate, seed) indices of run <paramref name="run"/>.</summary>
    public SweepCell Cell(int run) => new(run, run / (Lrs.Count * Seeds.Count), run / Seeds.Count % Lrs.Count, run % Seeds.Count);

    /// <summary>The index of the run of optimizer <paramref name="optimizer"/> at learning rate <paramref name="lr"/> with seed <paramref name="seed"/> (indices).</summary>
    public int Run(int optimizer, int lr, int seed) => (optimizer * Lrs.Count + lr) * Seeds.Count + seed;

    /// <summary>The index of metric <paramref name="name"/> in <see cref="Metrics"/>.</summary>
    public int MetricIndex(string name)
    {
        for (int i = 0; i < Metrics.Count; i++)
            if (Metrics[i] == name) return i;
        throw new ArgumentException($"The sweep records no metric '{name}'.", nameof(name));
    }

    /// <summary>A SHA-256 of everything above, e.g. <c>sha256:3f2a...</c>: equal for shards of the same sweep.</summary>
    public string Hash => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson(indented: false))));

    /// <summary>The definition as a JSON object (the form <see cref="FromJson"/> reads).</summary>
    public string ToJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOptions(indented))) Write(w);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the definition as a JSON object.</summary>
    public void Write(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("kind", Kind);
        w.WriteString("title", Title);
        w.WriteString("version", Version);
        w.WriteStartObject("settings");
        foreach (var (name, value) in Settings) w.WriteString(name, value);
        w.WriteEndObject();
        WriteStrings(w, "optimizers", Optimizers);
        w.WriteStartArray("lrs");
        foreach (double lr in Lrs) w.WriteNumberValue(lr);
        w.WriteEndArray();
        w.WriteStartArray("seeds");
        foreach (ulong seed in Seeds) w.WriteNumberValue(seed);
        w.WriteEndArray();
        WriteStrings(w, "metrics", Metrics);
        w.WriteString("select_by", SelectBy);
        w.WriteString("report_by", ReportBy);
        if (Censored is double censored) w.WriteNumber("censored", censored);
        else w.WriteNull("censored");
        w.WriteString("curve_axis", CurveAxis);
        WriteStrings(w, "curve_values", CurveValues);
        w.WriteString("curve_plotted", CurvePlotted);
        w.WriteEndObject();
    }

    /// <summary>Reads a definition written by <see cref="Write"/>.</summary>
    /// <param name="json">The object.</param>
    /// <param name="where">The file it came from, for errors.</param>
    /// <exception cref="InputException">A field is missing or of the wrong type.</exception>
    public static SweepDefinition FromJson(JsonElement json, string where)
    {
        try
        {
            string[] Strings(string name) => [.. json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];
            return new SweepDefinition
            {
                Kind = json.GetProperty("kind").GetString()!,
                Title = json.GetProperty("title").GetString()!,
                Version = json.GetProperty("version").GetString()!,
                Settings = [.. json.GetProperty("settings").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!))],
                Optimizers = Strings("optimizers"),
                Lrs = [.. json.GetProperty("lrs").EnumerateArray().Select(e => e.GetDouble())],
                Seeds = [.. json.GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt64())],
                Metrics = Strings("metrics"),
                SelectBy = json.GetProperty("select_by").GetString()!,
                ReportBy = json.GetProperty("report_by").GetString()!,
                Censored = json.GetProperty("censored").ValueKind == JsonValueKind.Null ? null : json.GetProperty("censored").GetDouble(),
                CurveAxis = json.GetProperty("curve_axis").GetString()!,
                CurveValues = Strings("curve_values"),
                CurvePlotted = json.GetProperty("curve_plotted").GetString()!,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{where}: not a sweep definition Descent wrote ({e.Message})");
        }
    }

    /// <summary>The JSON settings Descent's sweep files use: '+' and non-ASCII written as themselves.</summary>
    internal static JsonWriterOptions JsonOptions(bool indented) => new() { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}

/// <summary>One run of a sweep: its index and the indices of its optimizer, learning rate and seed in the definition.</summary>
/// <param name="Run">The run's index.</param>
/// <param name="Optimizer">The optimizer's index.</param>
/// <param name="Lr">The learning rate's index.</param>
/// <param name="Seed">The seed's index.</param>
public readonly record struct SweepCell(int Run, int Optimizer, int Lr, int Seed);
