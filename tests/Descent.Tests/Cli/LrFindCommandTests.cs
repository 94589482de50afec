using System.Text.Json;

namespace Descent.Tests.Cli;

public class LrFindCommandTests
{
    private static readonly string[] WholeSet = ["lr-find.csv", "summary.json", "lr-find.png", "lr-find.svg", "report.html"];

    private static string[] Files(string dir) => [.. Directory.GetFiles(dir).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).Order()!];

    [Fact]
    public void TheRangeTestPrintsItsSuggestionsAndWritesItsFilesAsOneSet()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        string diabetes = Descent.Tests.Training.RealDataTests.Diabetes;
        CliResult r = CliRunner.Run(["lr-find", "--data", diabetes, "--target", "Y", "--standardize", "all", "--optimizer", "sgd(lr=0.1, momentum=0.9)", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error);
        // The table on standard output, progress on standard error.
        Assert.Contains("steepest descent", r.Output);
        Assert.Contains("minimum / 10", r.Output);
        Assert.Matches(@"sgd\(lr=[0-9.e-]+, momentum=0\.9\)", r.Output);
        Assert.Contains("(12 batches a pass over the data)", r.Output);
        Assert.StartsWith("lr-find: sgd on diabetes.tsv", r.Error);
        Assert.Contains("lr-find: step 10/100, lr ", r.Error);
        Assert.Equal(WholeSet.Order(), Files(dir));
        Assert.All(r.Output.Split('\n').Where(l => !l.Contains(dir, StringComparison.Ordinal)), l => Assert.True(l.Length <= 80, l)); // paths are never broken

        string[] csv = File.ReadAllLines(Path.Combine(dir, "lr-find.csv"));
        Assert.Equal("step,lr,loss,smoothed_loss", csv[0]);
        Assert.StartsWith("1,1e-07,", csv[1]);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        JsonElement root = summary.RootElement;
        int taken = root.GetProperty("steps_taken").GetInt32();
        Assert.Equal(taken + 1, csv.Length);
        Assert.Equal(12, root.GetProperty("batches_per_epoch").GetInt32());
        // Momentum SGD on these data blows up before lr 10: the test says where.
        Assert.True(taken < 100);
        Assert.Contains("exceeded 4 x its lowest so far (", root.GetProperty("stopped").GetString());
        foreach (string name in new[] { "steepest", "minimum_over_10" })
        {
            JsonElement s = root.GetProperty(name);
            Assert.InRange(s.GetProperty("lr").GetDouble(), 1e-7, 10);
            Assert.StartsWith("sgd(lr=", s.GetProperty("optimizer").GetString());
        }
        Assert.Equal(root.GetProperty("minimum_over_10").GetProperty("at_lr").GetDouble() / 10, root.GetProperty("minimum_over_10").GetProperty("lr").GetDouble());
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("lr-find.png", html);
        Assert.Contains("steepest descent", html);
        Assert.StartsWith("\u0089PNG", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(dir, "lr-find.png"))[..4]));

        // Run again into the same directory with fewer steps: the set is replaced as a whole.
        r = CliRunner.Run(["lr-find", "--samples", "100", "--steps", "20", "--end-lr", "0.01", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(WholeSet.Order(), Files(dir));
        Assert.Equal(21, File.ReadAllLines(Path.Combine(dir, "lr-find.csv")).Length);
    }

    [Theory]
    [InlineData("error: --end-lr must be larger than --start-lr (1), not 0.1", "--start-lr", "1", "--end-lr", "0.1")]
    [InlineData("error: --start-lr must be a number > 0, not -1", "--start-lr", "-1")]
    [InlineData("error: --steps must be at least 2, not 1", "--steps", "1")]
    [InlineData("error: --stop-factor must be more than 1, not 0.5", "--stop-factor", "0.5")]
    [InlineData("error: --epochs does not apply to lr-find (it trains one --optimizer for --steps batches at learning rates it sets)", "--epochs", "5")]
    [InlineData("error: --scheduler does not apply to lr-find (it trains one --optimizer for --steps batches at learning rates it sets)", "--scheduler", "step_lr(step_size=1)")]
    [InlineData("error: --optimizers does not apply to lr-find (it trains one --optimizer for --steps batches at learning rates it sets)", "--optimizers", "adam(lr=0.1)")]
    [InlineData("error: --data needs --target: the column(s) to predict", "--data", "x.csv")]
    public void BadInputIsOneLineAndWritesNothing(string message, params string[] options)
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run(["lr-find", .. options, "--out", dir]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.Error.Trim());
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void AnUnknownOptimizerIsNamed()
    {
        CliResult r = CliRunner.Run(["lr-find", "--optimizer", "adamm(lr=0.1)", "--out", Path.Combine(CliRunner.TempDirectory(), "out")]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: unknown optimizer 'adamm'; did you mean 'adam'", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }

    [Fact]
    public void PlotlyJsBesideIsWrittenOnceIntoTheSet()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run(["lr-find", "--steps", "20", "--plotly-js", "beside", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("plotly.min.js", Files(dir));
        Assert.Contains("<script src=\"plotly.min.js\"></script>", File.ReadAllText(Path.Combine(dir, "report.html")));
    }
}
