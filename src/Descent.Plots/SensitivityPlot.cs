using Descent.Statistics;
using Descent.Sweeps;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// A sweep's sensitivity picture: the metric that chooses the learning rate against the learning rate (log axis), one
/// line per optimizer with its 95% band over the seeds, the chosen rate circled and rates where a seed diverged crossed.
/// The y axis shows where the optimizers do well: a few far worse values (a rate about to diverge) are marked at its top.
/// </summary>
public static class SensitivityPlot
{
    /// <summary>The picture for a summarized sweep.</summary>
    public static Picture Create(SweepSummary summary, string name = "sensitivity")
    {
        ArgumentNullException.ThrowIfNull(summary);
        SweepDefinition d = summary.Definition;
        double[] xs = LogAxis.Transform(d.Lrs);
        Estimate[] all = [.. summary.Optimizers.SelectMany(o => o.Grid.Select(g => g.Selection))];
        bool log = BandPlot.LogScale(all);
        var (bottom, top, clipped) = Range(all, log);
        Plot plot = PlotStyle.NewPlot();
        bool anyDiverged = false, anyAbove = false;
        foreach (OptimizerOutcome o in summary.Optimizers)
        {
            Color color = PlotStyle.RunColor(o.Index);
            Estimate[] estimates = [.. o.Grid.Select(g => g.Selection)];
            double[] ys = [.. estimates.Select(e => BandPlot.Y(e.Mean, log))];
            BandPlot.Add(plot, xs, estimates, color, log, o.Failed ? $"{o.Optimizer} (failed)" : $"{o.Optimizer}, best lr {SweepSummary.Format(o.Lr!.Value)}");
            if (o.Chosen is int c)
            {
                var chosen = plot.Add.Marker(xs[c], ys[c], MarkerShape.OpenCircle, 18, color);
                chosen.MarkerLineWidth = 2.5f;
            }
            int[] above = [.. Enumerable.Range(0, xs.Length).Where(l => ys[l] > top)];
            if (above.Length > 0)
            {
                anyAbove = true;
                double[] high = [.. above.Select(l => xs[l])], tops = [.. above.Select(_ => top)];
                plot.Add.Markers(high, tops, MarkerShape.FilledTriangleUp, 10, color);
            }
            // A diverged rate sits at its surviving seeds' mean, or along the top when no seed survived (or it is above).
            int[] diverged = [.. Enumerable.Range(0, o.Grid.Count).Where(l => o.Grid[l].Diverged > 0)];
            if (diverged.Length == 0) continue;
            anyDiverged = true;
            double[] at = [.. diverged.Select(l => xs[l])];
            double[] heights = [.. diverged.Select(l => double.IsFinite(ys[l]) && ys[l] <= top ? ys[l] : top)];
            var crosses = plot.Add.Markers(at, heights, MarkerShape.Eks, 11, color);
            crosses.MarkerLineWidth = 2.5f;
        }
        if (anyAbove)
        {
            var key = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledTriangleUp, 10, Colors.Black);
            key.LegendText = "mean above the top of the plot";
        }
        if (anyDiverged)
        {
            var key = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.Eks, 11, Colors.Black);
            key.LegendText = "diverged on some seed (at the top: on all)";
        }
        LogAxis.ApplyBottom(plot);
        if (log) LogAxis.Apply(plot);
        if (clipped) plot.Axes.SetLimitsY(bottom, top + 0.04 * (top - bottom));
        string metric = d.SelectBy.Replace('_', ' ');
        plot.Title($"{metric} against learning rate: mean over {d.Seeds.Count} seed{(d.Seeds.Count == 1 ? "" : "s")}" + (d.Seeds.Count > 1 ? " with 95% band" : ""));
        plot.XLabel("learning rate (log scale)");
        plot.YLabel(log ? $"{metric} (log scale)" : metric);
        plot.ShowLegend(Edge.Right);
        return new Picture(name, plot, 1250, 650);
    }

    /// <summary>
    /// The y range on the plot's axis: from the lowest band end or mean up to the highest, unless that is far above
    /// most means; then up to the 90th percentile of the means plus half the way from the lowest mean to it, and down no
    /// further than half that span below the lowest mean.
    /// </summary>
    private static (double Bottom, double Top, bool Clipped) Range(Estimate[] estimates, bool log)
    {
        double[] means = [.. estimates.Select(e => BandPlot.Y(e.Mean, log)).Where(double.IsFinite).Order()];
        double[] values = [.. estimates.SelectMany(e => new[] { BandPlot.Y(e.Mean, log), BandPlot.Y(e.Low, log), BandPlot.Y(e.High, log) }).Where(double.IsFinite)];
        if (means.Length == 0) return (0, 1, false);
        double low = values.Min(), high = values.Max(), p90 = means[(int)Math.Floor(0.9 * (means.Length - 1))];
        double cap = p90 + 0.5 * (p90 - means[0]);
        if (!(high > cap && cap > low)) return (low, high, false);
        // Bands reaching far below the best means (wide intervals where a rate is about to diverge) are cut at the bottom too.
        double bottom = Math.Max(low, means[0] - 0.5 * (cap - means[0]));
        return (bottom - 0.04 * (cap - bottom), cap, true);
    }
}
