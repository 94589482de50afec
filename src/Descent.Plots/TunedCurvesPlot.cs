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
        foreach (OptimizerOutcome o in tuned)
            BandPlot.Add(plot, [.. o.TunedCurve.Select(p => p.At)], [.. o.TunedCurve.Select(p => p.Value)], PlotStyle.RunColor(o.Index), log,
                $"{o.Optimizer}, lr {SweepSummary.Format(o.Lr!.Value)}");
        if (log) LogAxis.Apply(plot);
        string metric = d.CurvePlotted.Replace('_', ' ');
        plot.Title($"{metric} at each optimizer's chosen learning rate: mean over {d.Seeds.Count} seed{(d.Seeds.Count == 1 ? "" : "s")}" + (d.Seeds.Count > 1 ? " with 95% band" : ""));
        plot.XLabel(d.CurveAxis);
        plot.YLabel(log ? $"{metric} (log scale)" : metric);
        plot.ShowLegend(Edge.Right);
        return new Picture(name, plot, 1250, 650);
    }
}
