using Descent.Expressions;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// A function of two variables as a filled contour with labelled contour lines at round values of f, and each
/// optimizer's path on it (its own colour, dash pattern and marker), start and end marked, where a diverging run left
/// the picture, the known global minima (gold stars), and without those the lowest f on the grid when the runs missed
/// it. Equal scales on both axes when the ranges are comparable; grey where f is not finite.
/// </summary>
public static class ContourPlot
{
    private static readonly Color NotFinite = Color.FromHex("#d0d0d0");

    /// <summary>The figure for one or more runs on the same two-variable function.</summary>
    public static Picture Create(Expression function, IReadOnlyList<Trajectory> runs, string name = "contour")
    {
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        string title = $"f({xVar}, {yVar}) = {function.Text}";
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(v => v.HasStart)) return Notice.NotFiniteAtStart(name, title, runs[0]);

        PlaneView plane = PlaneView.Of(views);
        const int n = 160;
        double[] xs = FunctionGrid.Linspace(plane.X.Low, plane.X.High, n), ys = FunctionGrid.Linspace(plane.Y.Low, plane.Y.High, n);
        double[,] f = FunctionGrid.Surface(function, xVar, yVar, xs, ys);
        var scale = HeightScale.For(f);
        var heights = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) heights[i, j] = scale.Apply(f[i, j]);
        double[] finite = [.. heights.Cast<double>().Where(double.IsFinite)];
        var (dataWidth, dataHeight) = plane.EqualAspect ? Fit(plane.UnitsWide, 620, 560) : (620, 520);
        var box = new CoordinateRect(plane.X.Low, plane.X.High, plane.Y.Low, plane.Y.High);
        var space = new LabelSpace(box, dataWidth, dataHeight);

        Plot plot = PlotStyle.NewPlot();
        plot.DataBackground.Color = NotFinite;
        List<(ContourLine Line, string Label)> contours = [];
        if (finite.Length > 0)
        {
            double low = finite.Min(), high = finite.Max();
            // Heatmap rows run from the top of the picture down, so row i holds the i-th largest y.
            var intensities = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) intensities[n - 1 - i, j] = heights[i, j];
            var heatmap = plot.Add.Heatmap(intensities);
            heatmap.Extent = box;
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.Smooth = true;
            heatmap.NaNCellColor = NotFinite;
            heatmap.ManualRange = new ScottPlot.Range(low, high > low ? high : low + 1);
            var colorBar = plot.Add.ColorBar(heatmap);
            colorBar.Label = scale.Logarithmic ? "f (log scale)" : "f";
            colorBar.LabelStyle.FontSize = 14;
            colorBar.Axis.TickLabelStyle.FontSize = 12;
            colorBar.Axis.TickGenerator = scale.Generator(40);
            if (high > low)
                foreach (Tick level in scale.Ticks(low, high, dataHeight, 32))
                    foreach (Coordinates[] piece in ContourPieces(xs, ys, heights, level.Position))
                    {
                        var line = plot.Add.Scatter(piece, Colors.White.WithAlpha(0.6));
                        line.LineWidth = 1;
                        line.MarkerSize = 0;
                        contours.Add((new ContourLine(CoordinatePath.Open(piece), level.Position), level.Label));
                    }
        }
        if (finite.Length < heights.Length)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "f not finite", FillColor = NotFinite, OutlineColor = Colors.Gray, OutlineWidth = 1 });

        // The stars go under the paths: a run that ended on a minimum shows its diamond on the star.
        Coordinates[] minima = KnownMinima.InPlane(views, plane);
        if (minima.Length > 0) PathMarks.Minima(plot, minima, KnownMinima.Legend(views));
        foreach (Coordinates m in minima) space.TakeLine([m], 12);

        bool single = runs.Count == 1;
        RunView firstDrawn = views.First(v => v.HasStart);
        foreach (RunView run in views.Where(v => v.HasStart))
        {
            int[] drawn = [.. run.Drawn.Where(k => k < run.InView)];
            Coordinates[] path = [.. drawn.Select(k => new Coordinates(run.Run.Points[k][0], run.Run.Points[k][1]))];
            Color color = single ? Colors.Red : PlotStyle.RunColor(run.Index);
            PathMarks.Path(plot, path, drawn, run.Index, single, $"{run.Run.Optimizer} ({run.Run.Steps} steps)");
            space.TakeLine(path, 6);
            space.TakeLine([path[0]], 11);
            space.TakeLine([path[^1]], 10);
            PathMarks.Ends(plot, path[0], run.LeftAt is null ? path[^1] : null, single ? null : color, labelStart: false);
            if (single && run.LeftAt is null) space.TakeLabel(path[^1], Alignment.LowerLeft, 40, 22, 9, -9);
            if (run.LeftLabel is string left)
            {
                Coordinates exit = run.Exit is double[] e ? PathMarks.Clip(path[^1], new Coordinates(e[0], e[1]), box) : path[^1];
                var jump = plot.Add.Line(path[^1], exit);
                jump.LineColor = color;
                jump.LinePattern = LinePattern.Dashed;
                jump.LineWidth = 1.5f;
                PathMarks.Exit(plot, exit, left, color, box);
                space.TakeLine([path[^1], exit], 6);
                space.TakeLabel(exit, PathMarks.Inward(exit, box), 8 * left.Length + 10, 22, exit.X > box.HorizontalCenter ? -10 : 10, exit.Y > box.VerticalCenter ? 10 : -10);
            }
        }
        // The start's label where the paths leave it most room, once every path is known.
        var origin = new Coordinates(firstDrawn.Run.Points[0][0], firstDrawn.Run.Points[0][1]);
        PathMarks.StartLabel(plot, origin, space.Corner(origin, 50, 22, 10));
        bool missed = false;
        if (LowestMissed(function, plane, views) is var (lowest, value))
        {
            missed = true;
            string label = $"lowest f on the grid: {ReadableTicks.Label(value)}";
            PathMarks.Lowest(plot, lowest, label, box);
            space.TakeLine([lowest], 12);
            space.TakeLabel(lowest, PathMarks.Inward(lowest, box), 8 * label.Length + 10, 22, lowest.X > box.HorizontalCenter ? -10 : 10, lowest.Y > box.VerticalCenter ? 10 : -10);
        }

        // Contour labels last: each where it covers no path, mark or other label, as far inside the picture as it can be.
        foreach (var (line, text) in contours.OrderByDescending(c => c.Line.Path.Points.Length))
        {
            Coordinates[] points = line.Path.Points;
            if (points.Length < 8) continue;
            if (space.Place(points.Where((_, i) => i % 2 == 0), 7 * text.Length + 8, 16) is not Coordinates place) continue;
            var label = plot.Add.Text(text, place);
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.White;
            label.LabelBackgroundColor = Colors.Black.WithAlpha(0.4);
            label.LabelAlignment = Alignment.MiddleCenter;
        }

        // The title is centred on the data area, which has 95 pixels of axis on its left.
        PlotStyle.Title(plot, title, dataWidth + 2 * 95);
        plot.XLabel(xVar);
        plot.YLabel(yVar);
        plot.Axes.SetLimits(box.Left, box.Right, box.Bottom, box.Top);
        if (plane.EqualAspect) plot.Layout.LayoutEngine = new EqualAspectLayout(plane.UnitsWide);
        // The heatmap fills the data area, so the legend goes under it.
        int legendHeight = LegendBelow(plot, dataWidth);
        string caption = "A map of f seen from above: colour and the labelled white contour lines give f" +
            (scale.Logarithmic ? " on a log scale, so the low floor shows as clearly as the high walls" : "") +
            (finite.Length < heights.Length ? "; grey where f is not finite" : "") +
            $". {(single ? "The optimizer's path" : "Each optimizer's path")} runs from the green circle (start) to {(single ? "the black diamond (end)" : "its diamond (end)")}" +
            (single ? "." : ", in its own colour, dash pattern and marker, so paths lying on each other stay apart.") +
            (plane.EqualAspect ? " Both axes have the same scale, so round bowls look round." : "") +
            KnownMinima.Caption(views, minima.Length) +
            (missed ? " The black asterisk marks the lowest f on the grid, which no run reached (no minimum of this function is known)." : "") + RunView.DivergenceNote(views);
        return new Picture(name, plot, 95 + dataWidth + 115, 55 + dataHeight + 65 + legendHeight) { Caption = caption };
    }

    /// <summary>The largest width × height within <paramref name="maxWidth"/> × <paramref name="maxHeight"/> that is <paramref name="unitsWide"/> times as wide as high.</summary>
    internal static (int Width, int Height) Fit(double unitsWide, int maxWidth, int maxHeight) =>
        unitsWide >= (double)maxWidth / maxHeight ? (maxWidth, (int)(maxWidth / unitsWide)) : ((int)(maxHeight * unitsWide), maxHeight);

    /// <summary>
    /// Shows the legend below the data area, its entries in as many rows as a width of <paramref name="width"/> pixels
    /// needs; returns the height it takes (0 when it has nothing to say).
    /// </summary>
    internal static int LegendBelow(Plot plot, int width)
    {
        if (plot.Legend.GetItems().Length == 0) return 0;
        plot.ShowLegend(Edge.Bottom);
        // One entry a row: ScottPlot sizes a bottom legend's panel for the automatic layout's width, and a narrower
        // equal-aspect data area then wraps the entries into more rows than the panel holds, cutting the last ones off.
        plot.Legend.Orientation = Orientation.Vertical;
        using Paint paint = Paint.NewDisposablePaint();
        // The panel lays the entries out in the data area's width less its padding; a little less, in case the equal-aspect
        // layout narrows the data area.
        float height = plot.Legend.GetLayout(new PixelSize(0.9f * width - 40, 10_000), paint).LegendRect.Height;
        return (int)Math.Ceiling(height) + 40;
    }

    /// <summary>
    /// The contour lines of <paramref name="heights"/> (rows by y, columns by x; NaN where f is not finite) at
    /// <paramref name="level"/>, cut where they would cross a cell with a NaN corner: no line is made up there.
    /// </summary>
    internal static IEnumerable<Coordinates[]> ContourPieces(double[] xs, double[] ys, double[,] heights, double level)
    {
        int rows = ys.Length, columns = xs.Length;
        double above = heights.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).Max() + 1;
        var grid = new Coordinates3d[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) grid[i, j] = new Coordinates3d(xs[j], ys[i], double.IsFinite(heights[i, j]) ? heights[i, j] : above);
        double dx = xs[1] - xs[0], dy = ys[1] - ys[0];
        // A point of a line lies on a cell edge; it is real when both ends of that edge have a value.
        bool Real(Coordinates c)
        {
            double col = (c.X - xs[0]) / dx, row = (c.Y - ys[0]) / dy;
            bool onColumn = Math.Abs(col - Math.Round(col)) < Math.Abs(row - Math.Round(row));
            int i0 = Math.Clamp((int)Math.Floor(row), 0, rows - 1), j0 = Math.Clamp((int)Math.Floor(col), 0, columns - 1);
            (int I, int J) a = onColumn ? (i0, (int)Math.Round(col)) : ((int)Math.Round(row), j0);
            (int I, int J) b = onColumn ? (Math.Min(i0 + 1, rows - 1), a.J) : (a.I, Math.Min(j0 + 1, columns - 1));
            a = (Math.Clamp(a.I, 0, rows - 1), Math.Clamp(a.J, 0, columns - 1));
            return double.IsFinite(heights[a.I, a.J]) && double.IsFinite(heights[b.I, b.J]);
        }
        foreach (ContourLine line in ScottPlot.Triangulation.RectangularGrid.GetContourLines(grid, [level]))
        {
            var piece = new List<Coordinates>();
            foreach (Coordinates c in line.Path.Points.Append(new Coordinates(double.NaN, double.NaN)))
            {
                if (double.IsFinite(c.X) && double.IsFinite(c.Y) && Real(c)) { piece.Add(c); continue; }
                if (piece.Count > 1) yield return [.. piece];
                piece.Clear();
            }
        }
    }

    /// <summary>
    /// The lowest point of f on a 160 × 160 grid over the view, when it is inside the grid (not on its edge, where f may
    /// keep falling), below every run's values, and not where a run ended (within 3% of the view): a minimum the runs
    /// missed. Null otherwise, and when the function's global minima are known (they are marked instead). The static and the
    /// interactive picture ask the same grid, so they mark the same point.
    /// </summary>
    internal static (Coordinates At, double Value)? LowestMissed(Expression function, PlaneView plane, IReadOnlyList<RunView> views)
    {
        if (KnownMinima.Known(views)) return null;
        const int n = 160;
        var (xVar, yVar) = (views[0].Run.Variables[0], views[0].Run.Variables[1]);
        double[] xs = FunctionGrid.Linspace(plane.X.Low, plane.X.High, n), ys = FunctionGrid.Linspace(plane.Y.Low, plane.Y.High, n);
        double[,] f = FunctionGrid.Surface(function, xVar, yVar, xs, ys);
        int bi = -1, bj = -1;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (double.IsFinite(f[i, j]) && (bi < 0 || f[i, j] < f[bi, bj])) (bi, bj) = (i, j);
        if (bi <= 0 || bj <= 0 || bi >= n - 1 || bj >= n - 1) return null;
        var at = new Coordinates(xs[bj], ys[bi]);
        foreach (RunView v in views.Where(v => v.HasStart))
        {
            double[] end = v.Run.Points[v.InView - 1];
            double dx = (end[0] - at.X) / plane.X.Span, dy = (end[1] - at.Y) / plane.Y.Span;
            if (Math.Sqrt(dx * dx + dy * dy) < 0.03) return null;
            if (v.Drawn.Where(k => k < v.InView).Any(k => v.Run.Values[k] <= f[bi, bj])) return null;
        }
        return (at, f[bi, bj]);
    }
}
