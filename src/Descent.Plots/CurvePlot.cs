using Descent.Expressions;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// The tutorial's first figure: a function of one variable over a range covering the paths (and a lower minimum
/// nearby that they missed), with the points each optimizer visited on it, shaded from strong (early) to pale (late),
/// start and end marked, and where a diverging run left the picture.
/// </summary>
public static class CurvePlot
{
    /// <summary>The figure for one or more runs on the same one-variable function.</summary>
    public static Picture Create(Expression function, IReadOnlyList<Trajectory> runs, string name = "curve")
    {
        string variable = runs[0].Variables[0];
        string title = runs.Count == 1 ? $"f({variable}) = {function.Text}   [{runs[0].Optimizer}]" : $"f({variable}) = {function.Text}";
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(v => v.HasStart)) return Notice.NotFiniteAtStart(name, title, runs[0]);

        CurveView view = CurveView.Of(function, variable, views);
        Plot plot = PlotStyle.NewPlot();
        var lines = new List<IReadOnlyList<Coordinates>>();
        bool labelled = false;
        foreach (Coordinates[] piece in view.Pieces)
        {
            var curve = plot.Add.Scatter(piece, Color.FromHex("#1f3b73"));
            curve.MarkerSize = 0;
            curve.LineWidth = 2.5f;
            if (!labelled) curve.LegendText = $"f({variable}) = {function.Text}";
            labelled = true;
            lines.Add(piece);
        }
        var box = new CoordinateRect(view.X.Low, view.X.High, view.Y.Low, view.Y.High);
        // A known minimum is starred (under the points, so an end on it shows); without one, the lowest point of the sampled curve stands in, called that.
        Coordinates[] minima = KnownMinima.OnCurve(views, view.X, view.Y);
        if (minima.Length > 0) PathMarks.Minima(plot, minima, KnownMinima.Legend(views));
        foreach (RunView run in views.Where(v => v.HasStart))
        {
            Color color = runs.Count == 1 ? Colors.Red : PlotStyle.RunColor(run.Index);
            MarkerShape shape = runs.Count == 1 ? MarkerShape.FilledCircle : PlotStyle.RunMarker(run.Index);
            int[] drawn = run.Drawn;
            int last = run.InView - 1;
            // Early points strong and large, later ones paler and smaller, so the order shows; ten shades, one plottable each.
            const int shades = 10;
            for (int s = shades - 1; s >= 0; s--)
            {
                Coordinates[] points = [.. drawn.Where(k => Shade(k, last, shades) == s).Select(k => new Coordinates(run.Run.Points[k][0], run.Run.Values[k]))];
                if (points.Length == 0) continue;
                double fade = (double)s / (shades - 1);
                var markers = plot.Add.Scatter(points, color.WithAlpha(1 - 0.75 * fade));
                markers.LineWidth = 0;
                markers.MarkerShape = shape;
                markers.MarkerSize = (float)(11 - 6 * fade);
                lines.Add(points);
            }
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = runs.Count == 1 ? $"visited points ({run.Run.Optimizer}, {run.Run.Steps} steps)" : $"{run.Run.Optimizer} ({run.Run.Steps} steps)",
                MarkerShape = shape,
                MarkerSize = 10,
                MarkerColor = color,
            });
            var start = new Coordinates(run.Run.Points[0][0], run.Run.Values[0]);
            Coordinates end = new(run.Run.Points[last][0], run.Run.Values[last]);
            PathMarks.Ends(plot, start, run.LeftAt is null ? end : null, runs.Count == 1 ? null : color, labelStart: run.Index == views.First(v => v.HasStart).Index);
            if (run.LeftLabel is string left)
            {
                int k = run.LeftAt!.Value;
                double exitX = run.Run.Points[k][0];
                Coordinates exit = double.IsNaN(exitX) || double.IsNaN(run.Run.Values[k])
                    ? end
                    : PathMarks.Clip(end, new Coordinates(exitX, run.Run.Values[k]), box);
                var jump = plot.Add.Line(end, exit);
                jump.LineColor = color;
                jump.LinePattern = LinePattern.Dashed;
                jump.LineWidth = 1.5f;
                PathMarks.Exit(plot, exit, left, color, box);
                lines.Add([end, exit]);
            }
        }
        Coordinates? sampled = KnownMinima.Known(views) ? null : view.Lowest;
        if (sampled is Coordinates lowest)
            PathMarks.Lowest(plot, lowest, $"lowest f in view: {ReadableTicks.Label(lowest.Y)} at {variable} = {ReadableTicks.Label(lowest.X)}", box, "lowest f in view (no minimum known)");
        lines.AddRange(minima.Select(m => (IReadOnlyList<Coordinates>)[m]));

        plot.XLabel(variable);
        plot.YLabel($"f({variable})");
        plot.Axes.SetLimits(view.X.Low, view.X.High, view.Y.Low, view.Y.High);
        const int width = 900, height = 600;
        PlotStyle.Title(plot, title, width);
        int extra = LegendPlacement.Place(plot, width, height, lines);
        bool single = runs.Count == 1;
        string caption = $"The curve of f over {variable}, with the points {(single ? "the optimizer" : "each optimizer")} visited: large and strong early, " +
            $"small and pale late{(single ? "" : ", one marker shape and colour per optimizer")}. The green circle is the start, " +
            $"{(single ? "the black diamond the end" : "the diamonds the ends")}." +
            KnownMinima.Caption(views, minima.Length) +
            (sampled is null ? "" : " The black asterisk marks a lower minimum nearby that no run reached (sampled: no minimum of this function is known).") + RunView.DivergenceNote(views);
        return new Picture(name, plot, width + extra, height) { Caption = caption };
    }

    // Which of the shades point k gets: 0 for the first point, shades - 1 for the last.
    private static int Shade(int k, int last, int shades) => last == 0 ? 0 : (int)Math.Round((double)k / last * (shades - 1));
}
