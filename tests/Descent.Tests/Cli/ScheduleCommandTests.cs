using System.Globalization;
using Descent.Schedulers;
using Descent.Specs;

namespace Descent.Tests.Cli;

public class ScheduleCommandTests
{
    [Fact]
    public void ListsEverySchedulerAndShowsOneInFull()
    {
        CliResult r = CliRunner.Run("schedulers");
        Assert.Equal(0, r.ExitCode);
        foreach (CatalogEntry<SchedulerOptions> s in SchedulerCatalog.All) Assert.Contains(s.Name, r.Output);

        CliResult one = CliRunner.Run("schedulers", "cosine_annealing_warm_restarts");
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("t_0", one.Output);
        Assert.Contains("required", one.Output);
        Assert.Contains("t_mult", one.Output);
        Assert.Contains("cos(pi * t_cur / t_i)", one.Output);
        Assert.Contains("descent schedule \"cosine_annealing_warm_restarts(t_0=10)\"", one.Output);

        CliResult plateau = CliRunner.Run("schedulers", "reduce_lr_on_plateau");
        Assert.Contains("test loss", plateau.Output);
        Assert.Contains("0.0001", plateau.Output);

        CliResult typo = CliRunner.Run("schedulers", "one_cylce_lr");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("did you mean 'one_cycle_lr'", typo.Error);
    }

    [Fact]
    public void PrintsTheLearningRateOfEveryStepAsCsv()
    {
        CliResult r = CliRunner.Run("schedule", "step_lr(step_size=2, gamma=0.5)", "--lr", "0.1", "--steps", "4");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal("step,lr\n0,0.1\n1,0.1\n2,0.05\n3,0.05\n4,0.025\n", r.Output.Replace("\r\n", "\n"));

        // One-cycle on SGD with momentum: the momentum cycles, PyTorch's numbers (the shared parity case's first rows).
        CliResult cycle = CliRunner.Run("schedule", "one_cycle_lr(max_lr=0.05, total_steps=30)", "--optimizer", "sgd(lr=0.01, momentum=0.9)", "--steps", "30");
        string[] lines = cycle.Output.Replace("\r\n", "\n").TrimEnd().Split('\n');
        Assert.Equal("step,lr,momentum", lines[0]);
        Assert.Equal(32, lines.Length);
        Assert.Equal("0,0.0020000000000000018,0.95", lines[1]);
        string[] last = lines[^1].Split(',');
        Assert.Equal(30, int.Parse(last[0], CultureInfo.InvariantCulture));

        // On Adam, one-cycle cycles beta1.
        CliResult adam = CliRunner.Run("schedule", "one_cycle_lr(max_lr=0.1, total_steps=10)", "--optimizer", "adam", "--steps", "3");
        Assert.StartsWith("step,lr,momentum\n0,0.0040000000000000036,0.95\n", adam.Output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void PlotWritesThePictureAndThePageAndKeepsStandardOutputCsv()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "plot");
        CliResult r = CliRunner.Run("schedule", "cyclic_lr(base_lr=0.001, max_lr=0.1, step_size_up=5)", "--optimizer", "sgd(lr=0.1, momentum=0.9)", "--steps", "20", "--plot", dir);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.StartsWith("step,lr,momentum\n", r.Output.Replace("\r\n", "\n"));
        foreach (string file in new[] { "schedule.png", "schedule.svg", "report.html" }) Assert.True(File.Exists(Path.Combine(dir, file)), file);
        Assert.Contains("schedule.png", r.Error);
    }

    [Theory]
    [InlineData(new[] { "schedule", "one_cycle_lr(max_lr=0.1, total_steps=10)", "--steps", "11" }, "stepped 11 times after it was built, past its 10 total steps")]
    [InlineData(new[] { "schedule", "cosine_anealing_lr(t_max=10)" }, "unknown scheduler 'cosine_anealing_lr'; did you mean 'cosine_annealing_lr'?")]
    [InlineData(new[] { "schedule", "multi_step_lr(gamma=0.5)" }, "multi_step_lr: milestones is required, e.g. multi_step_lr(milestones=(30, 80))")]
    [InlineData(new[] { "schedule", "lambda_lr(lr_lambda=\"0.95^t\")" }, "it may use only epoch")]
    [InlineData(new[] { "schedule", "step_lr(step_size=2)", "--lr", "-1" }, "sgd: lr = -1 is invalid")]
    [InlineData(new[] { "schedule", "step_lr(step_size=2)", "--steps", "-1" }, "steps must be 0 or more")]
    [InlineData(new[] { "schedule", "cyclic_lr(base_lr=0.1, max_lr=1)", "--optimizer", "adagrad" }, "adagrad has none")]
    public void BadInputExitsWithCodeTwoAndWritesNothing(string[] args, string fragment)
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "plot");
        CliResult r = CliRunner.Run([.. args, "--plot", dir]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Error);
        Assert.Contains(fragment, r.Error);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.Empty(r.Output);
        Assert.False(Directory.Exists(dir));
    }
}
