using System.Text.Json.Nodes;
using Descent.Expressions;
using Descent.Schedulers;
using Descent.Training;

namespace Descent.Plots;

/// <summary>The interactive versions of Descent's figures, as plotly.js figures (<c>data</c> and <c>layout</c>) for <see cref="HtmlReport"/>.</summary>
public static partial class PlotlyFigures
{
    /// <summary>A one-variable function with each run's visited points, coloured by step.</summary>
    public static JsonObject Curve(Expression function, IReadOnlyList<Trajectory> runs)
    {
        string v = runs[0].Variables[0];
        PlotRange range = PlotRange.Around(runs.SelectMany(r => r.Points.Select(p => p[0])), margin: 0.3);
        double[] xs = FunctionGrid.Linspace(range.Low, range.High, 400);
        var data = new JsonArray { Line(xs, FunctionGrid.Line(function, v, xs), $"f({v}) = {function.Text}", "#1f3b73") };
        for (int r = 0; r < runs.Count; r++)
        {
            Trajectory run = runs[r];
            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = run.Optimizer,
                ["x"] = Numbers(run.Points.Select(p => p[0])),
                ["y"] = Numbers(run.Values),
                ["text"] = new JsonArray([.. Enumerable.Range(0, run.Points.Count).Select(k => (JsonNode)$"step {k}")]),
                ["marker"] = new JsonObject
                {
                    ["size"] = 10,
                    ["color"] = Numbers(Enumerable.Range(0, run.Points.Count).Select(k => (double)k)),
                    ["colorscale"] = runs.Count == 1 ? "Reds" : "Viridis",
                    ["reversescale"] = true,
                    ["showscale"] = r == 0,
                    ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "step" } },
                    ["line"] = new JsonObject { ["width"] = 1, ["color"] = PlotStyle.RunCss(r) },
                },
            });
        }
        JsonObject layout = Layout($"f({v}) = {function.Text}", v, $"f({v})");
        layout["legend"] = new JsonObject { ["x"] = 0.01, ["y"] = 0.99, ["bgcolor"] = "rgba(255,255,255,0.8)" };
        return Figure(data, layout);
    }

    /// <summary>A two-variable function as a filled, labelled contour with each run's path.</summary>
    public static JsonObject Contour(Expression function, IReadOnlyList<Trajectory> runs)
    {
        var (xVar, yVar, xs, ys, z, scale) = Grid(function, runs, 120);
        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "contour", ["x"] = Numbers(xs), ["y"] = Numbers(ys), ["z"] = Matrix(z),
                ["colorscale"] = "Viridis", ["ncontours"] = 18, ["name"] = "f",
                ["contours"] = new JsonObject { ["showlabels"] = true, ["labelfont"] = new JsonObject { ["color"] = "white" } },
                ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = scale.Logarithmic ? "log10(f - min)" : "f" } },
            },
        };
        for (int r = 0; r < runs.Count; r++) data.Add(Path2D(runs[r], r));
        JsonObject layout = Layout($"f({xVar}, {yVar}) = {function.Text}", xVar, yVar);
        layout["legend"] = new JsonObject { ["x"] = 0, ["y"] = 1.12, ["orientation"] = "h" };
        return Figure(data, layout);
    }

    /// <summary>A rotatable 3D surface of a two-variable function with each run's path on it.</summary>
    public static JsonObject Surface(Expression function, IReadOnlyList<Trajectory> runs)
    {
        var (xVar, yVar, xs, ys, z, scale) = Grid(function, runs, 70);
        var data = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "surface", ["x"] = Numbers(xs), ["y"] = Numbers(ys), ["z"] = Matrix(z), ["colorscale"] = "Viridis",
                ["opacity"] = 0.92, ["name"] = "f", ["showscale"] = false,
            },
        };
        for (int r = 0; r < runs.Count; r++)
        {
            Trajectory run = runs[r];
            data.Add(new JsonObject
            {
                ["type"] = "scatter3d",
                ["mode"] = "lines+markers",
                ["name"] = run.Optimizer,
                ["x"] = Numbers(run.Points.Select(p => p[0])),
                ["y"] = Numbers(run.Points.Select(p => p[1])),
                ["z"] = Numbers(run.Values.Select(scale.Apply)),
                ["line"] = new JsonObject { ["color"] = PlotStyle.RunCss(r), ["width"] = 6 },
                ["marker"] = new JsonObject { ["size"] = 3, ["color"] = PlotStyle.RunCss(r) },
            });
        }
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = $"f({xVar}, {yVar}) = {function.Text}" },
            ["margin"] = new JsonObject { ["l"] = 0, ["r"] = 0, ["b"] = 0, ["t"] = 50 },
            ["scene"] = new JsonObject
            {
                ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xVar } },
                ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yVar } },
                ["zaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = scale.Logarithmic ? "log10(f - min)" : "f" } },
                ["camera"] = new JsonObject { ["eye"] = new JsonObject { ["x"] = -1.5, ["y"] = -1.6, ["z"] = 1.0 } },
            },
        };
        return Figure(data, layout);
    }

    /// <summary>f and the gradient norm against the step, for any number of variables.</summary>
    public static JsonObject Progress(string title, IReadOnlyList<Trajectory> runs)
    {
        bool log = runs.All(r => r.Values.All(v => v > 0) && r.GradientNorms.All(g => g > 0));
        var data = new JsonArray();
        for (int r = 0; r < runs.Count; r++)
        {
            Trajectory run = runs[r];
            double[] steps = [.. Enumerable.Range(0, run.Points.Count).Select(k => (double)k)];
            data.Add(Line(steps, [.. run.Values], $"f  {run.Optimizer}", PlotStyle.RunCss(r)));
            JsonObject gradient = Line(steps, [.. run.GradientNorms], $"|grad f|  {run.Optimizer}", PlotStyle.RunCss(r));
            gradient["line"]!["dash"] = "dash";
            data.Add(gradient);
        }
        JsonObject layout = Layout(title, "step", "f and |grad f|");
        if (log) { layout["yaxis"]!["type"] = "log"; layout["yaxis"]!["exponentformat"] = "e"; }
        return Figure(data, layout);
    }

    /// <summary>Train (solid) and test (dashed) loss per epoch, one colour per optimizer.</summary>
    public static JsonObject Losses(TrainingReport report, bool logScale = false)
    {
        var data = new JsonArray();
        for (int k = 0; k < report.Results.Count; k++)
        {
            OptimizerResult r = report.Results[k];
            double[] epochs = [.. Enumerable.Range(1, r.TrainLosses.Count).Select(e => (double)e)];
            data.Add(Line(epochs, [.. r.TrainLosses], $"{r.Spec} train", PlotStyle.RunCss(k)));
            if (r.TestLosses.Count > 0)
            {
                JsonObject test = Line(epochs, [.. r.TestLosses], $"{r.Spec} test", PlotStyle.RunCss(k));
                test["line"]!["dash"] = "dash";
                data.Add(test);
            }
        }
        JsonObject layout = Layout($"{report.Model}, {report.Loss} loss: train (solid) and test (dashed)", "epoch", $"{report.Loss} loss");
        if (logScale) { layout["yaxis"]!["type"] = "log"; layout["yaxis"]!["exponentformat"] = "e"; }
        return Figure(data, layout);
    }

    /// <summary>Each optimizer's learning rate at the start of each epoch of a training comparison.</summary>
    public static JsonObject Lrs(TrainingReport report)
    {
        var data = new JsonArray();
        for (int k = 0; k < report.Results.Count; k++)
        {
            OptimizerResult r = report.Results[k];
            data.Add(Line([.. Enumerable.Range(1, r.Lrs.Count).Select(e => (double)e)], [.. r.Lrs], r.Spec, PlotStyle.RunCss(k)));
        }
        return Figure(data, Layout($"learning rate at the start of each epoch: {report.Options.Scheduler?.ToSpec()}", "epoch", "lr"));
    }

    /// <summary>A learning-rate schedule against the step, with its cycled momentum (if any) on a second axis.</summary>
    public static JsonObject Schedule(LrSchedule schedule)
    {
        double[] steps = [.. Enumerable.Range(0, schedule.Lrs.Count).Select(k => (double)k)];
        var data = new JsonArray { Line(steps, [.. schedule.Lrs], "lr", PlotStyle.RunCss(1)) };
        JsonObject layout = Layout(schedule.Scheduler, $"scheduler step ({schedule.Optimizer})", "learning rate");
        if (schedule.Momenta is { } momenta)
        {
            JsonObject momentum = Line(steps, [.. momenta], "momentum", PlotStyle.RunCss(0));
            momentum["line"]!["dash"] = "dash";
            momentum["yaxis"] = "y2";
            data.Add(momentum);
            layout["yaxis2"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "momentum" }, ["overlaying"] = "y", ["side"] = "right" };
        }
        return Figure(data, layout);
    }

    private static (string X, string Y, double[] Xs, double[] Ys, double[,] Z, HeightScale Scale) Grid(Expression function, IReadOnlyList<Trajectory> runs, int n)
    {
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        var (xRange, yRange) = ContourPlot.Ranges(runs);
        double[] xs = FunctionGrid.Linspace(xRange.Low, xRange.High, n), ys = FunctionGrid.Linspace(yRange.Low, yRange.High, n);
        double[,] z = FunctionGrid.Surface(function, xVar, yVar, xs, ys);
        var scale = HeightScale.For(z);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) z[i, j] = scale.Apply(z[i, j]);
        return (xVar, yVar, xs, ys, z, scale);
    }

    private static JsonObject Path2D(Trajectory run, int index) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "lines+markers",
        ["name"] = $"{run.Optimizer} ({run.Steps} steps)",
        ["x"] = Numbers(run.Points.Select(p => p[0])),
        ["y"] = Numbers(run.Points.Select(p => p[1])),
        ["line"] = new JsonObject { ["color"] = PlotStyle.RunCss(index), ["width"] = 2 },
        ["marker"] = new JsonObject { ["size"] = 5, ["color"] = PlotStyle.RunCss(index) },
    };

    private static JsonObject Line(double[] xs, double[] ys, string name, string color) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "lines",
        ["name"] = name,
        ["x"] = Numbers(xs),
        ["y"] = Numbers(ys),
        ["line"] = new JsonObject { ["color"] = color, ["width"] = 2 },
    };

    private static JsonObject Layout(string title, string x, string y) => new()
    {
        ["title"] = new JsonObject { ["text"] = title },
        ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = x } },
        ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = y } },
        ["margin"] = new JsonObject { ["t"] = 60 },
    };

    private static JsonObject Figure(JsonArray data, JsonObject layout) => new() { ["data"] = data, ["layout"] = layout };

    /// <summary>Numbers as JSON, with NaN and infinities (which JSON lacks) as null, so plotly leaves a gap.</summary>
    private static JsonArray Numbers(IEnumerable<double> values) =>
        new([.. values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null)]);

    private static JsonArray Matrix(double[,] z)
    {
        var rows = new JsonArray();
        for (int i = 0; i < z.GetLength(0); i++)
            rows.Add(Numbers(Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j])));
        return rows;
    }
}
