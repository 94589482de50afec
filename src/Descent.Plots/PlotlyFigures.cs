using System.Text.Json.Nodes;
using Descent.Expressions;
using Descent.Schedulers;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>The interactive versions of Descent's figures, as plotly.js figures (<c>data</c> and <c>layout</c>) for <see cref="HtmlReport"/>.</summary>
public static partial class PlotlyFigures
{
    // Items go into arrays as JsonNode: JsonArray.Add<T> of a JsonObject needs code generated at run time, which a
    // Native AOT build does not have; Add(JsonNode) does not.
    /// <summary>A one-variable function with each run's visited points, coloured by step; where a run diverged, and a lower minimum the runs missed.</summary>
    public static JsonObject Curve(Expression function, IReadOnlyList<Trajectory> runs)
    {
        string v = runs[0].Variables[0];
        string title = $"f({v}) = {function.Text}";
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(r => r.HasStart)) return NotFiniteAtStart(title, runs[0]);
        CurveView view = CurveView.Of(function, v, views);
        // The curve's finite pieces as one line, with a gap (null) between pieces.
        Coordinates[] joined = [.. view.Pieces.SelectMany((p, i) => i == 0 ? p : p.Prepend(new Coordinates(double.NaN, double.NaN)))];
        var data = new JsonArray { (JsonNode)Line([.. joined.Select(c => c.X)], [.. joined.Select(c => c.Y)], $"f({v}) = {function.Text}", "#1f3b73") };
        Coordinates[] minima = KnownMinima.OnCurve(views, view.X, view.Y);
        if (minima.Length > 0) data.Add((JsonNode)MinimaMarks(minima, KnownMinima.Legend(views)));
        var box = new CoordinateRect(view.X.Low, view.X.High, view.Y.Low, view.Y.High);
        foreach (RunView run in views.Where(r => r.HasStart))
        {
            int[] drawn = InView(run);
            data.Add((JsonNode)new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "markers",
                ["name"] = run.Run.Optimizer,
                ["x"] = Numbers(drawn.Select(k => run.Run.Points[k][0])),
                ["y"] = Numbers(drawn.Select(k => run.Run.Values[k])),
                ["text"] = new JsonArray([.. drawn.Select(k => (JsonNode)$"step {k}")]),
                ["marker"] = new JsonObject
                {
                    ["size"] = 10,
                    ["symbol"] = PlotStyle.RunSymbol(run.Index),
                    ["color"] = Numbers(drawn.Select(k => (double)k)),
                    ["colorscale"] = runs.Count == 1 ? "Reds" : "Viridis",
                    ["reversescale"] = true,
                    ["showscale"] = run.Index == 0,
                    ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "step" } },
                    ["line"] = new JsonObject { ["width"] = 1, ["color"] = PlotStyle.RunCss(run.Index) },
                },
            });
            if (run.LeftLabel is string left)
            {
                int k = run.LeftAt!.Value, last = run.InView - 1;
                var end = new Coordinates(run.Run.Points[last][0], run.Run.Values[last]);
                Coordinates exit = double.IsNaN(run.Run.Points[k][0]) || double.IsNaN(run.Run.Values[k])
                    ? end : PathMarks.Clip(end, new Coordinates(run.Run.Points[k][0], run.Run.Values[k]), box);
                data.Add((JsonNode)Mark([end, exit], left, PlotStyle.RunCss(run.Index), "x", PathMarks.Inward(exit, box)));
            }
        }
        if (view.Lowest is Coordinates lowest && !KnownMinima.Known(views))
            data.Add((JsonNode)Legended(Mark([lowest], $"lowest f in view: {ReadableTicks.Label(lowest.Y)} at {v} = {ReadableTicks.Label(lowest.X)}", "black", "asterisk-open", PathMarks.Inward(lowest, box)), "lowest f in view (no minimum known)"));
        JsonObject layout = Layout(title, v, $"f({v})");
        layout["xaxis"]!["range"] = Numbers([view.X.Low, view.X.High]);
        layout["yaxis"]!["range"] = Numbers([view.Y.Low, view.Y.High]);
        return Figure(data, BelowLegend(layout));
    }

    /// <summary>A two-variable function as a filled contour with each run's path, where a run diverged, and the grid's lowest point when the runs missed it.</summary>
    public static JsonObject Contour(Expression function, IReadOnlyList<Trajectory> runs)
    {
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        string title = $"f({xVar}, {yVar}) = {function.Text}";
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(r => r.HasStart)) return NotFiniteAtStart(title, runs[0]);
        PlaneView plane = PlaneView.Of(views);
        var (xs, ys, f) = Grid(function, xVar, yVar, plane, 120);
        var scale = HeightScale.For(f);
        double[,] z = Scaled(f, scale);
        var contour = new JsonObject
        {
            ["type"] = "contour",
            ["x"] = Numbers(xs),
            ["y"] = Numbers(ys),
            ["z"] = Matrix(z),
            ["colorscale"] = "Viridis",
            ["ncontours"] = 18,
            ["name"] = "f",
            // Plotly labels lines with the coloured quantity, which on a log scale is not f: there the hover says f instead.
            ["contours"] = new JsonObject { ["showlabels"] = !scale.Logarithmic, ["labelfont"] = new JsonObject { ["color"] = "white" } },
            ["colorbar"] = Ticks(new JsonObject { ["title"] = new JsonObject { ["text"] = scale.Logarithmic ? "f (log scale)" : "f" } }, scale, z),
            ["customdata"] = Matrix(f),
            ["hovertemplate"] = $"{xVar} = %{{x:.4g}}<br>{yVar} = %{{y:.4g}}<br>f = %{{customdata:.4g}}<extra></extra>",
        };
        var data = new JsonArray { (JsonNode)contour };
        Coordinates[] minima = KnownMinima.InPlane(views, plane);
        if (minima.Length > 0) data.Add((JsonNode)MinimaMarks(minima, KnownMinima.Legend(views)));
        var box = new CoordinateRect(plane.X.Low, plane.X.High, plane.Y.Low, plane.Y.High);
        foreach (RunView run in views.Where(r => r.HasStart))
        {
            data.Add((JsonNode)Path2D(run, InView(run), runs.Count == 1));
            if (run.LeftLabel is string left)
            {
                double[] last = run.Run.Points[run.InView - 1];
                var end = new Coordinates(last[0], last[1]);
                Coordinates exit = run.Exit is double[] e ? PathMarks.Clip(end, new Coordinates(e[0], e[1]), box) : end;
                data.Add((JsonNode)Mark([end, exit], left, PlotStyle.RunCss(run.Index), "x", PathMarks.Inward(exit, box)));
            }
        }
        if (ContourPlot.LowestMissed(function, plane, views) is var (at, value))
            data.Add((JsonNode)Legended(Mark([at], $"lowest f on the grid: {ReadableTicks.Label(value)}", "black", "asterisk-open", PathMarks.Inward(at, box)), "lowest f on the grid (no minimum known)"));
        JsonObject layout = Layout(title, xVar, yVar);
        layout["xaxis"]!["range"] = Numbers([plane.X.Low, plane.X.High]);
        layout["yaxis"]!["range"] = Numbers([plane.Y.Low, plane.Y.High]);
        if (plane.EqualAspect)
        {
            layout["yaxis"]!["scaleanchor"] = "x";
            layout["yaxis"]!["scaleratio"] = 1;
            layout["xaxis"]!["constrain"] = "domain";
            layout["yaxis"]!["constrain"] = "domain";
        }
        return Figure(data, BelowLegend(layout));
    }

    /// <summary>A rotatable 3D surface of a two-variable function with each run's path on it, up to where it diverged.</summary>
    public static JsonObject Surface(Expression function, IReadOnlyList<Trajectory> runs)
    {
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        string title = $"f({xVar}, {yVar}) = {function.Text}";
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(r => r.HasStart)) return NotFiniteAtStart(title, runs[0]);
        PlaneView plane = PlaneView.Of(views);
        double[] xs = FunctionGrid.Linspace(plane.X.Low, plane.X.High, 64), ys = FunctionGrid.Linspace(plane.Y.Low, plane.Y.High, 64);
        // The static surface's grid and scale: the lowest f near each point and a log floor keep a narrow valley from showing as a saw.
        double[,] f = FunctionGrid.SurfaceLowest(function, xVar, yVar, xs, ys);
        var scale = HeightScale.For(f, floor: 0.25);
        double[,] z = Scaled(f, scale);
        var data = new JsonArray
        {
            (JsonNode)new JsonObject
            {
                ["type"] = "surface", ["x"] = Numbers(xs), ["y"] = Numbers(ys), ["z"] = Matrix(z), ["colorscale"] = "Viridis",
                ["opacity"] = 0.92, ["name"] = "f", ["showscale"] = false, ["customdata"] = Matrix(f),
                ["hovertemplate"] = $"{xVar} = %{{x:.4g}}<br>{yVar} = %{{y:.4g}}<br>f = %{{customdata:.4g}}<extra></extra>",
            },
        };
        Coordinates[] minima = KnownMinima.InPlane(views, plane);
        if (minima.Length > 0) data.Add((JsonNode)MinimaMarks3D(minima, scale.Apply(Math.Max(KnownMinima.Of(views)[0].Value, scale.Min)), KnownMinima.Legend(views)));
        foreach (RunView run in views.Where(r => r.HasStart))
        {
            int[] drawn = InView(run);
            string color = runs.Count == 1 ? "#ff0000" : PlotStyle.RunCss(run.Index);
            data.Add((JsonNode)new JsonObject
            {
                ["type"] = "scatter3d",
                ["mode"] = drawn.Length <= 150 ? "lines+markers" : "lines",
                ["name"] = $"{run.Run.Optimizer} ({run.Run.Steps} steps)",
                ["x"] = Numbers(drawn.Select(k => run.Run.Points[k][0])),
                ["y"] = Numbers(drawn.Select(k => run.Run.Points[k][1])),
                ["z"] = Numbers(drawn.Select(k => scale.Apply(run.Run.Values[k]))),
                ["text"] = new JsonArray([.. drawn.Select(k => (JsonNode)$"step {k}, f = {ReadableTicks.Label(run.Run.Values[k])}")]),
                ["hoverinfo"] = "text+name",
                ["line"] = new JsonObject { ["color"] = color, ["width"] = 6, ["dash"] = runs.Count == 1 ? "solid" : PlotStyle.RunDash(run.Index) },
                ["marker"] = new JsonObject { ["size"] = 3, ["color"] = color },
            });
            if (run.LeftLabel is string left)
            {
                int last = run.InView - 1;
                data.Add((JsonNode)new JsonObject
                {
                    ["type"] = "scatter3d",
                    ["mode"] = "markers+text",
                    ["showlegend"] = false,
                    ["x"] = Numbers([run.Run.Points[last][0]]),
                    ["y"] = Numbers([run.Run.Points[last][1]]),
                    ["z"] = Numbers([scale.Apply(run.Run.Values[last])]),
                    ["text"] = new JsonArray(left),
                    ["textfont"] = new JsonObject { ["color"] = color },
                    ["marker"] = new JsonObject { ["size"] = 6, ["symbol"] = "x", ["color"] = color },
                });
            }
        }
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["scene"] = new JsonObject
            {
                ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xVar }, ["exponentformat"] = "SI" },
                ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yVar }, ["exponentformat"] = "SI" },
                ["zaxis"] = Ticks(new JsonObject { ["title"] = new JsonObject { ["text"] = scale.Logarithmic ? "f (log scale)" : "f" } }, scale, z, upright: true),
                ["camera"] = new JsonObject { ["eye"] = new JsonObject { ["x"] = -1.5, ["y"] = -1.6, ["z"] = 1.0 } },
            },
        };
        BelowLegend(layout);
        layout["margin"] = new JsonObject { ["l"] = 0, ["r"] = 0, ["b"] = 40, ["t"] = 50 };
        return Figure(data, layout);
    }

    /// <summary>f and the gradient norm against the step, for any number of variables; a diverging run up to where it left the view.</summary>
    public static JsonObject Progress(string title, IReadOnlyList<Trajectory> runs)
    {
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(r => r.HasStart)) return NotFiniteAtStart(title, runs[0]);
        RunView[] shown = [.. views.Where(r => r.HasStart)];
        bool log = shown.All(r => InView(r).All(k => r.Run.Values[k] > 0 && r.Run.GradientNorms[k] > 0));
        // Heights as the axis holds them (log10 on a log axis), and back to data.
        double Height(double v) => log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;
        double Data(double h) => log ? Math.Pow(10, h) : h;
        PlotRange y = ProgressPlot.Range(shown, Height, log);
        // The steps run to the last one any run spent in view (past it, a diverging run shows only its exit).
        var box = new CoordinateRect(0, Math.Max(1, shown.Max(r => r.LeftAt ?? r.Run.Steps)), y.Low, y.High);
        var data = new JsonArray();
        foreach (RunView run in shown)
        {
            int[] drawn = InView(run);
            double[] steps = [.. drawn.Select(k => (double)k)];
            string color = PlotStyle.RunCss(run.Index);
            JsonObject value = Line(steps, [.. drawn.Select(k => run.Run.Values[k])], $"f  {run.Run.Optimizer}", color);
            JsonObject gradient = Line(steps, [.. drawn.Select(k => run.Run.GradientNorms[k])], $"|grad f|  {run.Run.Optimizer}", color);
            gradient["line"]!["dash"] = "dash";
            // One click on the legend hides both lines of a run.
            value["legendgroup"] = run.Run.Optimizer;
            gradient["legendgroup"] = run.Run.Optimizer;
            data.Add((JsonNode)value);
            data.Add((JsonNode)gradient);
            if (run.LeftLabel is string left)
            {
                int k = run.LeftAt!.Value, last = run.InView - 1;
                double f = run.Run.Values[k];
                var end = new Coordinates(last, Height(run.Run.Values[last]));
                Coordinates exit = double.IsNaN(Height(f)) && !double.IsInfinity(f) ? end : PathMarks.Clip(end, new Coordinates(k, double.IsInfinity(f) ? f : Height(f)), box);
                data.Add((JsonNode)Mark([new Coordinates(end.X, Data(end.Y)), new Coordinates(exit.X, Data(exit.Y))], left, color, "x", PathMarks.Inward(exit, box)));
            }
        }
        JsonObject layout = Layout(title, "step", "f and |grad f|");
        layout["xaxis"]!["range"] = Numbers([box.Left, box.Right]);
        layout["yaxis"]!["range"] = Numbers([box.Bottom, box.Top]);
        if (log) { layout["yaxis"]!["type"] = "log"; layout["yaxis"]!["exponentformat"] = "power"; }
        return Figure(data, BelowLegend(layout));
    }

    /// <summary>Each optimizer's learning rate at the start of each epoch of a training comparison.</summary>
    public static JsonObject Lrs(TrainingReport report)
    {
        var data = new JsonArray();
        for (int k = 0; k < report.Results.Count; k++)
        {
            OptimizerResult r = report.Results[k];
            data.Add((JsonNode)Line([.. Enumerable.Range(1, r.Lrs.Count).Select(e => (double)e)], [.. r.Lrs], r.Spec, PlotStyle.RunCss(k)));
        }
        return Figure(data, Layout($"learning rate at the start of each epoch: {report.Options.Scheduler?.ToSpec()}", "epoch", "lr"));
    }

    /// <summary>A learning-rate schedule against the step, with its cycled momentum (if any) on a second axis.</summary>
    public static JsonObject Schedule(LrSchedule schedule)
    {
        double[] steps = [.. Enumerable.Range(0, schedule.Lrs.Count).Select(k => (double)k)];
        var data = new JsonArray { (JsonNode)Line(steps, [.. schedule.Lrs], "lr", PlotStyle.RunCss(1)) };
        JsonObject layout = Layout(schedule.Scheduler, $"scheduler step ({schedule.Optimizer})", "learning rate");
        if (schedule.Momenta is { } momenta)
        {
            JsonObject momentum = Line(steps, [.. momenta], "momentum", PlotStyle.RunCss(0));
            momentum["line"]!["dash"] = "dash";
            momentum["yaxis"] = "y2";
            data.Add((JsonNode)momentum);
            layout["yaxis2"] = new JsonObject { ["title"] = new JsonObject { ["text"] = "momentum" }, ["overlaying"] = "y", ["side"] = "right" };
        }
        return Figure(data, layout);
    }

    private static int[] InView(RunView run) => [.. run.Drawn.Where(k => k < run.InView)];

    private static (double[] Xs, double[] Ys, double[,] F) Grid(Expression function, string xVar, string yVar, PlaneView plane, int n)
    {
        double[] xs = FunctionGrid.Linspace(plane.X.Low, plane.X.High, n), ys = FunctionGrid.Linspace(plane.Y.Low, plane.Y.High, n);
        return (xs, ys, FunctionGrid.Surface(function, xVar, yVar, xs, ys));
    }

    private static double[,] Scaled(double[,] f, HeightScale scale)
    {
        var z = new double[f.GetLength(0), f.GetLength(1)];
        for (int i = 0; i < f.GetLength(0); i++)
            for (int j = 0; j < f.GetLength(1); j++) z[i, j] = scale.Apply(f[i, j]);
        return z;
    }

    /// <summary>
    /// Gives an axis or colour bar of heights, <paramref name="pixels"/> long, ticks at round values of f, wherever the scale
    /// puts them; a 3D height axis (<paramref name="upright"/>) none in its lowest tenth, where they would print over the
    /// ticks of the floor's axes in the corner they share.
    /// </summary>
    private static JsonObject Ticks(JsonObject axis, HeightScale scale, double[,] z, double pixels = 400, bool upright = false)
    {
        double[] finite = [.. z.Cast<double>().Where(double.IsFinite)];
        if (finite.Length == 0 || !(finite.Max() > finite.Min())) return axis;
        double low = finite.Min(), high = finite.Max();
        Tick[] ticks = [.. scale.Ticks(low, high, pixels, 40).Where(t => !upright || t.Position > low + 0.1 * (high - low))];
        axis["tickmode"] = "array";
        axis["tickvals"] = Numbers(ticks.Select(t => t.Position));
        axis["ticktext"] = new JsonArray([.. ticks.Select(t => (JsonNode)t.Label)]);
        return axis;
    }

    private static JsonObject Path2D(RunView run, int[] drawn, bool single)
    {
        string color = single ? "#ff0000" : PlotStyle.RunCss(run.Index);
        return new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines+markers",
            ["name"] = $"{run.Run.Optimizer} ({run.Run.Steps} steps)",
            ["x"] = Numbers(drawn.Select(k => run.Run.Points[k][0])),
            ["y"] = Numbers(drawn.Select(k => run.Run.Points[k][1])),
            ["text"] = new JsonArray([.. drawn.Select(k => (JsonNode)$"step {k}, f = {ReadableTicks.Label(run.Run.Values[k])}")]),
            ["line"] = new JsonObject
            {
                ["color"] = color,
                ["width"] = single ? 2.5 : Math.Max(1.6, 3.4 - 0.5 * run.Index),
                ["dash"] = single ? "solid" : PlotStyle.RunDash(run.Index),
            },
            // A long path shows a few dozen markers spread along it, not a solid tube of them.
            ["marker"] = new JsonObject
            {
                ["size"] = 7,
                ["color"] = color,
                ["symbol"] = single ? "circle" : PlotStyle.RunSymbol(run.Index),
                ["maxdisplayed"] = drawn.Length <= 150 ? 0 : 30,
            },
        };
    }

    /// <summary>
    /// A marked point with its label (where a run left the view, a lowest point), set toward the middle of the chart;
    /// with two points, a line from the first (the last point in view) to the marked second.
    /// </summary>
    private static JsonObject Mark(Coordinates[] points, string text, string color, string symbol, Alignment inward) => new()
    {
        ["type"] = "scatter",
        ["mode"] = points.Length > 1 ? "lines+markers+text" : "markers+text",
        ["showlegend"] = false,
        ["hoverinfo"] = "text",
        ["x"] = Numbers(points.Select(p => p.X)),
        ["y"] = Numbers(points.Select(p => p.Y)),
        ["text"] = new JsonArray([.. points.Select((_, i) => (JsonNode)(i == points.Length - 1 ? text : ""))]),
        ["textposition"] = inward switch
        {
            Alignment.UpperRight => "bottom left",
            Alignment.LowerRight => "top left",
            Alignment.UpperLeft => "bottom right",
            _ => "top right",
        },
        ["textfont"] = new JsonObject { ["color"] = color, ["size"] = 14 },
        ["line"] = new JsonObject { ["color"] = color, ["width"] = 1.5, ["dash"] = "dash" },
        ["marker"] = new JsonObject
        {
            ["size"] = new JsonArray([.. points.Select((_, i) => (JsonNode)(i == points.Length - 1 ? 14 : 0))]),
            ["symbol"] = symbol,
            ["color"] = color,
            ["line"] = new JsonObject { ["width"] = 1, ["color"] = "white" },
        },
    };

    /// <summary>A figure that says why nothing is drawn: f is not finite at the start.</summary>
    private static JsonObject NotFiniteAtStart(string title, Trajectory run)
    {
        string start = run.PointText(0);
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["xaxis"] = new JsonObject { ["visible"] = false },
            ["yaxis"] = new JsonObject { ["visible"] = false },
            ["annotations"] = new JsonArray(new JsonObject
            {
                ["text"] = $"f is not finite at the start ({start}): f = {Trajectory.Format(run.Values[0])},<br>so there is no path to draw. Start where f has a finite value.",
                ["showarrow"] = false,
                ["x"] = 0.5,
                ["y"] = 0.5,
                ["xref"] = "paper",
                ["yref"] = "paper",
                ["font"] = new JsonObject { ["size"] = 16, ["color"] = "#8b0000" },
            }),
        };
        return Figure([], layout);
    }

    /// <summary>The legend below the chart, in rows, where it covers neither the data nor the title; large numbers with SI prefixes.</summary>
    private static JsonObject BelowLegend(JsonObject layout)
    {
        layout["legend"] = new JsonObject { ["orientation"] = "h", ["x"] = 0, ["xanchor"] = "left", ["y"] = -0.15, ["yanchor"] = "top" };
        layout["margin"] = new JsonObject { ["t"] = 60, ["b"] = 40 };
        foreach (string axis in new[] { "xaxis", "yaxis" })
            if (layout[axis] is JsonObject a && a["exponentformat"] is null) a["exponentformat"] = "SI";
        return layout;
    }

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
            rows.Add((JsonNode)Numbers(Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j])));
        return rows;
    }
}
