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

    [Fact]
    public void AFunctionAndStartPointTooLongForACommandLineComeFromAResponseFile()
    {
        // 40,000 variables: a 1 MB function, where Linux allows 128 kB an argument. Each line of the file is split as a
        // shell would split it, so the function is in double quotes.
        const int n = 40_000;
        string file = Path.Combine(CliRunner.TempDirectory(), "many.rsp");
        string function = string.Join(" + ", Enumerable.Range(1, n).Select(i => $"(x{i} - {i % 10})^2"));
        string start = string.Join(",", Enumerable.Range(1, n).Select(i => $"x{i}=0"));
        File.WriteAllText(file, $"\"{function}\"\n--from {start}\n");
        Assert.True(new FileInfo(file).Length > 1_000_000);
        // The trajectory on standard output (the summary would print all 40,000 variables).
        CliResult r = CliRunner.Run("minimize", $"@{file}", "--optimizer", "sgd(lr=0.1)", "--steps", "1", "--trajectory", "-");
        Assert.Equal(0, r.ExitCode);
        string[] lines = r.Output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("step,x1,x2,x3,", lines[0]);
        double[][] rows = [.. lines.Skip(1).Select(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray())];
        Assert.Equal(n + 2, rows[1].Length);
        // One step of SGD from 0 on (x - c)^2 goes to 0.2 c.
        for (int i = 1; i <= n; i += 997) Assert.Equal(0.2 * (i % 10), rows[1][i], 1e-15);

        File.WriteAllText(file, "(x - 1)^2 + (y - 2)^2\n--from x=0,y=0\n");
        CliResult unquoted = CliRunner.Run("minimize", $"@{file}");
        Assert.Equal(2, unquoted.ExitCode);
        Assert.Contains("put the function in double quotes", unquoted.Error);
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
        { ["minimize", "@no-such-file.rsp"], "Response file not found 'no-such-file.rsp'" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "step_lr(step_siz=3)"], "step_lr: unknown hyperparameter 'step_siz'; did you mean 'step_size'?" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "cosine_anealing_lr(t_max=10)"], "unknown scheduler 'cosine_anealing_lr'; did you mean 'cosine_annealing_lr'?" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "step_lr"], "step_lr: step_size is required, e.g. step_lr(step_size=30)" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "one_cycle_lr(max_lr=0.1)"], "one_cycle_lr: total_steps is required, or epochs and steps_per_epoch" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "constant_lr(factor=2)"], "constant_lr: factor = 2 is invalid: it must be in [0, 1]" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "one_cycle_lr(max_lr=0.1, total_steps=50)", "--steps", "60"], "stepped 51 times after it was built, past its 50 total steps" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "lambda_lr(lr_lambda=\"0.9^\")"], "lambda_lr: lr_lambda = \"0.9^\" does not parse" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "lambda_lr(lr_lambda=\"0.9^step\")"], "uses the variable 'step'; it may use only epoch" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "cyclic_lr(base_lr=0.01, max_lr=0.1)", "--optimizer", "adam(lr=0.1)"], "cycle_momentum needs an optimizer with momentum, and adam has none" },
        { ["minimize", "x^2", "--from", "x=1", "--scheduler", "step_lr(step_size=3"], "--scheduler: expected ')'" },
        { ["minimize", "x^2", "--from", "x=1", "--clip-grad-norm", "-1"], "--clip-grad-norm = -1 is invalid: it must be a finite number > 0" },
        { ["minimize", "x^2", "--from", "x=1", "--clip-grad-norm", "1", "--clip-norm-type", "two"], "--clip-norm-type: 'two' is not a number or inf" },
        { ["minimize", "x^2", "--from", "x=1", "--clip-grad-norm", "1", "--clip-norm-type", "0"], "--clip-norm-type = 0 is invalid: it must be > 0, or inf" },
        { ["minimize", "x^2", "--from", "x=1", "--clip-norm-type", "2"], "--clip-norm-type goes with --clip-grad-norm" },
        { ["minimize", "x^2", "--from", "x=1", "--clip-grad-norm", "1", "--clip-grad-value", "1"], "give one of them, not both" },
        { ["minimize", "x^2", "--from", "x=1", "--clip-grad-value", "0"], "--clip-grad-value = 0 is invalid" },
    };

    [Fact]
    public void WithASchedulerTheTrajectoryHasTheLearningRateOfEachStep()
    {
        // The shared parity case: sgd(lr=0.1) with step_lr(step_size=5, gamma=0.5) on x^2 + 4*x + 1 from 2.
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.1)",
            "--scheduler", "step_lr(step_size=5, gamma=0.5)", "--steps", "30", "--trajectory", csv);
        Assert.True(r.ExitCode == 0, r.Error);
        double[][] rows = ReadTrajectory(csv, out string header);
        Assert.Equal("step,x,value,lr", header);
        Assert.Equal([0, 2, 13, 0.1], rows[0]);
        Assert.Equal([1.2, 0.1], [rows[1][1], rows[1][3]]);
        Assert.Equal(0.05, rows[5][3]);
        Assert.Equal(0.1 / 64, rows[30][3]);
        Assert.Equal(-1.5197860098927687, rows[30][1]);
        Assert.Contains("final lr", r.Output);
        Assert.Contains("scheduler step_lr(step_size=5, gamma=0.5)", r.Output);

        string race = Path.Combine(CliRunner.TempDirectory(), "race.csv");
        Assert.Equal(0, CliRunner.Run("minimize", "x^2", "--from", "x=1", "--optimizers", "sgd(lr=0.1); adam(lr=0.1)",
            "--scheduler", "exponential_lr(gamma=0.5)", "--steps", "3", "--trajectory", race).ExitCode);
        string[] lines = File.ReadAllLines(race);
        Assert.Equal("optimizer,step,x,value,lr", lines[0]);
        Assert.EndsWith(",0.0125", lines[4]);
        Assert.StartsWith("adam(lr=0.1),3,", lines[8]);
        Assert.EndsWith(",0.0125", lines[8]);
    }

    [Fact]
    public void ClippingTheGradientNormBoundsEachStep()
    {
        // f = 100 x^2 from x = 1: the gradient 200 is clipped to norm 1, so SGD with lr 0.1 moves 0.1 (less 2e-9 for PyTorch's 1e-6).
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "100*x^2", "--from", "x=1", "--optimizer", "sgd(lr=0.1)", "--clip-grad-norm", "1", "--steps", "1", "--trajectory", csv);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(1 - 0.1 * (1 / (200 + 1e-6) * 1.0 * 200), ReadTrajectory(csv, out string header)[1][1]);
        Assert.Equal("step,x,value", header);
        Assert.Contains("clip_grad_norm_(max_norm=1, norm_type=2)", r.Output);

        Assert.Equal(0, CliRunner.Run("minimize", "100*x^2 + y^2", "--from", "x=1,y=1", "--optimizer", "sgd(lr=0.1)", "--clip-grad-value", "0.5", "--steps", "1", "--trajectory", csv).ExitCode);
        Assert.Equal([1, 0.95, 0.95], ReadTrajectory(csv, out _)[1][..3]);
        Assert.Equal(0, CliRunner.Run("minimize", "100*x^2 + y^2", "--from", "x=1,y=1", "--optimizer", "sgd(lr=0.1)", "--clip-grad-norm", "1", "--clip-norm-type", "inf", "--steps", "1", "--trajectory", csv).ExitCode);
        Assert.Equal(1 - 0.1 * (200 * (1 / (200 + 1e-6))), ReadTrajectory(csv, out _)[1][1]);
    }

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
        CliResult r = CliRunner.Run("minimize", "(1-x)^2 + 100*(y-x^2)^2", "--from", "x=-1.5,y=2", "--optimizer", "adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true)",
            "--optimizer", "rmsprop(lr=0.01)", "--optimizer", "momentum(lr=0.001)", "--optimizer", "lookahead(optimizer=adam(lr=0.05), k=6, alpha=0.4)", "--optimizer", "sgd(lr=0.1)", "--steps", "500");
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

    [Theory]
    [InlineData("log(x)", "x=-1", "f is not finite at the start point")]
    [InlineData("x^2 + y^2", "x=1e200,y=1e200", "f is not finite at the start point")]
    [InlineData("sqrt(x)", "x=0", "the gradient of f is not finite at the start point")]
    public void ANonFiniteStartIsNotBlamedOnTheLearningRate(string function, string from, string message)
    {
        CliResult r = CliRunner.Run("minimize", function, "--from", from, "--steps", "5");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(message, r.Output);
        Assert.DoesNotContain("smaller learning rate", r.Output);
    }
}
