using Descent.Sweeps;

namespace Descent.Tests.Sweeps;

public class SweepResultsTests
{
    private static string WriteShard(SweepResults results)
    {
        string dir = Cli.CliRunner.TempDirectory();
        using (var json = File.Create(Path.Combine(dir, "shard.json"))) results.WriteShardJson(json);
        using (var runs = new StreamWriter(Path.Combine(dir, "runs.csv"))) results.WriteRunsCsv(runs);
        using (var curves = new StreamWriter(Path.Combine(dir, "curves.csv"))) results.WriteCurvesCsv(curves);
        return dir;
    }

    private static string Text(Action<TextWriter> write)
    {
        var w = new StringWriter();
        write(w);
        return w.ToString();
    }

    [Fact]
    public void ShardsWrittenAndReadBackMergeToTheWholeSweep()
    {
        TrainingSweep sweep = TrainingSweepTests.Small(seeds: 2);
        SweepResults whole = sweep.Run();
        string[] dirs = [.. Enumerable.Range(0, 3).Select(k => WriteShard(sweep.Run(new Shard(k, 3))))];
        SweepResults merged = SweepResults.Merge([.. dirs.Select(SweepResults.ReadShard)]);
        Assert.Equal(Text(whole.WriteRunsCsv), Text(merged.WriteRunsCsv));
        Assert.Equal(Text(whole.WriteCurvesCsv), Text(merged.WriteCurvesCsv));
        Assert.Equal(whole.Definition.Hash, merged.Definition.Hash);
        // Every number survives the text: the summaries agree to the last bit.
        var a = new MemoryStream();
        var b = new MemoryStream();
        SweepSummary.Of(whole).WriteJson(a);
        SweepSummary.Of(merged).WriteJson(b);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.Contains("diverged_at", File.ReadLines(Path.Combine(dirs[0], "runs.csv")).First());
    }

    [Fact]
    public void MergingRefusesShardsThatDoNotMakeOneWholeSweep()
    {
        TrainingSweep sweep = TrainingSweepTests.Small(seeds: 1);
        string[] dirs = [.. Enumerable.Range(0, 3).Select(k => WriteShard(sweep.Run(new Shard(k, 3))))];
        string other = WriteShard((sweep with { Seeds = 2 }).Run(new Shard(1, 3)));
        string twoWay = WriteShard(sweep.Run(new Shard(1, 2)));
        SweepResults Read(string d) => SweepResults.ReadShard(d);
        string Error(params string[] ds) => Assert.Throws<InputException>(() => SweepResults.Merge([.. ds.Select(Read)])).Message;

        Assert.Contains("shard 2 of 3 is missing; give all 3 shard directories", Error(dirs[0], dirs[1]));
        Assert.Contains("shards 1, 2 of 3 are missing", Error(dirs[0]));
        Assert.Contains($"shard 1 of 3 is given twice ({dirs[1]} and {dirs[1]})", Error(dirs[0], dirs[1], dirs[1], dirs[2]));
        Assert.Contains($"{other} is a shard of another sweep than {dirs[0]}", Error(dirs[0], other, dirs[2]));
        Assert.Contains("is one of 2 shards but", Error(dirs[0], twoWay));

        // A shard cut short (killed while writing is impossible: its set is written whole; but copied in part, say).
        string[] lines = File.ReadAllLines(Path.Combine(dirs[2], "runs.csv"));
        File.WriteAllLines(Path.Combine(dirs[2], "runs.csv"), lines[..^1]);
        Assert.Contains("of the shard's runs are missing", Assert.Throws<InputException>(() => Read(dirs[2])).Message);
        File.WriteAllLines(Path.Combine(dirs[2], "runs.csv"), [.. lines, lines[^1]]);
        Assert.Contains("is listed twice", Assert.Throws<InputException>(() => Read(dirs[2])).Message);

        string json = Path.Combine(dirs[1], "shard.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"epochs\": \"4\"", "\"epochs\": \"5\"", StringComparison.Ordinal));
        Assert.Contains("the definition does not match its hash", Assert.Throws<InputException>(() => Read(dirs[1])).Message);
        Assert.Contains("not a shard (no shard.json)", Assert.Throws<InputException>(() => Read(Cli.CliRunner.TempDirectory())).Message);
    }
}
