using System.Diagnostics;
using System.Globalization;

namespace Descent.Tests.Cli;

public class MinimizeCommandTests
{
    private static double[][] ReadTrajectory(string path, out string header)
    {
        string[] lines = File.ReadAllLines(path);
        header = lines[0];
        return [.. lines.Skip(1).Select(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray())];
    }

    [Fact]
    public void TutorialOneDimensionalRunVisitsTheTutorialsPointsAndEndsAtMinusTwo()
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.7)", "--steps", "100", "--trajectory", csv);
        Assert.Equal(0, r.ExitCode);
        double[][] rows = ReadTrajectory(csv, out string header);
        Assert.Equal("step,x,value", header);
        Assert.Equal(101, rows.Length);
        Assert.Equal([0, 2, 13], rows[0]);
        double[] expected = [-3.6, -1.36, -2.256];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(k + 1, rows[k + 1][0]);
            Assert.Equal(expected[k], rows[k + 1][1], 1e-12);
        }
        Assert.Equal(-2, rows[100][1], 1e-12);
        Assert.Equal(-3, rows[100][2], 1e-12);
        Assert.Contains("x = -2", r.Output);
        Assert.Contains("steps", r.Output);
    }

    [Fact]
    public void TutorialOneDimensionalRunInFloat32MatchesThePyTorchReference()
    {
        // ../shared/seed/reference-output.txt: "first xs: [-3.5999999046325684, -1.3600001335144043, ...]".
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.7)", "--dtype", "float32", "--trajectory", csv);
        Assert.Equal(0, r.ExitCode);
        double[][] rows = ReadTrajectory(csv, out _);
        double[] pytorch = [-3.5999999046325684, -1.3600001335144043, -2.25600004196167, -1.8975999355316162, -2.0409600734710693];
        for (int k = 0; k < pytorch.Length; k++) Assert.Equal(pytorch[k], rows[k + 1][1]);
        Assert.Equal(-2.0, rows[100][1]);
    }

    [Fact]
    public void TutorialTwoDimensionalRunEndsNearTheOrigin()
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "x^2 + y^2", "--from", "x=2,y=2", "--optimizer", "sgd(lr=0.1)", "--steps", "100", "--trajectory", csv);
        Assert.Equal(0, r.ExitCode);
        double[][] rows = ReadTrajectory(csv, out string header);
        Assert.Equal("step,x,y,value", header);
        double expected = 2 * Math.Pow(0.8, 100); // 4.07e-10, as PyTorch's reference run prints
        Assert.Equal(expected, rows[100][1], expected * 1e-9);
        Assert.Equal(expected, rows[100][2], expected * 1e-9);
    }

    [Fact]
    public void FromOrderIsTheParameterOrder()
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "x^2 + 2*y^2", "--from", "y=1,x=3", "--steps", "1", "--trajectory", csv);
        Assert.Equal(0, r.ExitCode);
        double[][] rows = ReadTrajectory(csv, out string header);
        Assert.Equal("step,y,x,value", header);
        Assert.Equal([0, 1, 3, 11], rows[0]);
        Assert.Equal(1 - 0.1 * 4, rows[1][1], 1e-15);
        Assert.Equal(3 - 0.1 * 6, rows[1][2], 1e-15);
    }

    [Fact]
    public void TrajectoryNumbersRoundTrip()
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        Assert.Equal(0, CliRunner.Run("minimize", "sin(x)*cos(y) + 0.1*(x^2 + y^2)", "--from", "x=1,y=0.5", "--steps", "7", "--trajectory", csv).ExitCode);
        foreach (string line in File.ReadAllLines(csv).Skip(1))
            foreach (string field in line.Split(','))
                Assert.Equal(field, double.Parse(field, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["minimize", "x^^2", "--from", "x=1"], "column 3" },
        { ["minimize", "sin(x", "--from", "x=1"], "expected ')'" },
        { ["minimize", "foo(x)", "--from", "x=1"], "foo" },
        { ["minimize", "x $ y", "--from", "x=1,y=2"], "'$'" },
        { ["minimize", "", "--from", "x=1"], "empty" },
        { ["minimize", "x^2 + y^2", "--from", "x=1"], "no start value for 'y'" },
        { ["minimize", "x^2", "--from", "x=1,z=2"], "'z' is not a variable" },
        { ["minimize", "x^2", "--from", "x=1,x=2"], "'x' is given twice" },
        { ["minimize", "x^2", "--from", "x=abc"], "'abc' is not a number" },
        { ["minimize", "x^2", "--from", "x"], "not name=value" },
        { ["minimize", "x^2"], "--from" },
        { ["minimize", "x^2", "--from", "x=1", "--optimizer", "sgd(lr=-0.1)"], "lr = -0.1" },
        { ["minimize", "x^2", "--from", "x=1", "--optimizer", "sdg(lr=0.1)"], "did you mean 'sgd'" },
        { ["minimize", "x^2", "--from", "x=1", "--optimizer", "sgd(lr=0.1, momentun=0.9)"], "did you mean 'momentum'" },
        { ["minimize", "x^2", "--from", "x=1", "--optimizer", "sgd(lr=)"], "column 8" },
        { ["minimize", "x^2", "--from", "x=1", "--optimizer", "sgd(lr=0.1, nesterov=true)"], "nesterov" },
        { ["minimize", "x^2", "--from", "x=1", "--optimizer", "sgd(lr=true)"], "wrong type" },
        { ["minimize", "x^2", "--from", "x=1", "--optimizer", "sgd"], "lr is required" },
        { ["minimize", "x^2", "--from", "x=1", "--steps", "-1"], "steps must be 0 or more" },
        { ["minimize", "x^2", "--from", "x=1", "--steps", "many"], "many" },
        { ["minimize", "x^2", "--from", "x=1", "--dtype", "float16"], "float16" },
        { ["minimise", "x^2"], "minimise" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsWithCodeTwoAndOneClearMessageAndWritesNothing(string[] args, string expectedFragment)
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run([.. args, "--trajectory", csv]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Error);
        Assert.Contains(expectedFragment, r.Error);
        Assert.DoesNotContain("   at ", r.Error); // no stack trace
        Assert.False(File.Exists(csv));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(csv)!));
    }

    [Fact]
    public void ExpressionErrorsEchoTheInputWithACaretUnderTheColumn()
    {
        CliResult r = CliRunner.Run("minimize", "x^^2", "--from", "x=1");
        string[] lines = r.Error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("x^^2", lines[1]);
        Assert.Equal(lines[1].IndexOf("x^^2", StringComparison.Ordinal) + 2, lines[2].IndexOf('^'));
    }

    [Fact]
    public void DivergenceStopsWithAWarningInsteadOfPrintingNaNs()
    {
        CliResult r = CliRunner.Run("minimize", "x^4", "--from", "x=10", "--optimizer", "sgd(lr=1)", "--steps", "100");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("no longer finite", r.Output);
    }

    [Fact]
    public void ARaceTableFitsEightyColumnsBestFirstWithTheWinnerStarredAndNoSpecCutMidWord()
    {
        CliResult r = CliRunner.Run("minimize", "(1-x)^2 + 100*(y-x^2)^2", "--from", "x=-1.5,y=2", "-o", "adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true)",
            "-o", "rmsprop(lr=0.01)", "-o", "momentum(lr=0.001)", "-o", "lookahead(optimizer=adam(lr=0.05), k=6, alpha=0.4)", "-o", "sgd(lr=0.1)", "--steps", "500");
        Assert.Equal(0, r.ExitCode);
        string[] lines = [.. r.Output.Split('\n').Select(l => l.TrimEnd('\r'))];
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        // Best first: momentum (f = 0.0044) is starred and comes before adam; the diverged run comes last.
        int star = r.Output.IndexOf("★ sgd(lr=0.001,", StringComparison.Ordinal);
        Assert.True(star > 0, r.Output);
        Assert.True(star < r.Output.IndexOf("adam(lr=0.05,", StringComparison.Ordinal));
        Assert.True(r.Output.IndexOf("rmsprop", StringComparison.Ordinal) < r.Output.IndexOf("(diverged)", StringComparison.Ordinal));
        // Each line of an optimizer cell ends where a spec may break: after a comma, "(" or "=", or at the spec's end.
        string[] cells = [.. lines.Where(l => l.StartsWith("│ ", StringComparison.Ordinal)).Skip(1).Select(l => l.Split('│')[1].Trim()).Where(c => c.Length > 0)];
        Assert.All(cells, c => Assert.True(c == "(diverged)" || c.EndsWith(',') || c.EndsWith('(') || c.EndsWith('=') || c.EndsWith(')'), $"cut mid-word: '{c}'"));
    }

    [Fact]
    public void TheBuiltCommandRunsAsAProcess()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Descent.Cli.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.7)"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("x = -2", output);

        var bad = new ProcessStartInfo("dotnet", ["exec", dll, "minimize", "x^^2", "--from", "x=2"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var badProcess = Process.Start(bad)!;
        string error = badProcess.StandardError.ReadToEnd();
        badProcess.WaitForExit();
        Assert.Equal(2, badProcess.ExitCode);
        Assert.StartsWith("error: ", error);
    }
}
