using Descent.Optimizers;
using Descent.Tests.Cli;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>The tutorial's experiments are defined once, in the library, and the commands run that definition.</summary>
public class TutorialTests
{
    [Fact]
    public void TheParabolaZigzagsToMinusTwoAsTheTutorialPrints()
    {
        Trajectory run = Tutorial.Parabola.Run()[0];
        Assert.Equal([2.0, -3.6, -1.36, -2.256], run.Points.Take(4).Select(p => Math.Round(p[0], 12)));
        Assert.Equal(-2.0, run.Points[^1][0], 12);
    }

    [Fact]
    public void TheTrainingSetupReproducesThePyTorchSgdRun()
    {
        TrainingReport report = Tutorial.Training.Run();
        Assert.Equal(["sgd(lr=0.01)", "sgd(lr=0.01, momentum=0.9)", "adagrad(lr=0.01)", "rmsprop(lr=0.01)", "adadelta(lr=1)", "adam(lr=0.01)"],
            report.Results.Select(r => r.Spec));
        Assert.Equal((800, 200), (report.TrainSamples, report.TestSamples));
        // The tutorial's PyTorch run: train 0.97142920, test 0.80018936 (means of batch losses, last epoch).
        Assert.Equal(0.97142920, report.Results[0].FinalTrainLoss, 7);
        Assert.Equal(0.80018936, report.Results[0].TestLosses[^1], 7);
    }

    [Fact]
    public void DescentTrainWithNoOptionsIsTheTutorialSetup()
    {
        string dir = CliRunner.TempDirectory();
        Assert.Equal(0, CliRunner.Run("train", "--out", dir).ExitCode);
        var library = new MemoryStream();
        Tutorial.Training.Run().WriteSummaryJson(library);
        Assert.Equal(library.ToArray(), File.ReadAllBytes(Path.Combine(dir, "summary.json")));
    }

    [Fact]
    public void EverySettingIsCheckedWithALibraryMessage()
    {
        TrainingSetup t = Tutorial.Training;
        Assert.Contains("epochs must be at least 1", Assert.Throws<InputException>(() => (t with { Epochs = 0 }).Run()).Message);
        Assert.Contains("batch size must be at least 1", Assert.Throws<InputException>(() => (t with { BatchSize = 0 }).Run()).Message);
        Assert.Contains("train fraction must be in (0, 1]", Assert.Throws<InputException>(() => (t with { TrainFraction = 0 }).Run()).Message);
        Assert.Contains("no optimizers", Assert.Throws<InputException>(() => (t with { Optimizers = [] }).Run()).Message);
        var tiny = t with { Data = new Descent.Data.SyntheticSource(Descent.Expressions.Expression.Parse("x"), Samples: 0) };
        Assert.Equal("samples must be at least 1, not 0", Assert.Throws<InputException>(() => tiny.Run()).Message);
        Assert.Contains("steps must be 0 or more", Assert.Throws<InputException>(() => (Tutorial.Bowl with { Steps = -1 }).Run()).Message);
        Assert.Contains("'y' of the function has no start value",
            Assert.Throws<InputException>(() => (Tutorial.Bowl with { Variables = ["x"], Start = [1.0] }).Run()).Message);
    }

    [Theory]
    [InlineData(1000, 0.8, 800)]
    [InlineData(1001, 0.8, 801)]
    [InlineData(10, 0.75, 8)]
    [InlineData(3, 0.5, 2)]
    [InlineData(10, 0.001, 1)] // the remainder goes to the training part first, so it is never empty
    public void OneSplitRuleAsPyTorchsRandomSplit(int n, double fraction, int train) =>
        Assert.Equal([train, n - train], Descent.Data.RandomSplit.Sizes(n, [fraction, 1 - fraction]));

    [Fact]
    public void AnOptimizerSaysWhetherItNeedsAClosure()
    {
        Assert.All(OptimizerCatalog.All, e => Assert.Equal(e.Name == "lbfgs", e.Defaults.RequiresClosure));
        Assert.True(OptimizerCatalog.Parse("lbfgs").Create<double>([Descent.Tensors.Tensor<double>.Zeros(2).RequireGrad()]).RequiresClosure);
    }
}
