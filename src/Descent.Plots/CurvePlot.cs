using Descent.Expressions;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// The tutorial's first figure: a function of one variable over a range covering the path, with
/// the points each optimizer visited on it, shaded from strong (early) to pale (late), start and end marked.
/// </summary>
public static class CurvePlot
{
    /// <summary>The figure for one or more runs on the same one-variable function.</summary>
    public static Picture Create(Expression function, IReadOnlyList<Trajectory> runs, string name = "curve")
    {
        string variable = runs[0].Variables[0];
        PlotRange range = PlotRange.Around(runs.SelectMany(r => r.Points.Select(p => p[0])), margin: 0.3);
        double[] xs = FunctionGrid.Linspace(range.Low, range.High, 400);
        double[] ys = FunctionGrid.Line(function, variable, xs);

        Plot plot = PlotStyle.NewPlot();
        var curve = plot.Add.Scatter(xs, ys, Color.FromHex("#1f3b73"));
        curve.MarkerSize = 0;
        curve.LineWidth = 2.5f;
        curve.LegendText = $"f({variable}) = {function.Text}";

        for (int r = 0; r < runs.Count; r++)
        {
            Trajectory run = runs[r];
            Color color = runs.Count == 1 ? Colors.Red : PlotStyle.RunColor(r);
            int n = run.Points.Count;
            for (int k = n - 1; k >= 0; k--)
            {
                // Early points strong and large, later ones paler and smaller, so the order shows.
                double fade = n == 1 ? 0 : (double)k / (n - 1);
                var marker = plot.Add.Marker(run.Points[k][0], run.Values[k], MarkerShape.FilledCircle, (float)(11 - 6 * fade),
                    color.WithAlpha(1 - 0.75 * fade));
                if (k == 0) marker.LegendText = runs.Count == 1 ? $"visited points ({run.Optimizer}, {run.Steps} steps)" : run.Optimizer;
            }
            MarkEnds(plot, run.Points[0][0], run.Values[0], run.Points[^1][0], run.Values[^1], runs.Count == 1 ? null : color, labelStart: r == 0);
        }
        plot.Title(runs.Count == 1 ? $"f({variable}) = {function.Text}   [{runs[0].Optimizer}]" : $"f({variable}) = {function.Text}");
        plot.XLabel(variable);
        plot.YLabel($"f({variable})");
        double[] finite = [.. ys.Where(double.IsFinite).Concat(runs.SelectMany(r => r.Values).Where(double.IsFinite))];
        PlotRange yRange = PlotRange.Around(finite, margin: 0.08);
        plot.Axes.SetLimits(range.Low, range.High, yRange.Low, yRange.High);
        plot.ShowLegend(Alignment.UpperCenter);
        return new Picture(name, plot, 900, 600);
    }

    /// <summary>
    /// A green circle at the start and a diamond at the end. One run gets both labelled and a black end;
    /// several runs (sharing the start) get the start labelled once and ends in their own colours, as the legend reads.
    /// </summary>
    internal static void MarkEnds(Plot plot, double x0, double y0, double x1, double y1, Color? runColor = null, bool labelStart = true)
    {
        plot.Add.Marker(x0, y0, MarkerShape.OpenCircle, 18, Colors.ForestGreen).MarkerLineWidth = 3;
        if (labelStart) Label(plot.Add.Text("start", x0, y0), Colors.ForestGreen);
        if (runColor is Color color)
        {
            plot.Add.Marker(x1, y1, MarkerShape.FilledDiamond, 16, Colors.Black);
            plot.Add.Marker(x1, y1, MarkerShape.FilledDiamond, 11, color);
            return;
        }
        plot.Add.Marker(x1, y1, MarkerShape.FilledDiamond, 14, Colors.Black);
        Label(plot.Add.Text("end", x1, y1), Colors.Black);
    }

    private static void Label(ScottPlot.Plottables.Text text, Color color)
    {
        text.LabelFontSize = 14;
        text.LabelBold = true;
        text.LabelFontColor = color;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.75);
        text.LabelAlignment = Alignment.LowerLeft;
        text.OffsetX = 9;
        text.OffsetY = -9;
    }
}
