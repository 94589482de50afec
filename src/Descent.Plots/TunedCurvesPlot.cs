using Descent.Sweeps;
using ScottPlot;

namespace Descent.Plots;

/// <summary>A sweep's tuned curves: each optimizer at its chosen learning rate, the plotted value per epoch or step, mean with 95% band over the seeds.</summary>
public static class TunedCurvesPlot
{
    /// <summary>The picture for a summarized sweep.</summary>
    public static Picture Create(SweepSummary summary, string name = "curves")
    {
        ArgumentNullException.ThrowIfNull(summary);
        SweepDefinition d = summary.Definition;
        OptimizerOutcome[] tuned = [.. summary.Optimizers.Where(o => !o.Failed)];
        bool log = BandPlot.LogScale(tuned.SelectMany(o => o.TunedCurve.Select(p => p.Value)));
        Plot plot = PlotStyle.NewPlot();
        // Each line named at its end with its final mean, labels pushed apart where the lines end close together.
        var labels = new EndLabels { Axes = { XAxis = plot.Axes.Bottom, YAxis = plot.Axes.Left } };
        foreach (OptimizerOutcome o in tuned)
        {
            string label = $"{o.Optimizer}, lr {SweepSummary.Format(o.Lr!.Value)}";
            BandPlot.Add(plot, [.. o.TunedCurve.Select(p => p.At)], [.. o.TunedCurve.Select(p => p.Value)], PlotStyle.RunColor(o.Index), log, label);
            if (o.TunedCurve.Count > 0 && double.IsFinite(o.TunedCurve[^1].Value.Mean))
                labels.Add(BandPlot.Y(o.TunedCurve[^1].Value.Mean, log), $"{label}  {SweepSummary.Format(o.TunedCurve[^1].Value.Mean)}", PlotStyle.RunColor(o.Index));
        }
        plot.Add.Plottable(labels);
        plot.Axes.Right.MinimumSize = labels.Width() + 8;
        if (log) LogAxis.Apply(plot);
        string metric = d.CurvePlotted.Replace('_', ' ');
        plot.Title($"{metric} at each optimizer's chosen learning rate: mean over {d.Seeds.Count} seed{(d.Seeds.Count == 1 ? "" : "s")}" + (d.Seeds.Count > 1 ? " with 95% band" : ""));
        plot.XLabel(d.CurveAxis);
        plot.YLabel(log ? $"{metric} (log scale)" : metric);
        plot.HideLegend();
        return new Picture(name, plot, 1250, 650)
        {
            Caption = $"Each optimizer at its chosen learning rate, {metric} per {d.CurveAxis.Split(' ')[0]}: the mean over the seeds" +
                (d.Seeds.Count > 1 ? " with its 95% band" : "") + ", the line's name and final mean written at its end. Where the bands overlap at the end, the seeds do not tell the optimizers apart.",
        };
    }
}
