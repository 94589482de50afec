using Descent.Expressions;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// A static 3D view of a two-variable function: the surface, shaded by height and lit from above,
/// seen from a fixed angle, with each optimizer's path drawn on it. ScottPlot has no 3D, so the
/// surface is projected here (orthographic) and drawn back to front as polygons.
/// </summary>
public static class SurfacePlot
{
    private const double Azimuth = -55 * Math.PI / 180, Elevation = 30 * Math.PI / 180;

    /// <summary>The figure for one or more runs on the same two-variable function.</summary>
    public static Picture Create(Expression function, IReadOnlyList<Trajectory> runs, string name = "surface")
    {
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        var (xRange, yRange) = ContourPlot.Ranges(runs);
        const int n = 56;
        double[] xs = FunctionGrid.Linspace(xRange.Low, xRange.High, n), ys = FunctionGrid.Linspace(yRange.Low, yRange.High, n);
        double[,] f = FunctionGrid.Surface(function, xVar, yVar, xs, ys);
        // Heights on the contour plot's scale: log when a few huge values (Rosenbrock's corners) would flatten the rest.
        var scale = HeightScale.For(f);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) f[i, j] = scale.Apply(f[i, j]);
        double[] finite = [.. f.Cast<double>().Where(double.IsFinite)];
        double zLow = finite.Length > 0 ? finite.Min() : 0, zHigh = finite.Length > 0 ? finite.Max() : 1;
        if (!(zHigh > zLow)) zHigh = zLow + 1;
        var view = new View(xRange, yRange, zLow, zHigh);

        Plot plot = PlotStyle.NewPlot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        var cells = new List<(double Depth, Coordinates[] Corners, Color Color)>();
        for (int i = 0; i < n - 1; i++)
            for (int j = 0; j < n - 1; j++)
            {
                (double X, double Y, double Z)[] c =
                [
                    view.Normalize(xs[j], ys[i], f[i, j]), view.Normalize(xs[j + 1], ys[i], f[i, j + 1]),
                    view.Normalize(xs[j + 1], ys[i + 1], f[i + 1, j + 1]), view.Normalize(xs[j], ys[i + 1], f[i + 1, j]),
                ];
                if (c.Any(p => double.IsNaN(p.Z))) continue;
                double height = c.Average(p => p.Z);
                // Lambert shading from a light above and to the front-left gives the surface its relief.
                var (ax, ay, az) = (c[2].X - c[0].X, c[2].Y - c[0].Y, c[2].Z - c[0].Z);
                var (bx, by, bz) = (c[3].X - c[1].X, c[3].Y - c[1].Y, c[3].Z - c[1].Z);
                var (nx, ny, nz) = (ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx);
                double norm = Math.Sqrt(nx * nx + ny * ny + nz * nz);
                double light = norm == 0 ? 1 : Math.Abs(nx * -0.4 + ny * -0.5 + nz * 0.77) / norm;
                Color color = Shade(colormap.GetColor(Math.Clamp((height + 1) / 2, 0, 1)), 0.55 + 0.45 * light);
                cells.Add((c.Average(p => view.Depth(p)), [.. c.Select(view.Project)], color));
            }
        foreach (var cell in cells.OrderByDescending(c => c.Depth))
        {
            var polygon = plot.Add.Polygon(cell.Corners);
            polygon.FillColor = cell.Color;
            polygon.LineColor = cell.Color;
            polygon.LineWidth = 0.6f;
        }
        DrawBox(plot, view, xVar, yVar, xRange, yRange, scale.Invert(zLow), scale.Invert(zHigh), scale.Logarithmic);

        for (int r = 0; r < runs.Count; r++)
        {
            Trajectory run = runs[r];
            Coordinates[] path = [.. run.Points.Select((p, k) => view.Project(view.Normalize(p[0], p[1], scale.Apply(run.Values[k]))))];
            var line = plot.Add.Scatter(path, runs.Count == 1 ? Colors.Red : PlotStyle.RunColor(r));
            line.LineWidth = 2.5f;
            line.MarkerSize = 6;
            line.LegendText = $"{run.Optimizer} ({run.Steps} steps)";
            CurvePlot.MarkEnds(plot, path[0].X, path[0].Y, path[^1].X, path[^1].Y, runs.Count == 1 ? null : PlotStyle.RunColor(r), labelStart: r == 0);
        }
        plot.Title($"f({xVar}, {yVar}) = {function.Text}");
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Right, plot.Axes.Bottom, plot.Axes.Top }) axis.IsVisible = false;
        plot.HideGrid();
        plot.Axes.SetLimits(-1.75, 1.75, -1.5, 1.6);
        plot.ShowLegend(Alignment.UpperRight);
        return new Picture(name, plot, 900, 720);
    }

    /// <summary>The base of the bounding box and three labelled axes, so the view reads as 3D.</summary>
    private static void DrawBox(Plot plot, View view, string xVar, string yVar, PlotRange x, PlotRange y, double zLow, double zHigh, bool logarithmic)
    {
        Color edge = Colors.Gray.WithAlpha(0.8);
        (double, double, double)[] bottom = [(-1, -1, -1), (1, -1, -1), (1, 1, -1), (-1, 1, -1)];
        for (int k = 0; k < 4; k++)
        {
            var line = plot.Add.Line(view.Project(bottom[k]), view.Project(bottom[(k + 1) % 4]));
            line.LineColor = edge;
            line.LineWidth = 1;
        }
        var vertical = plot.Add.Line(view.Project((-1, 1, -1)), view.Project((-1, 1, 1)));
        vertical.LineColor = edge;
        AxisLabel(plot, view.Project((0, -1.22, -1)), xVar);
        AxisLabel(plot, view.Project((1.22, 0, -1)), yVar);
        AxisLabel(plot, view.Project((-1, 1.12, 1.08)), logarithmic ? "f (log scale)" : "f");
        TickLabel(plot, view.Project((-1, -1.12, -1)), x.Low);
        TickLabel(plot, view.Project((1, -1.12, -1)), x.High);
        TickLabel(plot, view.Project((1.14, -1, -1)), y.Low);
        TickLabel(plot, view.Project((1.14, 1, -1)), y.High);
        TickLabel(plot, view.Project((-1.1, 1, -1)), zLow);
        TickLabel(plot, view.Project((-1.1, 1, 1)), zHigh);
    }

    private static void AxisLabel(Plot plot, Coordinates at, string text)
    {
        var label = plot.Add.Text(text, at.X, at.Y);
        label.LabelFontSize = 16;
        label.LabelBold = true;
        label.LabelAlignment = Alignment.MiddleCenter;
    }

    private static void TickLabel(Plot plot, Coordinates at, double value)
    {
        var label = plot.Add.Text(HeightScale.Format(value), at.X, at.Y);
        label.LabelFontSize = 12;
        label.LabelFontColor = Colors.DimGray;
        label.LabelAlignment = Alignment.MiddleCenter;
    }

    private static Color Shade(Color c, double factor) =>
        new((byte)(c.R * factor), (byte)(c.G * factor), (byte)(c.B * factor));

    /// <summary>Maps data into the unit box [-1, 1]³ and projects it for the fixed camera.</summary>
    private sealed record View(PlotRange X, PlotRange Y, double ZLow, double ZHigh)
    {
        public (double X, double Y, double Z) Normalize(double x, double y, double z) =>
            (2 * (x - X.Low) / X.Span - 1, 2 * (y - Y.Low) / Y.Span - 1,
             double.IsFinite(z) ? 2 * (z - ZLow) / (ZHigh - ZLow) - 1 : double.NaN);

        public Coordinates Project((double X, double Y, double Z) p)
        {
            double u = p.X * Math.Cos(Azimuth) - p.Y * Math.Sin(Azimuth);
            double v = p.X * Math.Sin(Azimuth) + p.Y * Math.Cos(Azimuth);
            return new Coordinates(u, 0.8 * p.Z * Math.Cos(Elevation) + v * Math.Sin(Elevation));
        }

        /// <summary>Distance from the camera along its view direction; larger is farther.</summary>
        public double Depth((double X, double Y, double Z) p)
        {
            double v = p.X * Math.Sin(Azimuth) + p.Y * Math.Cos(Azimuth);
            return v * Math.Cos(Elevation) - 0.8 * p.Z * Math.Sin(Elevation);
        }
    }
}
