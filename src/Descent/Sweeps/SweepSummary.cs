using System.Text.Json;
using Descent.Specs;
using Descent.Statistics;

namespace Descent.Sweeps;

/// <summary>
/// The answer of a sweep: each optimizer's learning rate, chosen by <see cref="SweepDefinition.SelectBy"/> among the
/// rates where no seed diverged, the <see cref="SweepDefinition.ReportBy"/> it reaches there over the seeds (mean, 95% t
/// interval), the ranking, and how sure the winner is from paired differences over the shared seeds.
/// </summary>
public sealed class SweepSummary
{
    private SweepSummary(SweepResults results, IReadOnlyList<OptimizerOutcome> optimizers, IReadOnlyList<OptimizerOutcome> ranking, string statement)
    {
        Results = results;
        Optimizers = optimizers;
        Ranking = ranking;
        Statement = statement;
    }

    /// <summary>The runs summarized.</summary>
    public SweepResults Results { get; }

    /// <summary>The definition of the sweep.</summary>
    public SweepDefinition Definition => Results.Definition;

    /// <summary>Every optimizer, in the definition's order.</summary>
    public IReadOnlyList<OptimizerOutcome> Optimizers { get; }

    /// <summary>Every optimizer, best first; failed ones last.</summary>
    public IReadOnlyList<OptimizerOutcome> Ranking { get; }

    /// <summary>The best optimizer, or null if all failed.</summary>
    public OptimizerOutcome? Winner => Ranking.Count > 0 && !Ranking[0].Failed ? Ranking[0] : null;

    /// <summary>One or two sentences: who wins, and how sure that is.</summary>
    public string Statement { get; }

    /// <summary>
    /// Warnings about the grid: an optimizer whose chosen learning rate is the smallest or largest of the grid may do
    /// better outside it.
    /// </summary>
    public IReadOnlyList<string> Notes =>
        Definition.Lrs.Count < 2 ? [] :
        [.. Optimizers.Where(o => o.Chosen == 0 || o.Chosen == Definition.Lrs.Count - 1).Select(o =>
            $"{o.Optimizer}: the chosen lr, {Format(o.Lr!.Value)}, is the {(o.Chosen == 0 ? "smallest" : "largest")} of the grid; " +
            $"a {(o.Chosen == 0 ? "smaller" : "larger")} one may do better (widen --lrs)")];

    /// <summary>Summarizes a whole sweep.</summary>
    /// <exception cref="ArgumentException">The results are one shard of a sweep: merge the shards first.</exception>
    public static SweepSummary Of(SweepResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!results.Shard.IsAll) throw new ArgumentException($"These are the results of {results.Shard} only; merge the shards first.", nameof(results));
        SweepDefinition d = results.Definition;
        int select = d.MetricIndex(d.SelectBy), report = d.MetricIndex(d.ReportBy), plotted = Array.IndexOf([.. d.CurveValues], d.CurvePlotted) + 1;
        double Value(SweepRun run, int metric) => double.IsNaN(run.Metrics[metric]) && d.Censored is double c ? c : run.Metrics[metric];

        var outcomes = new List<OptimizerOutcome>();
        for (int o = 0; o < d.Optimizers.Count; o++)
        {
            var grid = new LrOutcome[d.Lrs.Count];
            int? chosen = null;
            int divergedRuns = 0;
            for (int l = 0; l < d.Lrs.Count; l++)
            {
                var values = new List<double>();
                int diverged = 0;
                for (int s = 0; s < d.Seeds.Count; s++)
                {
                    SweepRun run = results[d.Run(o, l, s)];
                    double v = Value(run, select);
                    if (run.DivergedAt is not null || !double.IsFinite(v)) diverged++;
                    else values.Add(v);
                }
                divergedRuns += diverged;
                grid[l] = new LrOutcome(d.Lrs[l], Estimate.Of(values), diverged);
                // The lowest mean among the rates where every seed ran; the smaller rate on a tie.
                if (diverged == 0 && (chosen is not int c || grid[l].Selection.Mean < grid[c].Selection.Mean)) chosen = l;
            }
            double[] reported = chosen is int k ? [.. Enumerable.Range(0, d.Seeds.Count).Select(s => Value(results[d.Run(o, k, s)], report))] : [];
            outcomes.Add(new OptimizerOutcome
            {
                Index = o,
                Optimizer = d.Optimizers[o],
                Grid = grid,
                Chosen = chosen,
                Spec = chosen is int j ? results[d.Run(o, j, 0)].Spec : null,
                Reported = reported,
                DivergedRuns = divergedRuns,
                TunedCurve = chosen is int t ? Curve(results, o, t, plotted) : [],
            });
        }

        static double Key(OptimizerOutcome o) => double.IsNaN(o.Estimate.Mean) ? double.PositiveInfinity : o.Estimate.Mean;
        List<OptimizerOutcome> ranking = [.. outcomes.Where(o => !o.Failed).OrderBy(Key).ThenBy(o => o.Index), .. outcomes.Where(o => o.Failed)];
        OptimizerOutcome? winner = ranking.Count > 0 && !ranking[0].Failed ? ranking[0] : null;
        for (int r = 0; r < ranking.Count; r++)
        {
            OptimizerOutcome o = ranking[r];
            ranking[r] = o with
            {
                Rank = r + 1,
                VersusWinner = winner is null || o.Failed || r == 0 ? null : PairedComparison.Of(winner.Reported, o.Reported),
            };
        }
        OptimizerOutcome[] byIndex = [.. ranking.OrderBy(o => o.Index)];
        return new SweepSummary(results, byIndex, ranking, Describe(d, ranking));
    }

    // The chosen runs' curves, point by point over the seeds (as long as the shortest, should one have stopped).
    private static (double, Estimate)[] Curve(SweepResults results, int optimizer, int lr, int column)
    {
        SweepDefinition d = results.Definition;
        SweepRun[] runs = [.. Enumerable.Range(0, d.Seeds.Count).Select(s => results[d.Run(optimizer, lr, s)])];
        int length = runs.Min(r => r.Curve.Count);
        return [.. Enumerable.Range(0, length).Select(i => (runs[0].Curve[i][0], Estimate.Of([.. runs.Select(r => r.Curve[i][column])])))];
    }

    private static string Describe(SweepDefinition d, IReadOnlyList<OptimizerOutcome> ranking)
    {
        string metric = d.ReportBy.Replace('_', ' ');
        OptimizerOutcome[] ok = [.. ranking.Where(o => !o.Failed)];
        if (ok.Length == 0) return "Every optimizer failed: each learning rate diverged on at least one seed. Try smaller learning rates.";
        OptimizerOutcome winner = ok[0];
        string lead = $"{winner.Optimizer} at lr {Format(winner.Lr!.Value)} has the lowest mean {metric}, {Format(winner.Estimate.Mean)}";
        if (ok.Length == 1) return lead + (ranking.Count > 1 ? "; every other optimizer failed." : ".");
        if (d.Seeds.Count == 1) return lead + " on the one seed; run more seeds (--seeds) to know how sure that is.";
        OptimizerOutcome[] tied = [.. ok.Skip(1).Where(o => o.VersusWinner!.Value.Verdict is not "worse")];
        if (tied.Length == 0)
        {
            OptimizerOutcome next = ok[1];
            PairedComparison p = next.VersusWinner!.Value;
            return $"{lead}, and is better than every other optimizer: the 95% interval of each paired difference over the {d.Seeds.Count} seeds lies above 0 " +
                $"(the closest, {next.Optimizer}, is worse by {Format(p.Difference.Mean)} [{Format(p.Difference.Low)}, {Format(p.Difference.High)}], on {p.ReferenceBetter} of {d.Seeds.Count} seeds).";
        }
        // The t interval assumes normal differences; a few wild seeds widen it. The sign test assumes nothing: say when it disagrees.
        OptimizerOutcome[] bySign = [.. tied.Where(o => o.VersusWinner!.Value.SignTestP < 0.05)];
        return $"{lead}, but it is not clearly better than {string.Join(", ", tied.Select(o => o.Optimizer))}: the 95% interval of " +
            $"{(tied.Length == 1 ? "their paired difference" : "each paired difference")} over the {d.Seeds.Count} seeds includes 0" +
            (bySign.Length == 0 ? "." : $" (though by the sign test it beats {string.Join(", ", bySign.Select(o =>
                $"{o.Optimizer}, better on {o.VersusWinner!.Value.ReferenceBetter} of {d.Seeds.Count} seeds, p = {Format(o.VersusWinner!.Value.SignTestP, 2)}"))}).");
    }

    /// <summary>A number for people: <paramref name="digits"/> significant digits (four by default; p-values get two).</summary>
    public static string Format(double value, int digits = 4) =>
        double.IsNaN(value) ? "-" : SpecFormat.Significant(value, digits);

    /// <summary>
    /// Writes <c>summary.json</c>: the definition and its hash, the interval method, the statement, and per optimizer in rank
    /// order its chosen learning rate and spec, the reported metric's estimate, diverged runs, the paired comparison with
    /// the winner and the choosing metric at every learning rate. Non-finite numbers are null.
    /// </summary>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SweepDefinition d = Definition;
        using var w = new Utf8JsonWriter(stream, SweepDefinition.JsonOptions(indented: true));
        w.WriteStartObject();
        w.WriteString("hash", d.Hash);
        w.WritePropertyName("definition");
        d.Write(w);
        w.WriteNumber("runs", d.RunCount);
        w.WriteString("select_by", d.SelectBy);
        w.WriteString("report_by", d.ReportBy);
        w.WriteString("interval", Estimate.Method);
        if (Winner is { } winner) w.WriteString("winner", winner.Optimizer);
        else w.WriteNull("winner");
        w.WriteString("statement", Statement);
        w.WriteStartArray("notes");
        foreach (string note in Notes) w.WriteStringValue(note);
        w.WriteEndArray();
        w.WriteStartArray("optimizers");
        foreach (OptimizerOutcome o in Ranking)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", o.Rank);
            w.WriteString("optimizer", o.Optimizer);
            w.WriteString("status", o.Failed ? "failed" : "ok");
            Number(w, "lr", o.Lr);
            if (o.Spec is null) w.WriteNull("spec");
            else w.WriteString("spec", o.Spec);
            w.WritePropertyName(d.ReportBy);
            Write(w, o.Estimate);
            w.WriteStartArray("per_seed");
            foreach (double v in o.Reported) Value(w, v);
            w.WriteEndArray();
            w.WriteNumber("diverged_runs", o.DivergedRuns);
            if (o.VersusWinner is PairedComparison p)
            {
                w.WriteStartObject("versus_winner");
                w.WriteString("verdict", p.Verdict);
                w.WriteNumber("winner_better_on", p.ReferenceBetter);
                w.WriteNumber("better_than_winner_on", p.OtherBetter);
                w.WriteNumber("sign_test_p", p.SignTestP);
                w.WritePropertyName("difference");
                Write(w, p.Difference);
                w.WriteEndObject();
            }
            else w.WriteNull("versus_winner");
            w.WriteStartArray("grid");
            foreach (LrOutcome g in o.Grid)
            {
                w.WriteStartObject();
                w.WriteNumber("lr", g.Lr);
                w.WritePropertyName(d.SelectBy);
                Write(w, g.Selection);
                w.WriteNumber("diverged", g.Diverged);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, Estimate e)
    {
        w.WriteStartObject();
        w.WriteNumber("n", e.Count);
        Number(w, "mean", e.Mean);
        Number(w, "sd", e.StandardDeviation);
        Number(w, "ci_low", e.Low);
        Number(w, "ci_high", e.High);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        w.WritePropertyName(name);
        Value(w, value);
    }

    private static void Value(Utf8JsonWriter w, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }
}
