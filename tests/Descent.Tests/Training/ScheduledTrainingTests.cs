using System.Text.Json;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>Training with a learning-rate scheduler and gradient clipping, against PyTorch's run of the same tutorial setups.</summary>
public class ScheduledTrainingTests
{
    /// <summary>Fixtures/tutorial_scheduled.py's runs, recorded with Debian's PyTorch 1.13.1: per epoch train loss, test loss, lr.</summary>
    private static readonly JsonElement s_pytorch = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tutorial-scheduled.json"))).RootElement;

    public static TheoryData<string, string, string, string, string> Runs() => new()
    {
        { "warmup-cosine-adam", "adam(lr=0.01)", "sequential_lr(schedulers=(linear_lr(start_factor=0.1, total_iters=5), cosine_annealing_lr(t_max=45)), milestones=(5,))", "epoch", "" },
        { "one-cycle-momentum-clipped", "sgd(lr=0.01, momentum=0.9)", "one_cycle_lr(max_lr=0.05, epochs=50, steps_per_epoch=25)", "step", "norm 1 2" },
        { "plateau-sgd", "sgd(lr=0.05)", "reduce_lr_on_plateau(factor=0.5, patience=2)", "epoch", "" },
        { "step-rmsprop-value-clipped", "rmsprop(lr=0.01)", "step_lr(step_size=10, gamma=0.5)", "epoch", "value 0.5" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void MatchesPyTorchsTutorialRun(string name, string optimizer, string scheduler, string interval, string clipping)
    {
        string[] clip = clipping.Split(' ');
        TrainingSetup setup = Tutorial.Training with
        {
            Optimizers = [OptimizerCatalog.Parse(optimizer)],
            Scheduler = SchedulerCatalog.Parse(scheduler),
            SchedulerInterval = interval == "step" ? SchedulerInterval.Step : SchedulerInterval.Epoch,
            Clipping = clip[0] switch
            {
                "norm" => new GradientClipping.ByNorm(double.Parse(clip[1]), double.Parse(clip[2])),
                "value" => new GradientClipping.ByValue(double.Parse(clip[1])),
                _ => null,
            },
        };
        OptimizerResult r = setup.Run().Results[0];
        JsonElement[] rows = [.. s_pytorch.GetProperty(name).EnumerateArray()];
        Assert.Equal(rows.Length, r.TrainLosses.Count);
        for (int e = 0; e < rows.Length; e++)
        {
            // The learning rates are computed in double from the same numbers: PyTorch's, exactly.
            Assert.True(rows[e][2].GetDouble() == r.Lrs[e], $"{name}: epoch {e + 1} lr {r.Lrs[e]:R}, PyTorch {rows[e][2].GetDouble():R}");
            // The losses agree to float32 rounding (PyTorch sums each batch's squares in its own order).
            Assert.True(Math.Abs(rows[e][0].GetDouble() - r.TrainLosses[e]) < 1e-6, $"{name}: epoch {e + 1} train loss {r.TrainLosses[e]:R}, PyTorch {rows[e][0].GetDouble():R}");
            Assert.True(Math.Abs(rows[e][1].GetDouble() - r.TestLosses[e]) < 1e-6, $"{name}: epoch {e + 1} test loss {r.TestLosses[e]:R}, PyTorch {rows[e][1].GetDouble():R}");
        }
    }

    [Fact]
    public void EachOptimizerGetsItsOwnSchedulerScalingItsOwnLearningRate()
    {
        TrainingSetup setup = Tutorial.Training with
        {
            Epochs = 4,
            Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.01); adadelta()"),
            Scheduler = SchedulerCatalog.Parse("exponential_lr(gamma=0.5)"),
        };
        TrainingReport report = setup.Run();
        Assert.Equal([0.01, 0.005, 0.0025, 0.00125], report.Results[0].Lrs);
        Assert.Equal([1, 0.5, 0.25, 0.125], report.Results[1].Lrs);
        var csv = new StringWriter();
        report.WriteLossesCsv(csv);
        string[] lines = csv.ToString().Split('\n');
        Assert.Equal("optimizer,epoch,train_loss,test_loss,lr", lines[0]);
        Assert.EndsWith(",0.00125", lines[4]);
        Assert.EndsWith(",0.125", lines[8]);
    }

    [Fact]
    public void WithoutATestSetThePlateauWatchesTheTrainLoss()
    {
        TrainingSetup setup = Tutorial.Training with
        {
            TrainFraction = 1,
            Epochs = 30,
            Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.05)"),
            Scheduler = SchedulerCatalog.Parse("reduce_lr_on_plateau(factor=0.5, patience=1)"),
        };
        OptimizerResult r = setup.Run().Results[0];
        // The same scheduler fed the recorded train losses by hand sets the same learning rates.
        var optimizer = OptimizerCatalog.Parse("sgd(lr=0.05)").Create<double>([Descent.Tensors.Tensor<double>.FromArray([0.0]).RequireGrad()]);
        Scheduler<double> plateau = SchedulerCatalog.Parse("reduce_lr_on_plateau(factor=0.5, patience=1)").Create(optimizer);
        var expected = new List<double>();
        foreach (double loss in r.TrainLosses)
        {
            expected.Add(optimizer.ParamGroups[0].Lr);
            plateau.Step(loss);
        }
        Assert.Equal(expected, r.Lrs);
        Assert.True(r.Lrs[^1] < 0.05);
    }

    [Fact]
    public void OneCycleTooShortForTheRunIsRefusedBeforeTrainingStarts()
    {
        TrainingSetup setup = Tutorial.Training with
        {
            Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.01, momentum=0.9)"),
            Scheduler = SchedulerCatalog.Parse("one_cycle_lr(max_lr=0.05, total_steps=100)"),
            SchedulerInterval = SchedulerInterval.Step,
        };
        bool started = false;
        var e = Assert.Throws<InputException>(() => setup.Run(_ => started = true));
        Assert.False(started);
        Assert.EndsWith("past its 100 total steps (PyTorch 1.13 raises here too); the run takes 1250 scheduler steps", e.Message);
        // Per epoch, 50 steps fit.
        Assert.Equal(50, (setup with { SchedulerInterval = SchedulerInterval.Epoch }).Run().Results[0].Lrs.Count);
    }

    [Fact]
    public void ClippingWithAHugeNormChangesNothingAndATinyValueBoundsEveryStep()
    {
        TrainingSetup plain = Tutorial.Training with { Epochs = 3, Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.1)") };
        OptimizerResult unclipped = plain.Run().Results[0];
        OptimizerResult huge = (plain with { Clipping = new GradientClipping.ByNorm(1e30) }).Run().Results[0];
        Assert.Equal(unclipped.TrainLosses, huge.TrainLosses);
        OptimizerResult tiny = (plain with { Clipping = new GradientClipping.ByValue(1e-4) }).Run().Results[0];
        Assert.NotEqual(unclipped.TrainLosses, tiny.TrainLosses);
        // 75 steps of at most 0.1 * 1e-4 per weight barely move the model.
        Assert.Equal(tiny.TrainLosses[0], tiny.TrainLosses[^1], 0.01);
    }
}
