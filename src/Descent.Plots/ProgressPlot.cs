using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// How a minimization went, step by step: f (solid) and the gradient norm (dashed) against the
/// step, for any number of variables; on a log axis when both stay positive.
/// </summary>
public static class ProgressPlot
{
    /// <summary>The figure for one or more runs.</summary>
    public static Picture Create(string title, IReadOnlyList<Trajectory> runs, string name = "progress")
    {
        bool log = runs.All(r => r.Values.All(v => v > 0) && r.GradientNorms.All(g => g > 0));
        Plot plot = PlotStyle.NewPlot();
        for (int r = 0; r < runs.Count; r++)
        {
            Trajectory run = runs[r];
            double[] steps = [.. Enumerable.Range(0, run.Points.Count).Select(k => (double)k)];
            Color color = PlotStyle.RunColor(r);
            var value = plot.Add.Scatter(steps, log ? LogAxis.Transform(run.Values) : [.. run.Values], color);
            value.LineWidth = 2;
            value.MarkerSize = run.Points.Count <= 60 ? 4 : 0;
            value.LegendText = $"f  {run.Optimizer}";
            var gradient = plot.Add.Scatter(steps, log ? LogAxis.Transform(run.GradientNorms) : [.. run.GradientNorms], color);
            gradient.LineWidth = 2;
            gradient.MarkerSize = 0;
            gradient.LinePattern = LinePattern.Dashed;
            gradient.LegendText = $"|grad f|  {run.Optimizer}";
        }
        if (log) LogAxis.Apply(plot);
        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(log ? "f and |grad f| (log scale)" : "f and |grad f|");
        plot.ShowLegend(Alignment.UpperRight);
        return new Picture(name, plot, 900, 600);
    }
}
