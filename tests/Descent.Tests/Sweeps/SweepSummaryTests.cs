using Descent.Statistics;
using Descent.Sweeps;

namespace Descent.Tests.Sweeps;

/// <summary>The choice, ranking and verdicts, on results written by hand: one metric, lower is better.</summary>
public class SweepSummaryTests
{
    private static SweepResults Results(string[] optimizers, double[] lrs, int seeds, Func<int, int, int, double?> metric)
    {
        var d = new SweepDefinition
        {
            Kind = "test",
            Title = "by hand",
            Settings = [],
            Optimizers = optimizers,
            Lrs = lrs,
            Seeds = [.. Enumerable.Range(0, seeds).Select(s => (ulong)s)],
            Metrics = ["m"],
            SelectBy = "m",
            ReportBy = "m",
            CurveAxis = "step",
            CurveValues = ["m"],
            CurvePlotted = "m",
        };
        return new SweepResults(d, Shard.All, [.. Enumerable.Range(0, d.RunCount).Select(i =>
        {
            SweepCell c = d.Cell(i);
            double? v = metric(c.Optimizer, c.Lr, c.Seed);
            return new SweepRun(i, $"{optimizers[c.Optimizer]}(lr={lrs[c.Lr]})", [v ?? double.NaN], v is null ? 3 : null, [[0, v ?? double.NaN], [1, (v ?? 0) / 2]]);
        })]);
    }

    [Fact]
    public void TheLowestMeanWinsAmongRatesWhereNoSeedDiverged()
    {
        // a: the best mean is at rate 2, but one seed diverged there; b: everything diverged at rate 0 only.
        SweepSummary s = SweepSummary.Of(Results(["a", "b"], [0.1, 0.2, 0.4], 3, (o, l, seed) =>
            o == 0 ? (l == 2 ? (seed == 1 ? null : 0.1) : l == 1 ? 1.0 + 0.1 * seed : 2.0)
                   : (l == 0 ? null : 0.5 + 0.01 * l + 0.1 * seed)));
        OptimizerOutcome a = s.Optimizers[0], b = s.Optimizers[1];
        Assert.Equal((1, 0.2), (a.Chosen, a.Lr));
        Assert.Equal((1, 1), (a.Grid[2].Diverged, a.DivergedRuns));
        Assert.Equal(0.1, a.Grid[2].Selection.Mean); // over the surviving seeds, for the picture
        Assert.Equal(1, b.Chosen); // 0.51 beats 0.52
        Assert.Equal(3, b.DivergedRuns);
        Assert.Equal(["b", "a"], s.Ranking.Select(o => o.Optimizer));
        Assert.Equal("winner", s.Ranking[0].VersusWinnerText);
        // a is worse by 0.49 on every seed: the interval of the differences has zero width above 0.
        Assert.Equal("worse", a.VersusWinner!.Value.Verdict);
        Assert.Equal("worse: +0.49 [0.49, 0.49], worse on 3/3, sign test p = 0.25", a.VersusWinnerText);
        Assert.Contains("b at lr 0.2 has the lowest mean m, 0.61, and is better than every other optimizer", s.Statement);
        Assert.Equal([0.51, 0.61, 0.71], b.Reported.Select(v => Math.Round(v, 12)));
        Assert.Equal([(0.0, 0.61), (1, 0.305)], b.TunedCurve.Select(p => (p.At, Math.Round(p.Value.Mean, 12))));
    }

    [Fact]
    public void ATieGoesToTheSmallerRateAndAnOptimizerWithNoCleanRateFails()
    {
        SweepSummary s = SweepSummary.Of(Results(["a", "b", "c"], [0.1, 0.2], 2, (o, l, seed) =>
            o == 0 ? 1.0 + seed : o == 1 ? (seed == 0 ? null : 0.5) : 1.0 + seed + (seed == 0 ? 0.01 : -0.01)));
        Assert.Equal(0, s.Optimizers[0].Chosen);
        Assert.True(s.Optimizers[1].Failed);
        Assert.Equal(3, s.Ranking[2].Rank);
        Assert.Equal("b", s.Ranking[2].Optimizer);
        Assert.StartsWith("failed", s.Ranking[2].VersusWinnerText);
        Assert.Equal("tied", s.Ranking[1].VersusWinner!.Value.Verdict);
        Assert.Contains("but it is not clearly better than c", s.Statement);
        Assert.Contains(s.Notes, n => n.StartsWith("a: the chosen lr, 0.1, is the smallest of the grid", StringComparison.Ordinal));
    }

    [Fact]
    public void TheStatementSaysWhenTheSignTestSeesWhatAWideTIntervalHides()
    {
        // b is worse than a on all 8 seeds, by 0.01 mostly and by 50 once: the t interval of the differences holds 0.
        SweepSummary s = SweepSummary.Of(Results(["a", "b"], [0.1], 8, (o, l, seed) => 1.0 + seed + o * (seed == 3 ? 50 : 0.01)));
        PairedComparison p = s.Optimizers[1].VersusWinner!.Value;
        Assert.Equal(("tied", 8), (p.Verdict, p.ReferenceBetter));
        Assert.Equal(2.0 / 256, p.SignTestP, 1e-15);
        Assert.EndsWith("includes 0 (though by the sign test it beats b, better on 8 of 8 seeds, p = 0.0078).", s.Statement);
    }

    [Fact]
    public void OneSeedGivesARankingWithoutIntervalsAndAllFailedSaysSo()
    {
        SweepSummary one = SweepSummary.Of(Results(["a", "b"], [0.1], 1, (o, l, s) => o + 1.0));
        Assert.Contains("on the one seed; run more seeds", one.Statement);
        Assert.Equal("no interval", one.Ranking[1].VersusWinner!.Value.Verdict);
        Assert.False(one.Ranking[0].Estimate.HasInterval);
        Assert.Empty(one.Notes); // one rate: no edges to warn about

        SweepSummary none = SweepSummary.Of(Results(["a"], [0.1, 1], 2, (o, l, s) => null));
        Assert.Null(none.Winner);
        Assert.StartsWith("Every optimizer failed", none.Statement);
    }

    [Fact]
    public void AShardAloneCannotBeSummarized()
    {
        SweepResults whole = Results(["a"], [0.1, 1], 2, (o, l, s) => 1);
        var shard = new SweepResults(whole.Definition, new Shard(1, 2), [whole.Runs[1], whole.Runs[3]]);
        Assert.Throws<ArgumentException>(() => SweepSummary.Of(shard));
        Assert.Throws<ArgumentException>(() => new SweepResults(whole.Definition, new Shard(1, 2), [whole.Runs[1]]));
    }
}
