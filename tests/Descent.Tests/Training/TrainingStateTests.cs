using Descent.Data;
using Descent.Expressions;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Schedulers;
using Descent.Tensors;
using Descent.Tests.Cli;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>Checkpoints: a comparison interrupted after a checkpoint and resumed from it ends exactly as one never interrupted.</summary>
public class TrainingStateTests
{
    private sealed class Interrupted : Exception;

    private static readonly TrainingSetup Tutorial = Descent.Training.Tutorial.Training with { Epochs = 9, CheckpointEvery = 2 };

    /// <summary>Runs that carry state across epochs in every way a checkpoint must keep: shuffled batches, optimizer moments, L-BFGS's history,
    /// schedule-free averages, schedulers stepped per epoch and per batch, plateau counters, early stopping's best weights, float64, where a run diverged.</summary>
    public static TheoryData<string, TrainingSetup> Runs() => new()
    {
        { "shuffled, six optimizers", Tutorial with { Shuffle = true } },
        { "lbfgs and schedule-free", Tutorial with { Optimizers = OptimizerCatalog.ParseList("lbfgs(lr=0.5); schedulefreeadamw(lr=0.05); lookahead(optimizer=adam(lr=0.05))") } },
        { "one-cycle per batch, clipped", Tutorial with { Scheduler = SchedulerCatalog.Parse("one_cycle_lr(max_lr=0.1, total_steps=225)"), SchedulerInterval = SchedulerInterval.Step,
            Clipping = new GradientClipping.ByNorm(0.5), Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.01, momentum=0.9); adam(lr=0.01)") } },
        { "plateau, early stopping, mlp, float64", Tutorial with { Scheduler = SchedulerCatalog.Parse("reduce_lr_on_plateau(patience=1)"), EarlyStopping = 2,
            DType = DType.Float64, Model = ModelCatalog.Parse("mlp(hidden=(4,))"), Optimizers = OptimizerCatalog.ParseList("adam(lr=0.1); rmsprop(lr=0.05)") } },
        { "a diverged run before a finished one", Tutorial with { Optimizers = OptimizerCatalog.ParseList("sgd(lr=100); adam(lr=0.01)") } },
        { "diabetes standardized", new TrainingSetup { Data = new CsvSource(RealDataTests.Diabetes, ["Y"]) { Categorical = ["SEX"] }, Standardize = Standardize.All,
            Epochs = 7, CheckpointEvery = 3, Shuffle = true, Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.01, momentum=0.9); adagrad(lr=0.1)") } },
    };

    private static byte[] Files(TrainingReport report)
    {
        var stream = new MemoryStream();
        report.WriteSummaryJson(stream);
        var text = new StringWriter();
        report.WriteLossesCsv(text);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        foreach (TrainedModel model in report.Models) model.WriteSafetensors(stream);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ARunResumedFromAnyCheckpointEndsAsIfNeverInterrupted(string name, TrainingSetup setup)
    {
        var checkpoints = new List<TrainingState>();
        byte[] uninterrupted = Files(setup.Run(checkpoint: checkpoints.Add));
        Assert.True(checkpoints.Count >= 4, $"{name}: {checkpoints.Count} checkpoints");
        string dir = CliRunner.TempDirectory();
        // Every other checkpoint, through its file: killed right after writing it, then resumed from what was written.
        for (int i = 0; i < checkpoints.Count; i += 2)
        {
            int seen = 0;
            string directory = Path.Combine(dir, $"c{i}");
            Assert.Throws<Interrupted>(() => setup.Run(checkpoint: state =>
            {
                if (seen++ < i) return;
                state.Save(directory);
                throw new Interrupted();
            }));
            TrainingState saved = TrainingState.Load(directory);
            Assert.Null(saved.Difference(checkpoints[i].Run));
            Assert.Equal(uninterrupted, Files(setup.Run(resume: saved)));
        }
        // The states handed out are snapshots: later epochs did not add to them.
        Assert.All(checkpoints, c => Assert.Equal(0, c.Current.TrainLosses.Count % setup.CheckpointEvery));
        Assert.Equal(setup.CheckpointEvery, checkpoints[0].Current.TrainLosses.Count);
    }

    [Fact]
    public void ACheckpointOfAnotherRunIsRefusedNamingTheFirstDifference()
    {
        TrainingState? state = null;
        Tutorial.Run(checkpoint: s => state ??= s);
        Assert.Equal("the checkpoint to resume from is of another run: epochs is 9 there and 10 here",
            Assert.Throws<InputException>(() => (Tutorial with { Epochs = 10 }).Run(resume: state)).Message);
        Assert.Equal("the checkpoint to resume from is of another run: seed is 0 there and 1 here",
            Assert.Throws<InputException>(() => (Tutorial with { Seed = 1 }).Run(resume: state)).Message);
        Assert.Equal("the checkpoint to resume from is of another run: data is synthetic x^2 + y^2, noise 1, 1000 samples there and synthetic x^2 + y^2, noise 0.5, 1000 samples here",
            Assert.Throws<InputException>(() => (Tutorial with { Data = new SyntheticSource(Expression.Parse("x^2 + y^2"), Noise: 0.5) }).Run(resume: state)).Message);
        // The same description, other numbers: the data's hash tells them apart.
        string csv = Path.Combine(CliRunner.TempDirectory(), "d.csv"), other = csv.Replace("d.csv", "e.csv");
        File.WriteAllText(csv, "x,y\n1,2\n2,3\n3,5\n4,4\n5,6\n");
        var run = new TrainingSetup { Data = new CsvSource(csv, ["y"]), Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.01)"), Epochs = 4, CheckpointEvery = 1 };
        TrainingState? first = null;
        run.Run(checkpoint: s => first ??= s);
        File.WriteAllText(csv, "x,y\n1,2\n2,3\n3,5\n4,4\n5,7\n");
        Assert.StartsWith("the checkpoint to resume from is of another run: data_sha256 is ", Assert.Throws<InputException>(() => run.Run(resume: first)).Message);
        Assert.Equal("the checkpoint to resume from is of another run: optimizers is sgd(lr=0.01); sgd(lr=0.01, momentum=0.9); adagrad(lr=0.01); rmsprop(lr=0.01); adadelta(lr=1); adam(lr=0.01) there and adam(lr=0.01) here",
            Assert.Throws<InputException>(() => (Tutorial with { Optimizers = OptimizerCatalog.ParseList("adam(lr=0.01)") }).Run(resume: state)).Message);
    }

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("{\"format\": \"descent-checkpoint\", \"version\": 2}", "version 2; this Descent reads version 1")]
    [InlineData("{\"format\": \"other\"}", "its format is not descent-checkpoint")]
    [InlineData("{\"format\": \"descent-checkpoint\", \"version\": 1}", "is not a checkpoint this Descent can resume from")]
    public void ACorruptCheckpointIsAnInputError(string text, string fragment)
    {
        string dir = CliRunner.TempDirectory();
        File.WriteAllText(Path.Combine(dir, TrainingState.FileName), text);
        var e = Assert.Throws<InputException>(() => TrainingState.Load(dir));
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
