namespace Descent.Plots;

/// <summary>
/// The part of the plane a two-variable picture shows: the runs' drawn points and the known global minima near them with a margin, widened across a path
/// that runs along one axis so the function shows around it, and whether both axes get the same scale (when the
/// spans are comparable, so circles look round).
/// </summary>
/// <param name="X">The first variable's range.</param>
/// <param name="Y">The second variable's range.</param>
/// <param name="EqualAspect">Whether a unit of x is drawn as long as a unit of y.</param>
internal sealed record PlaneView(PlotRange X, PlotRange Y, bool EqualAspect)
{
    /// <summary>Spans within this ratio of each other get an equal-aspect picture.</summary>
    private const double Comparable = 2.5;

    /// <summary>The view of the runs' points in view.</summary>
    public static PlaneView Of(IReadOnlyList<RunView> views)
    {
        IEnumerable<double[]> points = views.SelectMany(v => v.Drawn.Where(k => k < v.InView).Select(k => v.Run.Points[k]));
        PlotRange x = PlotRange.Around(points.Select(p => p[0]), 0.2);
        PlotRange y = PlotRange.Around(points.Select(p => p[1]), 0.2);
        // Known global minima near the paths join the view (Himmelblau's other three, six-hump camel's two beside the valley a
        // run settled in), so the picture shows where the runs could have gone. Near is within the paths' own scale: a span of
        // their view, or twice its distance from 0, beyond it. One farther off would shrink the paths to a scribble, and stays out.
        static double Reach(PlotRange r) => Math.Max(r.Span, 2 * Math.Max(Math.Abs(r.Low), Math.Abs(r.High)));
        double[][] near = [.. KnownMinima.Of(views).Select(m => m.Point.ToArray())
            .Where(p => p[0] >= x.Low - Reach(x) && p[0] <= x.High + Reach(x) && p[1] >= y.Low - Reach(y) && p[1] <= y.High + Reach(y))];
        if (near.Length > 0)
        {
            x = PlotRange.Around(points.Concat(near).Select(p => p[0]), 0.2);
            y = PlotRange.Around(points.Concat(near).Select(p => p[1]), 0.2);
        }
        double span = Math.Max(x.Span, y.Span);
        bool equal = Math.Min(x.Span, y.Span) * Comparable >= span;
        // A flat strip of a picture shows little of the function: the shorter side is at least 60% (equal aspect) or a third of the longer.
        double least = equal ? span * 0.6 : span / 3;
        return new PlaneView(Widen(x, least), Widen(y, least), equal);
    }

    /// <summary>The x span divided by the y span.</summary>
    public double UnitsWide => X.Span / Y.Span;

    private static PlotRange Widen(PlotRange r, double least) =>
        r.Span >= least ? r : new PlotRange((r.Low + r.High) / 2 - least / 2, (r.Low + r.High) / 2 + least / 2);
}
