using Descent.Expressions;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// A static 3D view of a two-variable function: the surface, shaded by height and lit from above,
/// seen from a fixed angle, with each optimizer's path drawn on it and the known global minima starred. ScottPlot has no 3D, so the
/// surface is projected here (orthographic) and drawn back to front as polygons.
/// </summary>
public static class SurfacePlot
{
    private const double Azimuth = -55 * Math.PI / 180, Elevation = 30 * Math.PI / 180;

    /// <summary>The figure for one or more runs on the same two-variable function.</summary>
    public static Picture Create(Expression function, IReadOnlyList<Trajectory> runs, string name = "surface")
    {
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        string title = $"f({xVar}, {yVar}) = {function.Text}";
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(v => v.HasStart)) return Notice.NotFiniteAtStart(name, title, runs[0]);
        PlaneView plane = PlaneView.Of(views);
        const int n = 64;
        double[] xs = FunctionGrid.Linspace(plane.X.Low, plane.X.High, n), ys = FunctionGrid.Linspace(plane.Y.Low, plane.Y.High, n);
        double[,] f = FunctionGrid.SurfaceLowest(function, xVar, yVar, xs, ys);
        // Heights on a log scale when a few huge values (Rosenbrock's corners) would flatten the rest, with its floor at the
        // lowest quarter of values: near the floor the scale turns linear, so a narrow valley is a trough with gentle walls,
        // not a sharp fold that a grid can only draw as a row of teeth.
        var scale = HeightScale.For(f, floor: 0.25);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) f[i, j] = scale.Apply(f[i, j]);
        double[] finite = [.. f.Cast<double>().Where(double.IsFinite)];
        double zLow = finite.Length > 0 ? finite.Min() : 0, zHigh = finite.Length > 0 ? finite.Max() : 1;
        if (!(zHigh > zLow)) zHigh = zLow + 1;
        var view = new View(plane.X, plane.Y, zLow, zHigh);

        Plot plot = PlotStyle.NewPlot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        var cells = new List<(double Depth, Coordinates[] Corners, Color Color)>();
        void Facet(params (double X, double Y, double Z)[] c)
        {
            double height = c.Average(p => p.Z);
            // Lambert shading from a light above and to the front-left gives the surface its relief (normal by Newell's method).
            double nx = 0, ny = 0, nz = 0;
            for (int k = 0; k < c.Length; k++)
            {
                var (p, q) = (c[k], c[(k + 1) % c.Length]);
                nx += (p.Y - q.Y) * (p.Z + q.Z);
                ny += (p.Z - q.Z) * (p.X + q.X);
                nz += (p.X - q.X) * (p.Y + q.Y);
            }
            double norm = Math.Sqrt(nx * nx + ny * ny + nz * nz);
            double light = norm == 0 ? 1 : Math.Abs(nx * -0.4 + ny * -0.5 + nz * 0.77) / norm;
            Color color = Shade(colormap.GetColor(Math.Clamp((height + 1) / 2, 0, 1)), 0.55 + 0.45 * light);
            cells.Add((c.Average(p => view.Depth(p)), [.. c.Select(view.Project)], color));
        }
        for (int i = 0; i < n - 1; i++)
            for (int j = 0; j < n - 1; j++)
            {
                (double X, double Y, double Z)[] c =
                [
                    view.Normalize(xs[j], ys[i], f[i, j]), view.Normalize(xs[j + 1], ys[i], f[i, j + 1]),
                    view.Normalize(xs[j + 1], ys[i + 1], f[i + 1, j + 1]), view.Normalize(xs[j], ys[i + 1], f[i + 1, j]),
                ];
                if (c.Any(p => double.IsNaN(p.Z))) continue;
                // A cell far from flat (the edge of a narrow valley crossing it at a slant) is cut in two triangles along the
                // diagonal whose ends are nearest in height, the lower one on a tie, so the valley's floor and walls follow its
                // course instead of the grid's staircase; flat cells stay whole (fewer shapes).
                double first = Math.Abs(c[0].Z - c[2].Z), second = Math.Abs(c[1].Z - c[3].Z);
                bool alongFirst = Math.Abs(first - second) > 0.02 ? first < second : c[0].Z + c[2].Z <= c[1].Z + c[3].Z;
                if (Math.Abs(c[0].Z + c[2].Z - c[1].Z - c[3].Z) < 0.03) Facet(c);
                else if (alongFirst) { Facet(c[0], c[1], c[2]); Facet(c[0], c[2], c[3]); }
                else { Facet(c[0], c[1], c[3]); Facet(c[1], c[2], c[3]); }
            }
        foreach (var cell in cells.OrderByDescending(c => c.Depth))
        {
            var polygon = plot.Add.Polygon(cell.Corners);
            polygon.FillColor = cell.Color;
            polygon.LineColor = cell.Color;
            polygon.LineWidth = 0.6f;
        }
        DrawBox(plot, view, xVar, yVar, scale);

        // Each known global minimum on the surface, at f* (no lower than the sampled floor, where the log scale ends).
        Coordinates[] minima = [.. KnownMinima.InPlane(views, plane)
            .Select(m => view.Project(view.Normalize(m.X, m.Y, scale.Apply(Math.Max(KnownMinima.Of(views)[0].Value, scale.Min)))))];
        if (minima.Length > 0) PathMarks.Minima(plot, minima, KnownMinima.Legend(views));

        bool single = runs.Count == 1;
        var frame = new CoordinateRect(Left, Right, Bottom, Top);
        RunView firstDrawn = views.First(v => v.HasStart);
        foreach (RunView run in views.Where(v => v.HasStart))
        {
            int[] drawn = [.. run.Drawn.Where(k => k < run.InView)];
            Coordinates[] path = [.. drawn.Select(k => view.Project(view.Normalize(run.Run.Points[k][0], run.Run.Points[k][1], scale.Apply(run.Run.Values[k]))))];
            Color color = single ? Colors.Red : PlotStyle.RunColor(run.Index);
            PathMarks.Path(plot, path, drawn, run.Index, single, $"{run.Run.Optimizer} ({run.Run.Steps} steps)");
            PathMarks.Ends(plot, path[0], run.LeftAt is null ? path[^1] : null, single ? null : color, labelStart: false);
            // In 3D the run is marked where it was last in view: past it, f is off the scale.
            if (run.LeftLabel is string left) PathMarks.Exit(plot, path[^1], left, color, frame);
        }
        // Labelled after every path is drawn, so none runs over the label.
        PathMarks.StartLabel(plot, view.Project(view.Normalize(firstDrawn.Run.Points[0][0], firstDrawn.Run.Points[0][1], scale.Apply(firstDrawn.Run.Values[0]))));
        PlotStyle.Title(plot, title, 860);
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Right, plot.Axes.Bottom, plot.Axes.Top }) axis.IsVisible = false;
        plot.HideGrid();
        plot.Axes.SetLimits(Left, Right, Bottom, Top);
        int legendHeight = ContourPlot.LegendBelow(plot, 780);
        string caption = $"The same function as a surface seen from the front left: height and colour are f{(scale.Logarithmic ? " on a log scale" : "")}, " +
            $"and {(single ? "the path is" : "the paths are")} drawn on it from the green circle (start) to the diamond (end)." +
            KnownMinima.Caption(views, minima.Length) + RunView.DivergenceNote(views);
        return new Picture(name, plot, 860, 700 + legendHeight) { Caption = caption };
    }

    // The projected unit box, its labels and a margin fit in these limits.
    private const double Left = -1.85, Right = 1.85, Bottom = -1.55, Top = 1.55;

    /// <summary>The base of the bounding box, the vertical axis, and round ticks on the three axes, so the view reads as 3D.</summary>
    private static void DrawBox(Plot plot, View view, string xVar, string yVar, HeightScale scale)
    {
        Color edge = Colors.Gray.WithAlpha(0.8);
        void Segment((double, double, double) from, (double, double, double) to, float width = 1)
        {
            var line = plot.Add.Line(view.Project(from), view.Project(to));
            line.LineColor = edge;
            line.LineWidth = width;
        }
        (double, double, double)[] bottom = [(-1, -1, -1), (1, -1, -1), (1, 1, -1), (-1, 1, -1)];
        for (int k = 0; k < 4; k++) Segment(bottom[k], bottom[(k + 1) % 4]);
        // The vertical axis stands at the left corner, in front of the surface rather than behind it.
        Segment((-1, -1, -1), (-1, -1, 1));
        AxisLabel(plot, view.Project((0, -1.38, -1)), xVar);
        AxisLabel(plot, view.Project((1.38, 0, -1)), yVar);
        AxisLabel(plot, view.Project((-1, -1, 1.22)), scale.Logarithmic ? "f (log scale)" : "f");

        double[] xTicks = ReadableTicks.LinearPositions(view.X.Low, view.X.High, 4, out double xStep);
        foreach (double x in xTicks)
        {
            double u = 2 * (x - view.X.Low) / view.X.Span - 1;
            Segment((u, -1, -1), (u, -1.06, -1));
            TickLabel(plot, view.Project((u, -1.16, -1)), ReadableTicks.Label(x, xStep));
        }
        double[] yTicks = ReadableTicks.LinearPositions(view.Y.Low, view.Y.High, 4, out double yStep);
        foreach (double y in yTicks)
        {
            double u = 2 * (y - view.Y.Low) / view.Y.Span - 1;
            Segment((1, u, -1), (1.06, u, -1));
            TickLabel(plot, view.Project((1.18, u, -1)), ReadableTicks.Label(y, yStep));
        }
        foreach (Tick z in scale.Ticks(view.ZLow, view.ZHigh, 260, 45))
        {
            double u = 2 * (z.Position - view.ZLow) / (view.ZHigh - view.ZLow) - 1;
            Segment((-1, -1, u), (-1.05, -1.05, u));
            var label = plot.Add.Text(z.Label, view.Project((-1.08, -1.08, u)));
            label.LabelFontSize = 12;
            label.LabelFontColor = Colors.DimGray;
            label.LabelAlignment = Alignment.MiddleRight;
        }
    }

    private static void AxisLabel(Plot plot, Coordinates at, string text)
    {
        var label = plot.Add.Text(text, at.X, at.Y);
        label.LabelFontSize = 16;
        label.LabelBold = true;
        label.LabelAlignment = Alignment.MiddleCenter;
    }

    private static void TickLabel(Plot plot, Coordinates at, string text)
    {
        var label = plot.Add.Text(text, at.X, at.Y);
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

        /// <summary>
        /// How far back a point of the surface is, for drawing back to front: along the view's direction in the (x, y) plane
        /// only. Every line of sight meets the surface z = f(x, y) in that order, so this order is right even where the
        /// surface folds (a steep wall, seen from below, behind a crest); ordering by full 3D depth gets those wrong, as teeth.
        /// </summary>
        public double Depth((double X, double Y, double Z) p) => p.X * Math.Sin(Azimuth) + p.Y * Math.Cos(Azimuth);
    }
}
