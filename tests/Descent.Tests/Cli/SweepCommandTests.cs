using System.Text.Json;

namespace Descent.Tests.Cli;

public class SweepCommandTests
{
    private static readonly string[] Small =
        ["sweep", "train", "--optimizers", "sgd(lr=0.01); adam(lr=0.01)", "--lrs", "0.01:1:3", "--seeds", "3", "--epochs", "3", "--shuffle"];

    private static readonly string[] WholeSet = ["runs.csv", "curves.csv", "summary.json", "sensitivity.png", "sensitivity.svg", "curves.png", "curves.svg", "report.html"];

    [Fact]
    public void PlotlyBesideJoinsTheSweepsSet()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run([.. Small, "--out", dir, "--plotly-js", "beside"]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(WholeSet.Append("plotly.min.js").Order(), Directory.GetFiles(dir).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order());
        Assert.Contains("<script src=\"plotly.min.js\"></script>", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void ASweepPrintsTheRankingAndWritesItsFilesAsOneSet()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run([.. Small, "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("1 ★", r.Output);
        Assert.Contains("test loss", r.Output);
        Assert.Contains("mean [95% CI]", r.Output);
        Assert.Contains("sign test p", r.Output);
        Assert.Contains("has the lowest mean test loss", r.Output.Replace("\n  ", " ", StringComparison.Ordinal));
        Assert.All(r.Output.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains("sweep: 18/18 runs (100%)", r.Error);
        Assert.Equal(WholeSet.Order(), Directory.GetFiles(dir).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order());

        string[] runs = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
        Assert.Equal("run,optimizer,lr,seed,spec,validation_loss,test_loss,train_loss,best_epoch,diverged_at", runs[0]);
        Assert.Equal(1 + 2 * 3 * 3, runs.Length);
        Assert.StartsWith("0,sgd,0.01,0,sgd(lr=0.01),", runs[1]);
        Assert.StartsWith("17,adam,1,2,adam(lr=1),", runs[18]);
        Assert.Equal(1 + 18 * 3, File.ReadAllLines(Path.Combine(dir, "curves.csv")).Length);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        JsonElement root = summary.RootElement;
        Assert.StartsWith("sha256:", root.GetProperty("hash").GetString());
        Assert.Equal("test_loss", root.GetProperty("report_by").GetString());
        JsonElement[] optimizers = [.. root.GetProperty("optimizers").EnumerateArray()];
        Assert.Equal(root.GetProperty("winner").GetString(), optimizers[0].GetProperty("optimizer").GetString());
        foreach (JsonElement o in optimizers)
        {
            JsonElement test = o.GetProperty("test_loss");
            Assert.Equal(3, test.GetProperty("n").GetInt32());
            Assert.InRange(test.GetProperty("mean").GetDouble(), test.GetProperty("ci_low").GetDouble(), test.GetProperty("ci_high").GetDouble());
            Assert.Equal(3, o.GetProperty("grid").GetArrayLength());
        }
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Equal(2, html.Split("Plotly.newPlot").Length - 1);
        Assert.Contains("sensitivity.png", html);
    }

    [Fact]
    public void ShardsMergeToTheFilesOfTheUnshardedSweepByteForByte()
    {
        string root = CliRunner.TempDirectory(), whole = Path.Combine(root, "whole"), merged = Path.Combine(root, "merged");
        Assert.Equal(0, CliRunner.Run([.. Small, "--jobs", "2", "--out", whole]).ExitCode);
        var shards = new List<string>();
        for (int k = 0; k < 4; k++)
        {
            string shard = Path.Combine(root, $"shard-{k}");
            CliResult r = CliRunner.Run([.. Small, "--shard", $"{k}/4", "--jobs", "1", "--out", shard]);
            Assert.True(r.ExitCode == 0, r.Error);
            Assert.Contains($"shard-{k}-of-4: {(k < 2 ? 5 : 4)} of 18 runs written", r.Output);
            Assert.Equal(["curves.csv", "runs.csv", "shard.json"], Directory.GetFiles(shard).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order());
            shards.Add(shard);
        }
        shards.Reverse();
        CliResult m = CliRunner.Run(["sweep", "merge", .. shards, "--out", merged]);
        Assert.True(m.ExitCode == 0, m.Error);
        Assert.Contains("merged 4 shards", m.Output);
        foreach (string file in WholeSet)
            Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
    }

    [Fact]
    public void TheFilesDoNotDependOnTheNumberOfJobs()
    {
        string a = Path.Combine(CliRunner.TempDirectory(), "a"), b = Path.Combine(CliRunner.TempDirectory(), "b");
        Assert.Equal(0, CliRunner.Run([.. Small, "--jobs", "1", "--out", a]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. Small, "--jobs", "3", "--out", b]).ExitCode);
        foreach (string file in new[] { "runs.csv", "curves.csv", "summary.json" })
            Assert.Equal(File.ReadAllText(Path.Combine(a, file)), File.ReadAllText(Path.Combine(b, file)));
    }

    [Fact]
    public void AMinimizationSweepDrawsStartsFromTheBoxAndCountsStepsToTheTolerance()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run("sweep", "minimize", "x^2 + 3*y^2", "--from-box", "x=-2:2,y=-1:3", "--optimizers", "sgd(lr=0.1); adam(lr=0.1)",
            "--lrs", "0.01,0.1,0.3", "--seeds", "4", "--steps", "200", "--tol", "1e-8", "--f-min", "0", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("steps to tol", r.Output);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal("steps_to_tol", summary.RootElement.GetProperty("report_by").GetString());
        Assert.Equal("x=-2:2,y=-1:3", summary.RootElement.GetProperty("definition").GetProperty("settings").GetProperty("start_box").GetString());
        Assert.Equal("run,step,value", File.ReadLines(Path.Combine(dir, "curves.csv")).First());
        // sgd at 0.3 contracts x by 0.4 and y by 0.8 a step: the fastest of its rates.
        JsonElement sgd = summary.RootElement.GetProperty("optimizers").EnumerateArray().Single(o => o.GetProperty("optimizer").GetString() == "sgd");
        Assert.Equal(0.3, sgd.GetProperty("lr").GetDouble());
    }

    [Theory]
    [InlineData("reversed", "--lrs 1:0.1:5: the range is reversed", "sweep", "train", "--lrs", "1:0.1:5")]
    [InlineData("no rates", "--lrs 0.001:1:0: N = 0 is invalid", "sweep", "train", "--lrs", "1e-3:1:0")]
    [InlineData("no seeds", "--seeds 0 is invalid: give at least 1 seed", "sweep", "train", "--seeds", "0")]
    [InlineData("shard", "--shard 4/4: the index must be 0 to 3", "sweep", "train", "--shard", "4/4")]
    [InlineData("shard count", "--shard-count goes with --shard auto", "sweep", "train", "--shard-count", "3")]
    [InlineData("validation", "--validation-fraction 1 is invalid: it must be in (0, 1)", "sweep", "train", "--validation-fraction", "1")]
    [InlineData("tiny", "leaves 1 to train on and 0 to validate on", "sweep", "train", "--samples", "10", "--train-fraction", "0.1")]
    [InlineData("jobs", "--jobs 0 is invalid", "sweep", "train", "--jobs", "0")]
    [InlineData("optimizer", "unknown optimizer", "sweep", "train", "--optimizers", "adamm(lr=0.1)")]
    [InlineData("start", "give --from x=..,y=.. (one start point) or --from-box", "sweep", "minimize", "x^2")]
    [InlineData("fixed start", "every seed would start from the same point", "sweep", "minimize", "x^2", "--from", "x=1", "--seeds", "3")]
    [InlineData("box", "--from-box: no range for 'y'", "sweep", "minimize", "x^2 + y^2", "--from-box", "x=0:1")]
    [InlineData("merge nothing", "no such directory", "sweep", "merge", "/nonexistent/shard-0")]
    public void BadInputIsOneLineAndExitCode2WithNothingWritten(string what, string message, params string[] args)
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run([.. args, "--out", dir]);
        Assert.True(r.ExitCode == 2, $"{what}: exit {r.ExitCode}, {r.Error}");
        string[] errors = [.. r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("sweep:", StringComparison.Ordinal))];
        Assert.Single(errors);
        Assert.Contains(message, errors[0]);
        Assert.False(Directory.Exists(dir), what);
    }

    [Fact]
    public void MergingShardsOfDifferentSweepsOrWithAShardMissingIsRefused()
    {
        string root = CliRunner.TempDirectory();
        string[] Shard(int k, string epochs)
        {
            string dir = Path.Combine(root, $"e{epochs}-{k}");
            CliResult r = CliRunner.Run(["sweep", "train", "--optimizers", "sgd(lr=0.01)", "--lrs", "0.1:1:2", "--seeds", "2", "--epochs", epochs, "--shard", $"{k}/2", "--out", dir]);
            Assert.True(r.ExitCode == 0, r.Error);
            return [dir];
        }
        string[] a0 = Shard(0, "2"), a1 = Shard(1, "2"), b1 = Shard(1, "1");
        string merged = Path.Combine(root, "merged");
        CliResult missing = CliRunner.Run(["sweep", "merge", .. a0, "--out", merged]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("error: shard 1 of 2 is missing; give all 2 shard directories\n", missing.Error);
        CliResult mixed = CliRunner.Run(["sweep", "merge", .. a0, .. b1, "--out", merged]);
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("is a shard of another sweep than", mixed.Error);
        Assert.False(Directory.Exists(merged));
        Assert.Equal(0, CliRunner.Run(["sweep", "merge", .. a0, .. a1, "--out", merged]).ExitCode);
    }
}
