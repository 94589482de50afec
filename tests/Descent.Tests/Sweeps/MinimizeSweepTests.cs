using Descent.Expressions;
using Descent.Optimizers;
using Descent.Sweeps;
using Descent.Training;

namespace Descent.Tests.Sweeps;

public class MinimizeSweepTests
{
    private static MinimizeSweep Bowl(int steps = 50) => new()
    {
        Minimizer = new Minimizer
        {
            Function = Expression.Parse("x^2 + 3*y^2"),
            Variables = ["x", "y"],
            Start = [1, 1],
            Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.1); adam(lr=0.1)"),
            Steps = steps,
        },
        Box = StartBox.Parse("x=-2:2,y=-1:3", Expression.Parse("x^2 + 3*y^2")),
        Lrs = LearningRates.Of([0.01, 0.1, 0.5]),
        Seeds = 4,
    };

    [Fact]
    public void EachSeedStartsEveryRunFromItsPointOfTheBox()
    {
        MinimizeSweep sweep = Bowl();
        SweepResults results = sweep.Run();
        SweepDefinition d = results.Definition;
        Assert.Equal(["final_value", "best_value", "final_grad_norm"], d.Metrics);
        for (int s = 0; s < 4; s++)
        {
            double[] start = sweep.Box!.Draw((ulong)s);
            Trajectory expected = (sweep.Minimizer with { Start = start }).Run(new AdamOptions { Lr = 0.5 });
            SweepRun run = results[d.Run(1, 2, s)];
            Assert.Equal("adam(lr=0.5)", run.Spec);
            Assert.Equal(expected.Values[^1], run.Metrics[0]);
            Assert.Equal(expected.Values.Min(), run.Metrics[1]);
            Assert.Equal(expected.GradientNorms[^1], run.Metrics[2]);
            Assert.Equal(expected.Values, run.Curve.Select(p => p[1]));
            Assert.Equal(3 * start[1] * start[1] + start[0] * start[0], run.Curve[0][1], 1e-12);
        }
    }

    [Fact]
    public void StepsToAToleranceCountAMissAsTheBudgetPlusOne()
    {
        MinimizeSweep sweep = Bowl() with { Tolerance = 1e-6, FMin = 0, Metric = MinimizeMetric.Steps };
        var summary = SweepSummary.Of(sweep.Run());
        SweepDefinition d = summary.Definition;
        Assert.Equal(("steps_to_tol", 51.0), (d.SelectBy, d.Censored));
        // sgd at lr 0.01 creeps: f = x0^2 0.98^2k + ..., never within 1e-6 in 50 steps; at 0.1, y shrinks by 0.4 a step.
        SweepRun slow = summary.Results[d.Run(0, 0, 0)];
        Assert.True(double.IsNaN(slow.Metrics[3]));
        Assert.Equal(51, summary.Optimizers[0].Grid[0].Selection.Mean);
        SweepRun fast = summary.Results[d.Run(0, 1, 0)];
        int k = (int)fast.Metrics[3];
        Assert.True(fast.Curve[k][1] < 1e-6 && fast.Curve[k - 1][1] >= 1e-6);
        Assert.Equal(1, summary.Optimizers[0].Chosen);
        // sgd at 0.5 on 3y^2: y *= -2 each step, away to infinity... but not in 50 steps: it is merely huge, and last.
        Assert.Equal("steps", d.Settings.Single(s => s.Key == "metric").Value);
    }

    [Fact]
    public void LongRunsKeepAThousandCurvePointsWithTheFirstAndLast()
    {
        MinimizeSweep sweep = Bowl(steps: 2500) with { Seeds = 1, Lrs = LearningRates.Of([0.01]) };
        SweepRun run = sweep.Run().Runs[0];
        Assert.Equal(1000, run.Curve.Count);
        Assert.Equal((0, 2500), (run.Curve[0][0], run.Curve[^1][0]));
        Assert.True(run.Curve.Zip(run.Curve.Skip(1)).All(p => p.Second[0] > p.First[0]));
    }

    [Fact]
    public void ARunThatLeavesTheFloatsDivergesAtItsStep()
    {
        MinimizeSweep sweep = Bowl() with { Lrs = LearningRates.Of([1e3]), Seeds = 1 };
        SweepRun sgd = sweep.Run().Runs[0];
        Assert.NotNull(sgd.DivergedAt);
        Assert.Equal(sgd.DivergedAt!.Value + 1, sgd.Curve.Count);
        var summary = SweepSummary.Of(sweep.Run());
        Assert.True(summary.Optimizers[0].Failed);
        Assert.Equal("failed", summary.Ranking[^1].Failed ? "failed" : "");
    }

    [Theory]
    [InlineData("fixed", 3, "every seed would start from the same point")]
    [InlineData("tol", 1, "--tol 0 is invalid")]
    [InlineData("steps", 1, "the steps metric needs a tolerance")]
    [InlineData("fmin", 1, "--f-min goes with --tol")]
    public void SettingsThatDoNotFitAreRefused(string what, int seeds, string message)
    {
        MinimizeSweep sweep = Bowl() with { Seeds = seeds };
        sweep = what switch
        {
            "fixed" => sweep with { Box = null },
            "tol" => sweep with { Tolerance = 0 },
            "steps" => sweep with { Metric = MinimizeMetric.Steps },
            _ => sweep with { FMin = 0 },
        };
        Assert.Contains(message, Assert.Throws<InputException>(() => sweep.Run()).Message);
    }
}
