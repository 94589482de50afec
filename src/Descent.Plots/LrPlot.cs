using Descent.Schedulers;
using ScottPlot;

namespace Descent.Plots;

/// <summary>A learning-rate schedule against the step, with the momentum it cycles (if any) on a second axis.</summary>
public static class LrPlot
{
    /// <summary>The figure for a schedule seen without training.</summary>
    public static Picture Create(LrSchedule schedule, string name = "schedule")
    {
        Plot plot = PlotStyle.NewPlot();
        double[] steps = [.. Enumerable.Range(0, schedule.Lrs.Count).Select(k => (double)k)];
        var lr = plot.Add.Scatter(steps, [.. schedule.Lrs], PlotStyle.RunColor(1));
        lr.LineWidth = 2.5f;
        lr.MarkerSize = schedule.Lrs.Count <= 60 ? 4 : 0;
        if (schedule.Momenta is { } momenta)
        {
            lr.LegendText = "learning rate (left axis)";
            var momentum = plot.Add.Scatter(steps, [.. momenta], PlotStyle.RunColor(0));
            momentum.LineWidth = 2;
            momentum.MarkerSize = 0;
            momentum.LinePattern = LinePattern.Dashed;
            momentum.LegendText = "momentum (right axis)";
            momentum.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "momentum";
            plot.Axes.Right.Label.FontSize = 15;
            plot.Axes.Right.TickLabelStyle.FontSize = 12;
            plot.ShowLegend(Edge.Bottom);
        }
        plot.Title(schedule.Scheduler);
        plot.XLabel($"scheduler step ({schedule.Optimizer})");
        plot.YLabel("learning rate");
        return new Picture(name, plot, 1000, 560);
    }
}
