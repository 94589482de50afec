using Descent.Expressions;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// The part of a one-variable function a curve picture shows: the x range covering the paths and any clearly lower
/// minimum nearby that they missed, the curve over it in finite pieces (gaps where f is not finite), the y range, and
/// that lower minimum.
/// </summary>
/// <param name="X">The x range.</param>
/// <param name="Y">The f range: the paths' values and the curve's, without its extreme 1% at either end (a pole's spike).</param>
/// <param name="Pieces">The curve, split where f is not finite.</param>
/// <param name="Lowest">A local minimum of the sampled curve clearly below every run's best value, or null.</param>
internal sealed record CurveView(PlotRange X, PlotRange Y, Coordinates[][] Pieces, Coordinates? Lowest)
{
    /// <summary>The view for the runs' drawn points on <paramref name="function"/> of <paramref name="variable"/>.</summary>
    public static CurveView Of(Expression function, string variable, IReadOnlyList<RunView> views)
    {
        double[] visited = [.. views.SelectMany(v => v.Drawn.Where(k => k < v.InView).Select(k => v.Run.Points[k][0]))];
        double[] values = [.. views.SelectMany(v => v.Drawn.Where(k => k < v.InView).Select(k => v.Run.Values[k]))];
        PlotRange around = PlotRange.Around(visited, margin: 0.3);
        Coordinates? lowest = MissedMinimum(function, variable, around, values);
        PlotRange x = lowest is Coordinates m ? PlotRange.Around([.. visited, m.X], margin: 0.3) : around;

        // The visited points join the samples, so the curve passes through every marker even where f is finite only there.
        double[] xs = [.. FunctionGrid.Linspace(x.Low, x.High, 800).Concat(visited).Distinct().Order()];
        double[] ys = FunctionGrid.Line(function, variable, xs);
        var pieces = new List<Coordinates[]>();
        var piece = new List<Coordinates>();
        for (int i = 0; i <= xs.Length; i++)
        {
            if (i < xs.Length && double.IsFinite(ys[i])) { piece.Add(new Coordinates(xs[i], ys[i])); continue; }
            if (piece.Count > 0) pieces.Add([.. piece]);
            piece.Clear();
        }
        double[] curve = [.. ys.Where(double.IsFinite).Order()];
        IEnumerable<double> shown = curve.Length == 0 ? [] : curve[(curve.Length / 100)..(curve.Length - curve.Length / 100)];
        PlotRange y = PlotRange.Around([.. values, .. shown, .. lowest is Coordinates l ? [l.Y] : Array.Empty<double>()], margin: 0.08);
        return new CurveView(x, y, [.. pieces], lowest);
    }

    /// <summary>
    /// Samples f over ten times the visited range (and at least ±10 around it) and returns the lowest interior local minimum
    /// if it is clearly below the best of the runs' <paramref name="values"/>; null when there is none, or when it lies in the window's outer tenth,
    /// where f more likely keeps falling than has a minimum.
    /// </summary>
    private static Coordinates? MissedMinimum(Expression function, string variable, PlotRange visited, double[] values)
    {
        double center = (visited.Low + visited.High) / 2;
        double half = 10 * Math.Max(Math.Max(visited.Span, Math.Abs(center)), 1);
        const int n = 4001;
        double[] xs = FunctionGrid.Linspace(center - half, center + half, n);
        double[] ys = FunctionGrid.Line(function, variable, xs);
        int found = -1;
        for (int i = 1; i < n - 1; i++)
            if (double.IsFinite(ys[i]) && ys[i] <= ys[i - 1] && ys[i] <= ys[i + 1] && (found < 0 || ys[i] < ys[found])) found = i;
        if (found < 0 || found < n / 10 || found > n - n / 10) return null;
        // Clearly below: by more than a thousandth of how far the runs moved f, so a run still creeping into the same minimum does not count.
        double best = values.Min();
        double tolerance = 1e-3 * (values.Max() - best) + 1e-9 * Math.Abs(best) + 1e-300;
        return ys[found] < best - tolerance ? new Coordinates(xs[found], ys[found]) : null;
    }
}
