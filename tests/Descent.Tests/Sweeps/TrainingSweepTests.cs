using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Sweeps;
using Descent.Training;

namespace Descent.Tests.Sweeps;

public class TrainingSweepTests
{
    /// <summary>The tutorial's problem, short: two optimizers, three rates (the largest diverges for sgd), three seeds, four epochs.</summary>
    internal static TrainingSweep Small(int seeds = 3) => new()
    {
        Setup = Tutorial.Training with { Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.01); adam(lr=0.01)"), Epochs = 4, Shuffle = true },
        Lrs = LearningRates.Of([0.01, 0.1, 30]),
        Seeds = seeds,
        FirstSeed = 5,
    };

    private static string Csv(SweepResults results)
    {
        var runs = new StringWriter();
        results.WriteRunsCsv(runs);
        var curves = new StringWriter();
        results.WriteCurvesCsv(curves);
        return runs + "\n" + curves;
    }

    [Fact]
    public void EveryRunIsTheTrainingItStandsForWithAValidationSplitHeldOut()
    {
        TrainingSweep sweep = Small();
        SweepResults results = sweep.Run(jobs: 2);
        SweepDefinition d = results.Definition;
        Assert.Equal(2 * 3 * 3, results.Runs.Count);
        Assert.Equal(["sgd", "adam"], d.Optimizers);
        Assert.Equal([5UL, 6UL, 7UL], d.Seeds);
        foreach (var (o, l, s) in new[] { (0, 0, 0), (1, 1, 2), (1, 0, 1) })
        {
            // As documented: descent train --seed s, its training split cut 90/10 by a generator seeded with a hash of s.
            ulong seed = d.Seeds[s];
            PreparedTraining<float> prepared = (sweep.Setup with { Seed = seed }).Prepare<float>();
            Dataset<float>[] parts = RandomSplit.ByFractions(prepared.TrainSet, [0.9, 0.1], new TorchGenerator(DerivedSeed.Of(seed, DerivedSeed.Validation)));
            Assert.Equal((720, 80), (parts[0].Count, parts[1].Count));
            double test = double.NaN;
            OptimizerResult expected = Trainer.Compare(prepared.Initial, new MseLoss(), parts[0], parts[1], [sweep.Optimizers[o] with { Lr = d.Lrs[l] }],
                prepared.Options, trained: (_, runner) => test = runner.Evaluate(prepared.TestSet!, new MseLoss()))[0];
            SweepRun run = results[d.Run(o, l, s)];
            Assert.Equal(expected.Spec, run.Spec);
            Assert.Equal([expected.FinalTestLoss!.Value, test, expected.FinalFullTrainLoss, expected.BestEpoch], run.Metrics);
            Assert.Equal(expected.TestLosses, run.Curve.Select(p => p[2]));
            Assert.Equal(expected.TrainLosses, run.Curve.Select(p => p[1]));
            Assert.Null(run.DivergedAt);
        }
        Assert.Equal("validation_loss", d.SelectBy);
        Assert.Equal("test_loss", d.ReportBy);
    }

    [Fact]
    public void TheResultsDoNotDependOnTheNumberOfJobsOrOnSharding()
    {
        TrainingSweep sweep = Small();
        string one = Csv(sweep.Run(jobs: 1));
        Assert.Equal(one, Csv(sweep.Run(jobs: 2)));
        Assert.Equal(one, Csv(sweep.Run(jobs: 7)));
        SweepResults[] shards = [.. Enumerable.Range(0, 4).Select(k => sweep.Run(new Shard(k, 4), jobs: 2))];
        Assert.Equal([5, 5, 4, 4], shards.Select(s => s.Runs.Count));
        // In reverse order too: a merge sorts the shards by index.
        Assert.Equal(one, Csv(SweepResults.Merge([.. shards.Reverse()])));
    }

    [Fact]
    public void ADivergedRunIsRecordedWithItsEpochAndItsRateIsNotChosen()
    {
        SweepResults results = Small().Run();
        SweepDefinition d = results.Definition;
        SweepRun sgdAt30 = results[d.Run(0, 2, 0)];
        Assert.Equal(1, sgdAt30.DivergedAt); // the loss leaves float32 in the first epoch
        Assert.Empty(sgdAt30.Curve);
        var summary = SweepSummary.Of(results);
        OptimizerOutcome sgd = summary.Optimizers[0];
        Assert.Equal(3, sgd.Grid[2].Diverged);
        Assert.NotEqual(2, sgd.Chosen);
        Assert.Equal(3, sgd.DivergedRuns);
    }

    [Fact]
    public void TheChoiceUsesTheValidationLossAndTheTestLossIsReported()
    {
        var summary = SweepSummary.Of(Small().Run());
        SweepDefinition d = summary.Definition;
        foreach (OptimizerOutcome o in summary.Optimizers)
        {
            double Mean(int l, string metric) => Enumerable.Range(0, 3).Average(s => summary.Results[d.Run(o.Index, l, s)].Metrics[d.MetricIndex(metric)]);
            int[] eligible = [.. Enumerable.Range(0, 3).Where(l => o.Grid[l].Diverged == 0)];
            Assert.Equal(eligible.MinBy(l => Mean(l, "validation_loss")), o.Chosen);
            Assert.Equal(Mean(o.Chosen!.Value, "test_loss"), o.Estimate.Mean, 1e-15);
        }
        Assert.Equal([1, 2], summary.Ranking.Select(o => o.Rank));
        Assert.True(summary.Ranking[0].Estimate.Mean <= summary.Ranking[1].Estimate.Mean);
    }

    [Fact]
    public void TheTrainLossMetricChoosesAndReportsTheLossOnTheDataTrainedOn()
    {
        SweepDefinition d = (Small() with { Metric = TrainingMetric.TrainLoss }).Define();
        Assert.Equal(("train_loss", "train_loss", "train_loss"), (d.SelectBy, d.ReportBy, d.CurvePlotted));
        // Without a test set, the validation loss is reported.
        SweepDefinition noTest = (Small() with { Setup = Small().Setup with { TrainFraction = 1 } }).Define();
        Assert.Equal(("validation_loss", "validation_loss"), (noTest.SelectBy, noTest.ReportBy));
    }

    [Theory]
    [InlineData(0.0, "--validation-fraction 0 is invalid: it must be in (0, 1)")]
    [InlineData(1.0, "--validation-fraction 1 is invalid")]
    [InlineData(0.001, "of the 800 training samples leaves 800 to train on and 0 to validate on")]
    public void AValidationFractionThatLeavesNoDataIsRefused(double fraction, string message) =>
        Assert.Contains(message, Assert.Throws<InputException>(() => (Small() with { ValidationFraction = fraction }).Run()).Message);

    [Fact]
    public void SettingsOutOfRangeAreRefusedBeforeAnythingRuns()
    {
        Assert.Contains("--seeds 0 is invalid", Assert.Throws<InputException>(() => (Small() with { Seeds = 0 }).Run()).Message);
        Assert.Contains("are the same once the learning rate is swept", Assert.Throws<InputException>(() => (Small() with
        {
            Setup = Small().Setup with { Optimizers = OptimizerCatalog.ParseList("adam(lr=0.1); adam(lr=0.01)") },
        }).Run()).Message);
    }
}
