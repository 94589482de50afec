using System.Globalization;
using Descent.Expressions;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// A function of two variables as a filled contour with labelled contour lines, and each
/// optimizer's path drawn on it with markers, start and end marked; a legend when several run.
/// </summary>
public static class ContourPlot
{
    /// <summary>The figure for one or more runs on the same two-variable function.</summary>
    public static Picture Create(Expression function, IReadOnlyList<Trajectory> runs, string name = "contour")
    {
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        var (xRange, yRange) = Ranges(runs);
        const int n = 160;
        double[] xs = FunctionGrid.Linspace(xRange.Low, xRange.High, n), ys = FunctionGrid.Linspace(yRange.Low, yRange.High, n);
        double[,] f = FunctionGrid.Surface(function, xVar, yVar, xs, ys);
        var scale = HeightScale.For(f);

        Plot plot = PlotStyle.NewPlot();
        // Heatmap rows run from the top of the picture down, so row i holds the i-th largest y.
        var intensities = new double[n, n];
        var points = new Coordinates3d[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                intensities[n - 1 - i, j] = scale.Apply(f[i, j]);
                points[i, j] = new Coordinates3d(xs[j], ys[i], scale.Apply(f[i, j]));
            }
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Extent = new CoordinateRect(xRange.Low, xRange.High, yRange.Low, yRange.High);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Smooth = true;
        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Label = scale.Logarithmic ? "f (log scale)" : "f";
        colorBar.LabelStyle.FontSize = 14;
        colorBar.Axis.TickLabelStyle.FontSize = 12;
        colorBar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => HeightScale.Format(scale.Invert(v)) };

        var contours = plot.Add.ContourLines(points, 10);
        contours.LineColor = Colors.White.WithAlpha(0.7);
        contours.LineWidth = 1;
        contours.LabelStyle.IsVisible = false;
        foreach (ContourLine line in contours.Lines)
        {
            // One label per line, where it is farthest inside the picture, showing f itself (not the scaled height).
            Coordinates[] path = line.Path.Points;
            if (path.Length < 8) continue;
            Coordinates at = path.MaxBy(c => Math.Min(
                Math.Min(c.X - xRange.Low, xRange.High - c.X) / xRange.Span,
                Math.Min(c.Y - yRange.Low, yRange.High - c.Y) / yRange.Span));
            var label = plot.Add.Text(HeightScale.Format(scale.Invert(line.Z)), at.X, at.Y);
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.White;
            label.LabelBackgroundColor = Colors.Black.WithAlpha(0.35);
            label.LabelAlignment = Alignment.MiddleCenter;
        }

        for (int r = 0; r < runs.Count; r++)
        {
            Trajectory run = runs[r];
            double[] px = [.. run.Points.Select(p => p[0])], py = [.. run.Points.Select(p => p[1])];
            var path = plot.Add.Scatter(px, py, runs.Count == 1 ? Colors.Red : PlotStyle.RunColor(r));
            path.LineWidth = 2;
            path.MarkerSize = 6;
            path.MarkerShape = MarkerShape.FilledCircle;
            path.LegendText = $"{run.Optimizer} ({run.Steps} steps)";
            CurvePlot.MarkEnds(plot, px[0], py[0], px[^1], py[^1], runs.Count == 1 ? null : PlotStyle.RunColor(r), labelStart: r == 0);
        }
        plot.Title($"f({xVar}, {yVar}) = {function.Text}");
        plot.XLabel(xVar);
        plot.YLabel(yVar);
        plot.Axes.SetLimits(xRange.Low, xRange.High, yRange.Low, yRange.High);
        plot.ShowLegend(Alignment.UpperRight);
        return new Picture(name, plot, 900, 720);
    }

    /// <summary>The x and y ranges covering every run's path with margin, extended to a square when the spans are similar.</summary>
    internal static (PlotRange X, PlotRange Y) Ranges(IReadOnlyList<Trajectory> runs)
    {
        PlotRange x = PlotRange.Around(runs.SelectMany(r => r.Points.Select(p => p[0])), 0.2);
        PlotRange y = PlotRange.Around(runs.SelectMany(r => r.Points.Select(p => p[1])), 0.2);
        // Paths along one axis still get room to see the function across it.
        double span = Math.Max(x.Span, y.Span);
        if (x.Span < span / 3) x = new PlotRange((x.Low + x.High) / 2 - span / 6, (x.Low + x.High) / 2 + span / 6);
        if (y.Span < span / 3) y = new PlotRange((y.Low + y.High) / 2 - span / 6, (y.Low + y.High) / 2 + span / 6);
        return (x, y);
    }
}

/// <summary>
/// How heights map to colours: linear, or log10(f - min + δ) when a few huge values (Rosenbrock's
/// corners) would otherwise wash out everything interesting.
/// </summary>
internal sealed record HeightScale(bool Logarithmic, double Min, double Delta)
{
    public static HeightScale For(double[,] f)
    {
        double[] values = [.. f.Cast<double>().Where(double.IsFinite).Order()];
        if (values.Length == 0) return new HeightScale(false, 0, 1);
        double min = values[0], max = values[^1], median = values[values.Length / 2];
        bool log = max - min > 20 * (median - min) && max - min > 0;
        return new HeightScale(log, min, Math.Max((max - min) * 1e-4, 1e-12));
    }

    public double Apply(double v) => !double.IsFinite(v) ? double.NaN : Logarithmic ? Math.Log10(v - Min + Delta) : v;

    public double Invert(double v) => Logarithmic ? Math.Pow(10, v) + Min - Delta : v;

    /// <summary>Three significant digits, e.g. 8.38, 335, 1.2e+04.</summary>
    public static string Format(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
