using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// How a minimization went, step by step: f (solid) and the gradient norm (dashed) against the step, for any number
/// of variables; on a log axis when both stay positive. A diverging run is drawn until it leaves the view, and marked there.
/// </summary>
public static class ProgressPlot
{
    /// <summary>The figure for one or more runs.</summary>
    public static Picture Create(string title, IReadOnlyList<Trajectory> runs, string name = "progress")
    {
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(v => v.HasStart)) return Notice.NotFiniteAtStart(name, title, runs[0]);
        RunView[] shown = [.. views.Where(v => v.HasStart)];
        int[] InView(RunView v) => [.. v.Drawn.Where(k => k < v.InView)];
        bool log = shown.All(v => InView(v).All(k => v.Run.Values[k] > 0 && v.Run.GradientNorms[k] > 0));
        double Height(double v) => log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

        PlotRange y = Range(shown, Height, log);
        // The steps run to the last one any run spent in view (past it, a diverging run shows only its exit).
        var box = new CoordinateRect(0, Math.Max(1, shown.Max(r => r.LeftAt ?? r.Run.Steps)), y.Low, y.High);
        Plot plot = PlotStyle.NewPlot();
        var lines = new List<IReadOnlyList<Coordinates>>();
        foreach (RunView run in shown)
        {
            int[] drawn = InView(run);
            Color color = PlotStyle.RunColor(run.Index);
            Coordinates[] values = [.. drawn.Select(k => new Coordinates(k, Height(run.Run.Values[k])))];
            Coordinates[] gradients = [.. drawn.Select(k => new Coordinates(k, Height(run.Run.GradientNorms[k])))];
            // A short run shows each step as a point on both lines.
            float markers = drawn.Length <= 60 ? 7 : 0;
            var value = plot.Add.Scatter(values, color);
            value.LineWidth = 2.5f;
            value.MarkerSize = markers;
            var gradient = plot.Add.Scatter(gradients, color);
            gradient.LineWidth = 2.5f;
            gradient.MarkerSize = markers;
            gradient.MarkerShape = MarkerShape.OpenCircle;
            gradient.LinePattern = LinePattern.Dashed;
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = run.Run.Optimizer, LineColor = color, LineWidth = 6 });
            lines.Add(values);
            lines.Add(gradients);
            if (run.LeftLabel is string left)
            {
                int k = run.LeftAt!.Value;
                double f = run.Run.Values[k];
                // An overflowed f points straight up (or down); a NaN says nothing of where it went, so the mark stays on the last point.
                Coordinates exit = double.IsNaN(Height(f)) && !double.IsInfinity(f)
                    ? values[^1]
                    : PathMarks.Clip(values[^1], new Coordinates(k, double.IsInfinity(f) ? f : Height(f)), box);
                var jump = plot.Add.Line(values[^1], exit);
                jump.LineColor = color;
                jump.LineWidth = 2;
                PathMarks.Exit(plot, exit, left, color, box);
                lines.Add([values[^1], exit]);
            }
        }
        // Which line is which is said once, in black, rather than twice per optimizer.
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "f", LineColor = Colors.Black, LineWidth = 2 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "|grad f|", LineColor = Colors.Black, LineWidth = 2, LinePattern = LinePattern.Dashed });
        // The legend's line samples are drawn undashed by ScottPlot unless long enough to show a dash: make them so.
        plot.Legend.SymbolWidth = 30;
        if (log) LogAxis.Apply(plot);
        plot.XLabel("step");
        plot.YLabel(log ? "f and |grad f| (log scale)" : "f and |grad f|");
        plot.Axes.SetLimits(box.Left, box.Right, box.Bottom, box.Top);
        const int width = 900, height = 600;
        PlotStyle.Title(plot, title, width);
        int extra = LegendPlacement.Place(plot, width, height, lines);
        string caption = $"f (solid) and the gradient norm |grad f| (dashed) after each step{(log ? ", on a log scale" : "")}, one colour per optimizer: " +
            "a line that keeps falling is making progress, a flat one has stalled, and near a minimum both fall together." + RunView.DivergenceNote(views);
        return new Picture(name, plot, width + extra, height) { Caption = caption };
    }

    /// <summary>
    /// The y range the runs' drawn f and |grad f| need, as <paramref name="height"/> puts them on the axis. On a log axis
    /// an isolated dip (one point more than three decades below both neighbours, as when a sign-based step lands next to a
    /// zero of the gradient) does not count: it would stretch the axis over twenty decades for one point, and is drawn
    /// running off the bottom instead.
    /// </summary>
    internal static PlotRange Range(IEnumerable<RunView> shown, Func<double, double> height, bool log)
    {
        var heights = new List<double>();
        foreach (RunView run in shown)
        {
            int[] drawn = [.. run.Drawn.Where(k => k < run.InView)];
            foreach (IReadOnlyList<double> series in new[] { run.Run.Values, run.Run.GradientNorms })
            {
                double[] h = [.. drawn.Select(k => height(series[k]))];
                for (int i = 0; i < h.Length; i++)
                    if (!log || i == 0 || i == h.Length - 1 || !(h[i] < Math.Min(h[i - 1], h[i + 1]) - 3)) heights.Add(h[i]);
            }
        }
        return PlotRange.Around(heights, margin: 0.05);
    }
}
