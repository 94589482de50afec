using System.Globalization;
using Descent.Expressions;
using Descent.Specs;
using Descent.Training;

namespace Descent.Plots;

/// <summary>The pictures and report section that fit a minimization: by the function's number of variables.</summary>
public static class MinimizeFigures
{
    /// <summary>
    /// One variable: the curve with the visited points. Two: the contour with the paths and the 3D
    /// surface. Any number: f and the gradient norm against the step.
    /// </summary>
    public static IReadOnlyList<Picture> Pictures(Expression function, IReadOnlyList<Trajectory> runs)
    {
        var pictures = new List<Picture>();
        int dimension = runs[0].Variables.Count;
        if (dimension == 1) pictures.Add(CurvePlot.Create(function, runs));
        if (dimension == 2)
        {
            pictures.Add(ContourPlot.Create(function, runs));
            pictures.Add(SurfacePlot.Create(function, runs));
        }
        pictures.Add(ProgressPlot.Create($"f = {function.Text}", runs));
        return pictures;
    }

    /// <summary>
    /// Adds the runs' parameters, a results table (best final value first), the pictures (embedded, so the page stands alone),
    /// the animated race (two variables) and the interactive charts, each with a sentence under it saying what it shows and how to read it.
    /// </summary>
    public static void AddTo(HtmlReport report, Expression function, IReadOnlyList<Trajectory> runs, IEnumerable<Picture> pictures)
    {
        Trajectory first = runs[0];
        IReadOnlyList<string> arguments = first.Variables.Count <= Trajectory.PointTextCoordinates ? first.Variables : function.Variables;
        report.Paragraph($"f({string.Join(", ", arguments)}) = {function.Text}, from " + first.PointText(0) + $", {first.Steps} steps.");
        IReadOnlyList<Trajectory> ranked = Trajectory.BestFirst(runs);
        report.Table(
            ["optimizer", "steps", "final point", "f there", "|grad f| there"],
            ranked.Select((r, place) => (IReadOnlyList<string>)
            [
                r.Optimizer + (r.StoppedEarly is null ? "" : " (stopped: not finite)") + (place == 0 && runs.Count > 1 && double.IsFinite(r.Values[^1]) ? "  ★ best" : ""),
                r.Steps.ToString(CultureInfo.InvariantCulture),
                r.PointText(r.Steps), Format(r.Values[^1]), Format(r.GradientNorms[^1]),
            ]));
        report.Pictures(pictures.Select(p => (p.Name, p.Png(), p.Caption)));
        // With no finite value to start from, the pictures say so; interactive charts would only repeat it, empty.
        if (!RunView.Of(runs).Any(v => v.HasStart)) return;
        int dimension = first.Variables.Count;
        if (dimension == 1)
            report.Chart(PlotlyFigures.Curve(function, runs), 560,
                "Interactive: hover a point for its step, drag to zoom into a region, double-click to zoom back out; clicking a legend entry hides it.");
        if (dimension == 2)
        {
            report.Chart(PlotlyFigures.Race(function, runs), 680,
                (runs.Count == 1
                    ? "The run, animated: press play, or drag the slider, and the optimizer moves along its path on the map (left) and the surface " +
                      "(right) at once, a marker with a tail through its last few positions; the faint line is the whole path. Watch where it " +
                      "overshoots and swings back, and how its steps shrink near the minimum."
                    : "The race, animated: press play, or drag the slider, and every optimizer moves along its path on the map (left) and the surface " +
                      "(right) at once, a marker with a tail through its last few positions; the faint lines are the whole paths. Watch who gets down " +
                      "first, who overshoots and swings back, and who takes even steps.") +
                " The slider's steps are closer together at the start, where paths move most. Drag the surface to turn it.");
            report.Chart(PlotlyFigures.Surface(function, runs), 640,
                "Interactive 3D: drag to turn the surface, scroll to zoom, hover for x, y and f at any point of the surface or a path.");
            report.Chart(PlotlyFigures.Contour(function, runs), 620,
                "Interactive map: hover anywhere for f, drag to zoom into a region, double-click to zoom back out; clicking a path in the legend hides it.");
        }
        report.Chart(PlotlyFigures.Progress($"f = {function.Text}", runs), 480,
            "Interactive: hover for the values at a step, drag to zoom into a stretch of steps; clicking an optimizer in the legend hides its two lines.");
    }

    private static string Format(double v) => SpecFormat.Significant(v, 6);
}
