using Descent.Statistics;
using Descent.Sweeps;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// A sweep's sensitivity picture: the metric that chooses the learning rate against the learning rate (log axis), one
/// line per optimizer with its 95% band over the seeds, the chosen rate circled and rates where a seed diverged crossed.
/// </summary>
public static class SensitivityPlot
{
    /// <summary>The picture for a summarized sweep.</summary>
    public static Picture Create(SweepSummary summary, string name = "sensitivity")
    {
        ArgumentNullException.ThrowIfNull(summary);
        SweepDefinition d = summary.Definition;
        double[] xs = LogAxis.Transform(d.Lrs);
        bool log = BandPlot.LogScale(summary.Optimizers.SelectMany(o => o.Grid.Select(g => g.Selection)));
        Plot plot = PlotStyle.NewPlot();
        double top = BandPlot.Top(summary.Optimizers.SelectMany(o => o.Grid.Select(g => g.Selection)), log);
        bool anyDiverged = false;
        foreach (OptimizerOutcome o in summary.Optimizers)
        {
            Color color = PlotStyle.RunColor(o.Index);
            Estimate[] estimates = [.. o.Grid.Select(g => g.Selection)];
            BandPlot.Add(plot, xs, estimates, color, log, o.Failed ? $"{o.Optimizer} (failed)" : $"{o.Optimizer}, best lr {SweepSummary.Format(o.Lr!.Value)}");
            if (o.Chosen is int c)
            {
                var chosen = plot.Add.Marker(xs[c], BandPlot.Y(estimates[c].Mean, log), MarkerShape.OpenCircle, 18, color);
                chosen.MarkerLineWidth = 2.5f;
            }
            // A diverged rate sits at its surviving seeds' mean, or along the top when no seed survived.
            int[] diverged = [.. Enumerable.Range(0, o.Grid.Count).Where(l => o.Grid[l].Diverged > 0)];
            if (diverged.Length == 0) continue;
            anyDiverged = true;
            double[] at = [.. diverged.Select(l => xs[l])];
            double[] heights = [.. diverged.Select(l => double.IsFinite(BandPlot.Y(estimates[l].Mean, log)) ? BandPlot.Y(estimates[l].Mean, log) : top)];
            var crosses = plot.Add.Markers(at, heights, MarkerShape.Eks, 11, color);
            crosses.MarkerLineWidth = 2.5f;
        }
        if (anyDiverged)
        {
            var key = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.Eks, 11, Colors.Black);
            key.LegendText = "diverged on some seed (at the top: on all)";
        }
        LogAxis.ApplyBottom(plot);
        if (log) LogAxis.Apply(plot);
        string metric = d.SelectBy.Replace('_', ' ');
        plot.Title($"{metric} against learning rate: mean over {d.Seeds.Count} seed{(d.Seeds.Count == 1 ? "" : "s")}" + (d.Seeds.Count > 1 ? " with 95% band" : ""));
        plot.XLabel("learning rate (log scale)");
        plot.YLabel(log ? $"{metric} (log scale)" : metric);
        plot.ShowLegend(Edge.Right);
        return new Picture(name, plot, 1250, 650);
    }
}
