using System.Globalization;
using Descent.Expressions;
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

    /// <summary>Adds the runs' parameters, a results table, the pictures (as files next to the page) and the interactive charts.</summary>
    public static void AddTo(HtmlReport report, Expression function, IReadOnlyList<Trajectory> runs, IEnumerable<string> pictureFiles)
    {
        Trajectory first = runs[0];
        report.Paragraph($"f({string.Join(", ", first.Variables)}) = {function.Text}, from " +
            string.Join(", ", first.Variables.Select((v, i) => $"{v} = {Format(first.Points[0][i])}")) + $", {first.Steps} steps.");
        report.Table(
            ["optimizer", "steps", "final point", "f there", "|grad f| there"],
            runs.Select(r => (IReadOnlyList<string>)
            [
                r.Optimizer + (r.StoppedEarly is null ? "" : " (stopped: not finite)"), r.Steps.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", r.Variables.Select((v, i) => $"{v} = {Format(r.Points[^1][i])}")), Format(r.Values[^1]), Format(r.GradientNorms[^1]),
            ]));
        report.Images([.. pictureFiles]);
        int dimension = first.Variables.Count;
        if (dimension == 1) report.Chart(PlotlyFigures.Curve(function, runs));
        if (dimension == 2)
        {
            report.Chart(PlotlyFigures.Surface(function, runs), 640);
            report.Chart(PlotlyFigures.Contour(function, runs), 620);
        }
        report.Chart(PlotlyFigures.Progress($"f = {function.Text}", runs), 480);
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
