using System.Globalization;
using System.Text.Json;
using Descent.Data;
using Descent.Specs;
using Descent.Training;

namespace Descent.Sweeps;

/// <summary>
/// The runs of a sweep, or of one shard of it, in run order, with the sweep's definition. Written as <c>runs.csv</c>
/// (one row per run) and <c>curves.csv</c> (per run, per epoch or step), plus <c>shard.json</c> for a shard; the shards
/// of a sweep read back and <see cref="Merge"/>d give the same results, and so the same files, as the whole sweep run at once.
/// </summary>
public sealed class SweepResults
{
    /// <summary>The results of <paramref name="shard"/> of the sweep <paramref name="definition"/>: exactly that shard's runs.</summary>
    /// <exception cref="ArgumentException">The runs are not the shard's, each once, in order.</exception>
    public SweepResults(SweepDefinition definition, Shard shard, IReadOnlyList<SweepRun> runs)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(runs);
        int expected = 0;
        foreach (SweepRun run in runs)
        {
            while (expected < definition.RunCount && !shard.Contains(expected)) expected++;
            if (run.Index != expected) throw new ArgumentException($"Run {run.Index} is not the next run of {shard} (run {expected}).", nameof(runs));
            if (run.Metrics.Count != definition.Metrics.Count) throw new ArgumentException($"Run {run.Index} has {run.Metrics.Count} metrics, not {definition.Metrics.Count}.", nameof(runs));
            expected++;
        }
        while (expected < definition.RunCount && !shard.Contains(expected)) expected++;
        if (expected < definition.RunCount) throw new ArgumentException($"{shard} lacks run {expected}.", nameof(runs));
        Definition = definition;
        Shard = shard;
        Runs = runs;
    }

    /// <summary>What was run.</summary>
    public SweepDefinition Definition { get; }

    /// <summary>Which part of the sweep these are (<see cref="Shard.All"/> for all of it).</summary>
    public Shard Shard { get; }

    /// <summary>The runs, in index order.</summary>
    public IReadOnlyList<SweepRun> Runs { get; }

    /// <summary>The directory these were read from, or null.</summary>
    public string? Source { get; private init; }

    /// <summary>The run with index <paramref name="index"/> (of a whole sweep).</summary>
    public SweepRun this[int index] => Shard.IsAll ? Runs[index] : Runs[index / Shard.Count];

    /// <summary>
    /// Writes <c>run,optimizer,lr,seed,spec,&lt;metrics&gt;,diverged_at</c>, one row per run in index order: numbers in shortest
    /// round-trip form, an empty field for a missing metric or a run that did not diverge, specs quoted where they hold commas.
    /// </summary>
    public void WriteRunsCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SweepDefinition d = Definition;
        writer.Write(RunsHeader(d));
        writer.Write('\n');
        string[] optimizers = [.. d.Optimizers.Select(TrainingReport.CsvField)];
        foreach (SweepRun run in Runs)
        {
            SweepCell cell = d.Cell(run.Index);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{run.Index},{optimizers[cell.Optimizer]},{Number(d.Lrs[cell.Lr])},{d.Seeds[cell.Seed]},{TrainingReport.CsvField(run.Spec)}"));
            foreach (double m in run.Metrics) writer.Write("," + Number(m));
            writer.Write(run.DivergedAt is int at ? string.Create(CultureInfo.InvariantCulture, $",{at}\n") : ",\n");
        }
    }

    /// <summary>Writes <c>run,&lt;epoch or step&gt;,&lt;curve values&gt;</c>, one row per recorded point of each run, in run order.</summary>
    public void WriteCurvesCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CurvesHeader(Definition));
        writer.Write('\n');
        foreach (SweepRun run in Runs)
        {
            string index = run.Index.ToString(CultureInfo.InvariantCulture);
            foreach (double[] point in run.Curve)
            {
                writer.Write(index);
                foreach (double v in point) writer.Write("," + Number(v));
                writer.Write('\n');
            }
        }
    }

    /// <summary>Writes a shard's <c>shard.json</c>: which part it is, the definition and its hash.</summary>
    public void WriteShardJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, SweepDefinition.JsonOptions(indented: true));
        w.WriteStartObject();
        w.WriteString("shard", Shard.ToString());
        w.WriteNumber("index", Shard.Index);
        w.WriteNumber("count", Shard.Count);
        w.WriteNumber("runs", Runs.Count);
        w.WriteString("hash", Definition.Hash);
        w.WritePropertyName("definition");
        Definition.Write(w);
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads a shard written as <c>shard.json</c>, <c>runs.csv</c> and <c>curves.csv</c> in <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="InputException">A file is missing or is not what a shard writes (named with the line).</exception>
    public static SweepResults ReadShard(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string json = Path.Combine(directory, "shard.json");
        if (!File.Exists(json))
            throw new InputException(Directory.Exists(directory)
                ? $"{directory}: not a shard (no shard.json); give the directories that 'descent sweep ... --shard K/M --out DIR' wrote"
                : $"{directory}: no such directory");
        SweepDefinition definition;
        Shard shard;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
            JsonElement root = doc.RootElement;
            definition = SweepDefinition.FromJson(root.GetProperty("definition"), json);
            shard = new Shard(root.GetProperty("index").GetInt32(), root.GetProperty("count").GetInt32());
            if (root.GetProperty("hash").GetString() != definition.Hash)
                throw new InputException($"{json}: the definition does not match its hash; the file was changed after the shard wrote it");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InputException($"{json}: not a shard.json Descent wrote ({e.Message})");
        }
        try
        {
            shard.Validate();
        }
        catch (InputException e)
        {
            throw new InputException($"{json}: {e.Message}");
        }
        SortedDictionary<int, SweepRun> runs = ReadRuns(Path.Combine(directory, "runs.csv"), definition, shard);
        ReadCurves(Path.Combine(directory, "curves.csv"), definition, runs);
        return new SweepResults(definition, shard, [.. runs.Values]) { Source = directory };
    }

    /// <summary>
    /// The whole sweep from all its shards: every shard of one definition exactly once, every run exactly once.
    /// </summary>
    /// <exception cref="InputException">Shards of different sweeps, a shard given twice or missing, or runs missing; each named.</exception>
    public static SweepResults Merge(IReadOnlyList<SweepResults> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0) throw new InputException("there are no shards to merge");
        SweepResults first = shards[0];
        string Name(SweepResults s) => s.Source ?? s.Shard.ToString();
        foreach (SweepResults s in shards.Skip(1))
        {
            if (s.Definition.Hash != first.Definition.Hash)
                throw new InputException($"{Name(s)} is a shard of another sweep than {Name(first)} (definitions {s.Definition.Hash[..15]}... and {first.Definition.Hash[..15]}...); merge the shards of one sweep");
            if (s.Shard.Count != first.Shard.Count)
                throw new InputException($"{Name(s)} is one of {s.Shard.Count} shards but {Name(first)} one of {first.Shard.Count}; merge the shards of one split");
        }
        int count = first.Shard.Count;
        var byIndex = new SweepResults?[count];
        foreach (SweepResults s in shards)
        {
            if (byIndex[s.Shard.Index] is { } twice)
                throw new InputException($"shard {s.Shard.Index} of {count} is given twice ({Name(twice)} and {Name(s)})");
            byIndex[s.Shard.Index] = s;
        }
        int[] missing = [.. Enumerable.Range(0, count).Where(i => byIndex[i] is null)];
        if (missing.Length > 0)
            throw new InputException($"{(missing.Length == 1 ? "shard" : "shards")} {string.Join(", ", missing)} of {count} {(missing.Length == 1 ? "is" : "are")} missing; give all {count} shard directories");
        var runs = new SweepRun[first.Definition.RunCount];
        for (int i = 0; i < runs.Length; i++) runs[i] = byIndex[i % count]!.Runs[i / count];
        return new SweepResults(first.Definition, Shard.All, runs);
    }

    // Each run's curve is a list that ReadCurves fills.
    private static SortedDictionary<int, SweepRun> ReadRuns(string path, SweepDefinition d, Shard shard)
    {
        var runs = new SortedDictionary<int, SweepRun>();
        using TextReader text = Open(path);
        var csv = new CsvReader(text, path);
        string header = RunsHeader(d);
        if (!csv.Read() || Record(csv) != header) throw new InputException($"{path}: the header is not '{header}'");
        int columns = 5 + d.Metrics.Count + 1;
        while (csv.Read())
        {
            string Where() => $"{path}, line {csv.Line}";
            if (csv.Count != columns) throw new InputException($"{Where()}: {csv.Count} fields, not {columns}");
            int index = Index(csv[0], d, Where);
            if (!shard.Contains(index)) throw new InputException($"{Where()}: run {index} does not belong to {shard}");
            if (runs.ContainsKey(index)) throw new InputException($"{Where()}: run {index} is listed twice");
            SweepCell cell = d.Cell(index);
            if (csv[1].ToString() != d.Optimizers[cell.Optimizer] || ParseNumber(csv[2], Where) != d.Lrs[cell.Lr] || csv[3].ToString() != d.Seeds[cell.Seed].ToString(CultureInfo.InvariantCulture))
                throw new InputException($"{Where()}: run {index} is not {d.Optimizers[cell.Optimizer]} at lr {Number(d.Lrs[cell.Lr])} with seed {d.Seeds[cell.Seed]}");
            double[] metrics = [.. Enumerable.Range(5, d.Metrics.Count).Select(i => ParseNumber(csv[i], Where))];
            int? diverged = csv[columns - 1].IsEmpty ? null : (int)ParseNumber(csv[columns - 1], Where);
            runs[index] = new SweepRun(index, csv[4].ToString(), metrics, diverged, new List<double[]>());
        }
        int[] absent = [.. Enumerable.Range(0, d.RunCount).Where(i => shard.Contains(i) && !runs.ContainsKey(i))];
        if (absent.Length > 0)
            throw new InputException($"{path}: {absent.Length} of the shard's runs are missing (runs {string.Join(", ", absent.Take(5))}{(absent.Length > 5 ? ", ..." : "")}); was the shard interrupted?");
        return runs;
    }

    private static void ReadCurves(string path, SweepDefinition d, SortedDictionary<int, SweepRun> runs)
    {
        using TextReader text = Open(path);
        var csv = new CsvReader(text, path);
        string header = CurvesHeader(d);
        if (!csv.Read() || Record(csv) != header) throw new InputException($"{path}: the header is not '{header}'");
        int columns = 2 + d.CurveValues.Count;
        while (csv.Read())
        {
            string Where() => $"{path}, line {csv.Line}";
            if (csv.Count != columns) throw new InputException($"{Where()}: {csv.Count} fields, not {columns}");
            int index = Index(csv[0], d, Where);
            if (!runs.TryGetValue(index, out SweepRun? run)) throw new InputException($"{Where()}: run {index} is not in the shard's runs.csv");
            ((List<double[]>)run.Curve).Add([.. Enumerable.Range(1, columns - 1).Select(i => ParseNumber(csv[i], Where))]);
        }
    }

    private static TextReader Open(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot be read ({e.Message})");
        }
    }

    private static string Record(CsvReader csv) => string.Join(",", Enumerable.Range(0, csv.Count).Select(i => csv[i].ToString()));

    private static int Index(ReadOnlySpan<char> text, SweepDefinition d, Func<string> where) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < d.RunCount ? index
        : throw new InputException($"{where()}: '{text}' is not a run of the sweep (0 to {d.RunCount - 1})");

    private static string RunsHeader(SweepDefinition d) => $"run,optimizer,lr,seed,spec,{string.Join(",", d.Metrics)},diverged_at";

    private static string CurvesHeader(SweepDefinition d) => $"run,{d.CurveAxis},{string.Join(",", d.CurveValues)}";

    /// <summary>A number as the sweep files write it: shortest round-trip form, empty for NaN, inf and -inf for the infinities.</summary>
    internal static string Number(double value) =>
        double.IsNaN(value) ? "" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : SpecFormat.Number(value);

    private static double ParseNumber(ReadOnlySpan<char> text, Func<string> where) =>
        text.IsEmpty ? double.NaN
        : text is "inf" ? double.PositiveInfinity
        : text is "-inf" ? double.NegativeInfinity
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
        : throw new InputException($"{where()}: '{text}' is not a number");
}
