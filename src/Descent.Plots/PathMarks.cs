using ScottPlot;

namespace Descent.Plots;

/// <summary>The marks every path picture shares: its start and end, and where a diverging run left the view.</summary>
internal static class PathMarks
{
    /// <summary>
    /// A run's path in its colour, dash pattern and width (later runs drawn narrower, so a path lying on another still shows
    /// as a stripe along it), with its marker at every point of a run of up to 150 points or at about 25 points spread over a longer one;
    /// and its legend entry, showing both. <paramref name="steps"/> gives each point's step.
    /// </summary>
    public static void Path(Plot plot, IReadOnlyList<Coordinates> points, int[] steps, int index, bool single, string legend)
    {
        Color color = single ? Colors.Red : PlotStyle.RunColor(index);
        LinePattern pattern = single ? LinePattern.Solid : PlotStyle.RunPattern(index);
        MarkerShape shape = single ? MarkerShape.FilledCircle : PlotStyle.RunMarker(index);
        float width = single ? 2.5f : Math.Max(1.6f, 3.4f - 0.5f * index);
        var line = plot.Add.Scatter(points.ToArray(), color);
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.MarkerSize = 0;
        const int spread = 25;
        IEnumerable<int> marked = points.Count <= 150
            ? Enumerable.Range(0, points.Count)
            : Enumerable.Range(0, spread).Select(j =>
            {
                // Shifted a little per run, so the markers of runs that share a path do not sit on each other.
                double step = (j + (index % 4 + 1) / 5.0) * steps[^1] / spread;
                int at = Array.BinarySearch(steps, (int)step);
                return Math.Clamp(at < 0 ? ~at : at, 0, points.Count - 1);
            }).Distinct();
        var markers = plot.Add.Scatter(marked.Select(i => points[i]).ToArray(), color);
        markers.LineWidth = 0;
        markers.MarkerShape = shape;
        markers.MarkerSize = 7;
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = legend,
            LineColor = color,
            LineWidth = width,
            LinePattern = pattern,
            MarkerShape = shape,
            MarkerSize = 7,
            MarkerColor = color,
        });
    }

    /// <summary>
    /// A green circle at the start and a diamond at the end. One run gets both labelled and a black end;
    /// several runs (sharing the start) get the start labelled once and ends in their own colours, as the legend reads.
    /// </summary>
    public static void Ends(Plot plot, Coordinates start, Coordinates? end, Color? runColor = null, bool labelStart = true)
    {
        plot.Add.Marker(start, MarkerShape.OpenCircle, 18, Colors.ForestGreen).MarkerLineWidth = 3;
        if (labelStart) Label(plot.Add.Text("start", start), Colors.ForestGreen, Alignment.LowerLeft);
        if (end is not Coordinates last) return;
        if (runColor is Color color)
        {
            plot.Add.Marker(last, MarkerShape.FilledDiamond, 16, Colors.Black);
            plot.Add.Marker(last, MarkerShape.FilledDiamond, 11, color);
            return;
        }
        plot.Add.Marker(last, MarkerShape.FilledDiamond, 14, Colors.Black);
        Label(plot.Add.Text("end", last), Colors.Black, Alignment.LowerLeft);
    }

    /// <summary>The start's label, hanging from its <paramref name="corner"/> at the start (drawn after the paths, so none covers it).</summary>
    public static void StartLabel(Plot plot, Coordinates start, Alignment corner = Alignment.LowerLeft) =>
        Label(plot.Add.Text("start", start), Colors.ForestGreen, corner);

    /// <summary>
    /// Where a run left the view: a cross at <paramref name="at"/> (on the view's edge, or the last point in view)
    /// and a label such as "diverged at step 6", set inward from the edge so it stays inside the picture.
    /// </summary>
    public static void Exit(Plot plot, Coordinates at, string label, Color color, CoordinateRect view)
    {
        plot.Add.Marker(at, MarkerShape.Eks, 17, Colors.White).MarkerLineWidth = 5;
        plot.Add.Marker(at, MarkerShape.Eks, 15, color).MarkerLineWidth = 3;
        Label(plot.Add.Text(label, at), color, Inward(at, view));
    }

    /// <summary>
    /// A lower value of f than any run reached, found by sampling the function (no minimum of it is known): a black
    /// asterisk, its label, and a legend entry saying it is the lowest sample, not a known minimum.
    /// </summary>
    public static void Lowest(Plot plot, Coordinates at, string label, CoordinateRect view, string legend = "lowest f sampled (no minimum known)")
    {
        plot.Add.Marker(at, MarkerShape.Asterisk, 20, Colors.White).MarkerLineWidth = 5;
        plot.Add.Marker(at, MarkerShape.Asterisk, 18, Colors.Black).MarkerLineWidth = 2.5f;
        Label(plot.Add.Text(label, at), Colors.Black, Inward(at, view));
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = legend, MarkerShape = MarkerShape.Asterisk, MarkerSize = 14, MarkerColor = Colors.Black, MarkerLineWidth = 2.5f });
    }

    /// <summary>The known global minima: a gold star with a black outline at each, and one legend entry for them all.</summary>
    public static void Minima(Plot plot, IReadOnlyList<Coordinates> at, string legend)
    {
        Color gold = Color.FromHex(KnownMinima.Css);
        foreach (Coordinates p in at)
        {
            var star = plot.Add.Marker(p, MarkerShape.FilledCircle, 28, gold);
            star.MarkerStyle.CustomRenderer = StarMarker.Instance;
            star.MarkerStyle.LineColor = Colors.Black;
            star.MarkerStyle.LineWidth = 1.5f;
        }
        var item = new LegendItem { LabelText = legend, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 16, MarkerColor = gold };
        item.MarkerStyle.CustomRenderer = StarMarker.Instance;
        item.MarkerStyle.LineColor = Colors.Black;
        item.MarkerStyle.LineWidth = 1;
        plot.Legend.ManualItems.Add(item);
    }

    /// <summary>
    /// The point where the segment from <paramref name="inside"/> (in the box) toward <paramref name="outside"/> crosses the
    /// box's edge, or <paramref name="outside"/> itself when it is inside too; infinite coordinates point along their axis.
    /// </summary>
    public static Coordinates Clip(Coordinates inside, Coordinates outside, CoordinateRect box)
    {
        double dx = outside.X - inside.X, dy = outside.Y - inside.Y;
        if (!double.IsFinite(dx) || !double.IsFinite(dy))
        {
            // Only the direction is known: straight along the infinite coordinate(s).
            dx = double.IsInfinity(outside.X) ? Math.Sign(outside.X) : double.IsFinite(dx) ? dx : 0;
            dy = double.IsInfinity(outside.Y) ? Math.Sign(outside.Y) : double.IsFinite(dy) ? dy : 0;
            double reach = 10 * Math.Max(box.Width, box.Height);
            double norm = Math.Sqrt(dx * dx + dy * dy);
            if (norm == 0) return inside;
            (dx, dy) = (dx / norm * reach, dy / norm * reach);
        }
        double t = 1;
        if (dx > 0) t = Math.Min(t, (box.Right - inside.X) / dx);
        if (dx < 0) t = Math.Min(t, (box.Left - inside.X) / dx);
        if (dy > 0) t = Math.Min(t, (box.Top - inside.Y) / dy);
        if (dy < 0) t = Math.Min(t, (box.Bottom - inside.Y) / dy);
        t = Math.Max(0, t);
        return new Coordinates(inside.X + t * dx, inside.Y + t * dy);
    }

    // The label's anchor corner that puts the text toward the middle of the view, so a mark on an edge keeps its label inside.
    internal static Alignment Inward(Coordinates at, CoordinateRect view)
    {
        double u = (at.X - view.Left) / view.Width, v = (at.Y - view.Bottom) / view.Height;
        return (u > 0.6, v > 0.6) switch
        {
            (true, true) => Alignment.UpperRight,
            (true, false) => Alignment.LowerRight,
            (false, true) => Alignment.UpperLeft,
            (false, false) => Alignment.LowerLeft,
        };
    }

    private static void Label(ScottPlot.Plottables.Text text, Color color, Alignment alignment)
    {
        text.LabelFontSize = 14;
        text.LabelBold = true;
        text.LabelFontColor = color;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        text.LabelAlignment = alignment;
        text.LabelPadding = 2;
        bool right = alignment is Alignment.UpperRight or Alignment.LowerRight, up = alignment is Alignment.LowerLeft or Alignment.LowerRight;
        text.OffsetX = right ? -10 : 10;
        text.OffsetY = up ? -10 : 10;
    }
}
