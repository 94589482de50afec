using Descent.Training;

namespace Descent.Plots;

/// <summary>
/// A run as the pictures draw it: the points before it left the view for good, thinned to a few thousand, and the
/// step where it left. A point is out of view when it or f there is not finite, or when f has moved away from its
/// start value by more than <see cref="Explosion"/> times the start's scale (|f| there, or the first-order change
/// |grad f|·|x| over the start's own size), so one exploding run cannot stretch every axis to 1e300 and hide the others.
/// </summary>
internal sealed class RunView
{
    /// <summary>How far f may move from its start, in units of the start's scale, before the run counts as diverged.</summary>
    public const double Explosion = 100;

    /// <summary>At most this many points of a path are drawn; the trajectory (and its CSV) keeps them all.</summary>
    public const int MaxDrawnPoints = 3000;

    private RunView(Trajectory run, int index, int inView, int[] drawn) => (Run, Index, InView, Drawn) = (run, index, inView, drawn);

    /// <summary>The run.</summary>
    public Trajectory Run { get; }

    /// <summary>The run's position in the race, which picks its colour, marker and dash pattern.</summary>
    public int Index { get; }

    /// <summary>Points 0 to <c>InView - 1</c> are drawn; it equals the number of points when the run never left the view.</summary>
    public int InView { get; }

    /// <summary>The indices of the points drawn, increasing: all of them up to <see cref="MaxDrawnPoints"/>, else a thinned set that keeps the first, the last and each stretch's extremes.</summary>
    public int[] Drawn { get; }

    /// <summary>The step at which the run left the view for good, or null when its last point is in view.</summary>
    public int? LeftAt => InView < Run.Points.Count ? InView : null;

    /// <summary>Whether f is finite at the start, so that there is anything to draw.</summary>
    public bool HasStart => InView > 0;

    /// <summary>What happened to the run where it left the view, for the marker's label: "diverged at step 6".</summary>
    public string? LeftLabel => LeftAt is int k ? $"diverged at step {k}" : null;

    /// <summary>The point where the run left the view (the first point out of it), when that point is finite; for drawing the last segment up to the view's edge.</summary>
    public double[]? Exit => LeftAt is int k && Run.Points[k].All(double.IsFinite) ? Run.Points[k] : null;

    /// <summary>The sentence a caption needs when some runs left the view ("" when none did).</summary>
    public static string DivergenceNote(IEnumerable<RunView> views)
    {
        string[] left = [.. views.Where(v => v.HasStart && v.LeftAt is not null).Select(v => $"{v.Run.Optimizer} at step {v.LeftAt}")];
        return left.Length == 0 ? "" : $" A cross marks where a run diverged (f exploded or stopped being finite) and the drawing of it stops: {string.Join(", ", left)}.";
    }

    /// <summary>The views of every run, in order.</summary>
    public static IReadOnlyList<RunView> Of(IReadOnlyList<Trajectory> runs) => [.. runs.Select((r, i) => Of(r, i))];

    /// <summary>The view of one run, the <paramref name="index"/>-th of its race.</summary>
    public static RunView Of(Trajectory run, int index = 0)
    {
        int inView = InViewCount(run);
        int dimension = run.Variables.Count;
        // Extremes of what the pictures show: the first two coordinates (the contour and curve axes), f and |grad f|.
        var series = new List<Func<int, double>> { k => run.Values[k], k => run.GradientNorms[k] };
        for (int i = 0; i < Math.Min(dimension, 2); i++) { int axis = i; series.Add(k => run.Points[k][axis]); }
        return new RunView(run, index, inView, Thin(inView, MaxDrawnPoints, series));
    }

    /// <summary>How many leading points are in view: up to the last point that is, so a run that wandered far and came back is drawn whole.</summary>
    internal static int InViewCount(Trajectory run)
    {
        int n = run.Points.Count;
        double f0 = run.Values[0];
        if (!double.IsFinite(f0) || !run.Points[0].All(double.IsFinite)) return 0;
        double size = Math.Max(1, run.Points[0].Max(Math.Abs));
        double first = run.GradientNorms[0] * size;
        double scale = Math.Max(Math.Abs(f0), double.IsFinite(first) ? first : 0);
        if (!(scale > 0)) scale = 1;
        for (int k = n - 1; k >= 0; k--)
        {
            double f = run.Values[k];
            if (double.IsFinite(f) && Math.Abs(f - f0) <= Explosion * scale && run.Points[k].All(double.IsFinite)) return k + 1;
        }
        return 0;
    }

    /// <summary>
    /// At most about <paramref name="max"/> of the indices 0 to <paramref name="count"/> - 1, increasing: all when they fit,
    /// else the first, the last, and in each of equal stretches its first index and those of every series' smallest and largest value
    /// (so a thinned line keeps its envelope: no spike or dip disappears).
    /// </summary>
    internal static int[] Thin(int count, int max, IReadOnlyList<Func<int, double>> series)
    {
        if (count <= max) return [.. Enumerable.Range(0, count)];
        int stretches = Math.Max(1, (max - 2) / (2 * series.Count + 1));
        var kept = new SortedSet<int> { 0, count - 1 };
        for (int b = 0; b < stretches; b++)
        {
            int from = (int)((long)count * b / stretches), to = (int)((long)count * (b + 1) / stretches);
            foreach (Func<int, double> value in series)
            {
                int low = -1, high = -1;
                double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
                for (int k = from; k < to; k++)
                {
                    double v = value(k);
                    if (v < lowest) (lowest, low) = (v, k);
                    if (v > highest) (highest, high) = (v, k);
                }
                if (low >= 0) kept.Add(low);
                if (high >= 0) kept.Add(high);
            }
            kept.Add(from);
        }
        return [.. kept];
    }
}
