using Descent.Schedulers;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// The learning rate against time: a schedule seen without training (with the momentum it cycles, if any, on a
/// second axis), or each optimizer's learning rate per epoch in a training comparison with a scheduler.
/// </summary>
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

    /// <summary>Each optimizer's learning rate at the start of each epoch, drawn to go under the loss curves (log axis when they span decades).</summary>
    public static Picture Create(TrainingReport report, string name = "lr")
    {
        double[] all = [.. report.Results.SelectMany(r => r.Lrs)];
        bool log = all.Length > 0 && all.All(v => v > 0 && double.IsFinite(v)) && all.Max() / all.Min() > 50;
        Plot plot = PlotStyle.NewPlot();
        for (int k = 0; k < report.Results.Count; k++)
        {
            OptimizerResult r = report.Results[k];
            double[] epochs = [.. Enumerable.Range(1, r.Lrs.Count).Select(e => (double)e)];
            var line = plot.Add.Scatter(epochs, log ? LogAxis.Transform(r.Lrs) : [.. r.Lrs], PlotStyle.RunColor(k));
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = r.Spec;
        }
        if (log) LogAxis.Apply(plot);
        plot.Title("learning rate at the start of each epoch");
        plot.XLabel($"epoch   ({report.Options.Scheduler?.ToSpec()})");
        plot.Axes.Bottom.Label.FontSize = 12;
        plot.YLabel(log ? "lr (log scale)" : "lr");
        // Beside the plot: a schedule's curves can pass through any corner.
        plot.ShowLegend(Edge.Right);
        return new Picture(name, plot, 1200, 420);
    }
}
