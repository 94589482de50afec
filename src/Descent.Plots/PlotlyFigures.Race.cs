using System.Globalization;
using System.Text.Json.Nodes;
using Descent.Expressions;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

// The animated race: every optimizer moving along its path on the map and the surface at once.
public static partial class PlotlyFigures
{
    /// <summary>At most this many frames: enough for smooth play, few enough that a page of a 10,000-step race stays small.</summary>
    public const int MaxRaceFrames = 150;

    // How many earlier frames' positions a moving marker trails behind it, so its direction and speed show.
    private const int Tail = 8;

    // The whole paths, drawn faintly under the moving markers, keep at most this many points each.
    private const int FaintPoints = 500;

    /// <summary>
    /// A two-variable race as one animated figure: the contour map (left) and the 3D surface (right), each optimizer's
    /// whole path faint, and a marker per optimizer with a short tail that a play button and a step slider move along it,
    /// on both at once. Frames carry only the moving markers (at most <see cref="MaxRaceFrames"/> of them, at the steps
    /// <see cref="RaceSteps"/> picks), never the surfaces, so the page stays small for thousands of steps. A run that left the
    /// view stays where it was last in view; a run shorter than the race stays at its last point.
    /// </summary>
    public static JsonObject Race(Expression function, IReadOnlyList<Trajectory> runs)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(runs);
        var (xVar, yVar) = (runs[0].Variables[0], runs[0].Variables[1]);
        string title = $"f({xVar}, {yVar}) = {function.Text}: the race";
        IReadOnlyList<RunView> views = RunView.Of(runs);
        if (!views.Any(r => r.HasStart)) return NotFiniteAtStart(title, runs[0]);
        RunView[] shown = [.. views.Where(r => r.HasStart)];
        bool single = runs.Count == 1;
        PlaneView plane = PlaneView.Of(views);

        // Coarser grids than the single figures': these draw again at every frame, and the single figures give the detail.
        var (xs, ys, f) = Grid(function, xVar, yVar, plane, 90);
        HeightScale map = HeightScale.For(f);
        double[] sx = FunctionGrid.Linspace(plane.X.Low, plane.X.High, 48), sy = FunctionGrid.Linspace(plane.Y.Low, plane.Y.High, 48);
        double[,] lowest = FunctionGrid.SurfaceLowest(function, xVar, yVar, sx, sy);
        HeightScale height = HeightScale.For(lowest, floor: 0.25);
        double[,] z = Scaled(lowest, height);
        double Z(double value) => height.Apply(Math.Max(value, height.Min));

        // The map is a picture under the axes and its contour lines a plain line trace: plotly's animation redraws the
        // subplot of the moving markers and drops any contour or heatmap trace there, which would blink out at every frame.
        double[,] heights = Scaled(f, map);
        var data = new JsonArray
        {
            (JsonNode)ContourLines(xs, ys, heights, map),
            (JsonNode)new JsonObject
            {
                ["type"] = "surface", ["scene"] = "scene", ["x"] = Short(sx), ["y"] = Short(sy), ["z"] = ShortMatrix(z), ["colorscale"] = "Viridis",
                ["opacity"] = 0.85, ["showscale"] = false, ["hoverinfo"] = "skip",
            },
        };
        Coordinates[] minima = KnownMinima.InPlane(views, plane);
        if (minima.Length > 0)
        {
            data.Add((JsonNode)MinimaMarks(minima, KnownMinima.Legend(views)));
            data.Add((JsonNode)MinimaMarks3D(minima, Z(KnownMinima.Of(views)[0].Value), KnownMinima.Legend(views), inLegend: false));
        }
        foreach (RunView run in shown)
        {
            int[] faint = RunView.Thin(run.InView, FaintPoints, [k => run.Run.Points[k][0], k => run.Run.Points[k][1]]);
            string color = single ? "#ff0000" : PlotStyle.RunCss(run.Index);
            JsonObject line = new() { ["color"] = color, ["width"] = 2, ["dash"] = single ? "solid" : PlotStyle.RunDash(run.Index) };
            data.Add((JsonNode)new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines",
                ["showlegend"] = false,
                ["legendgroup"] = run.Run.Optimizer,
                ["hoverinfo"] = "skip",
                ["opacity"] = 0.45,
                ["x"] = Short(faint.Select(k => run.Run.Points[k][0])),
                ["y"] = Short(faint.Select(k => run.Run.Points[k][1])),
                ["line"] = line,
            });
            data.Add((JsonNode)new JsonObject
            {
                ["type"] = "scatter3d",
                ["scene"] = "scene",
                ["mode"] = "lines",
                ["showlegend"] = false,
                ["legendgroup"] = run.Run.Optimizer,
                ["hoverinfo"] = "skip",
                ["opacity"] = 0.45,
                ["x"] = Short(faint.Select(k => run.Run.Points[k][0])),
                ["y"] = Short(faint.Select(k => run.Run.Points[k][1])),
                ["z"] = Short(faint.Select(k => Z(run.Run.Values[k]))),
                ["line"] = new JsonObject { ["color"] = color, ["width"] = 4 },
            });
        }

        // The moving traces come last, two per run (map and surface); frames replace only their points, sizes and hover text.
        int[] steps = RaceSteps(shown.Max(r => r.Run.Steps), MaxRaceFrames);
        int firstMoving = data.Count;
        IEnumerable<JsonObject> Moving(int frame)
        {
            foreach (RunView run in shown)
            {
                // The last frames' positions, the newest (the marker) last; a run that stopped or left the view stays put.
                int[] at = [.. Enumerable.Range(Math.Max(0, frame - Tail), Math.Min(frame, Tail) + 1).Select(i => Math.Min(steps[i], run.InView - 1)).Distinct()];
                double[] x = [.. at.Select(k => run.Run.Points[k][0])], y = [.. at.Select(k => run.Run.Points[k][1])];
                double[] sizes = [.. at.Select((_, i) => i == at.Length - 1 ? 13.0 : 4.0)];
                string text = $"{run.Run.Optimizer}<br>step {at[^1]}, f = {ReadableTicks.Label(run.Run.Values[at[^1]])}";
                string color = single ? "#ff0000" : PlotStyle.RunCss(run.Index);
                // The whole marker in every frame: a frame's marker replaces the trace's, and one without a colour draws blank.
                yield return new JsonObject
                {
                    ["x"] = Short(x),
                    ["y"] = Short(y),
                    ["text"] = text,
                    ["marker"] = new JsonObject
                    {
                        ["size"] = Numbers(sizes),
                        ["color"] = color,
                        ["symbol"] = single ? "circle" : PlotStyle.RunSymbol(run.Index),
                        ["line"] = new JsonObject { ["color"] = "white", ["width"] = Numbers(sizes.Select(s => s > 4 ? 1.5 : 0)) },
                    },
                };
                yield return new JsonObject
                {
                    ["x"] = Short(x),
                    ["y"] = Short(y),
                    ["z"] = Short(at.Select(k => Z(run.Run.Values[k]))),
                    ["text"] = text,
                    ["marker"] = new JsonObject { ["size"] = Numbers(sizes), ["color"] = color },
                };
            }
        }
        JsonObject[] first = [.. Moving(0)];
        for (int r = 0; r < shown.Length; r++)
        {
            RunView run = shown[r];
            string color = single ? "#ff0000" : PlotStyle.RunCss(run.Index);
            JsonObject flat = first[2 * r], solid = first[2 * r + 1];
            foreach (JsonObject t in new[] { flat, solid })
            {
                t["mode"] = "lines+markers";
                t["name"] = run.Run.Optimizer;
                t["legendgroup"] = run.Run.Optimizer;
                t["hoverinfo"] = "text";
            }
            flat["type"] = "scatter";
            flat["line"] = new JsonObject { ["color"] = color, ["width"] = 3 };
            solid["type"] = "scatter3d";
            solid["scene"] = "scene";
            solid["showlegend"] = false;
            solid["line"] = new JsonObject { ["color"] = color, ["width"] = 6 };
            data.Add((JsonNode)flat);
            data.Add((JsonNode)solid);
        }
        JsonArray moving = [.. Enumerable.Range(firstMoving, 2 * shown.Length).Select(i => (JsonNode)i)];
        var frames = new JsonArray();
        for (int i = 0; i < steps.Length; i++)
            frames.Add((JsonNode)new JsonObject { ["name"] = Label(steps[i]), ["data"] = new JsonArray([.. Moving(i)]), ["traces"] = moving.DeepClone() });

        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["xaxis"] = new JsonObject { ["domain"] = Numbers([0, 0.46]), ["title"] = new JsonObject { ["text"] = xVar }, ["range"] = Numbers([plane.X.Low, plane.X.High]), ["exponentformat"] = "SI", ["showgrid"] = false, ["zeroline"] = false },
            ["yaxis"] = new JsonObject { ["domain"] = Numbers([0.3, 1]), ["title"] = new JsonObject { ["text"] = yVar }, ["range"] = Numbers([plane.Y.Low, plane.Y.High]), ["exponentformat"] = "SI", ["showgrid"] = false, ["zeroline"] = false },
            ["scene"] = new JsonObject
            {
                ["domain"] = new JsonObject { ["x"] = Numbers([0.5, 1]), ["y"] = Numbers([0.24, 1]) },
                ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xVar }, ["exponentformat"] = "SI", ["nticks"] = 5 },
                ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yVar }, ["exponentformat"] = "SI", ["nticks"] = 5 },
                ["zaxis"] = Ticks(new JsonObject { ["title"] = new JsonObject { ["text"] = height.Logarithmic ? "f (log)" : "f" } }, height, z, 220, upright: true),
                ["camera"] = new JsonObject { ["eye"] = new JsonObject { ["x"] = -1.5, ["y"] = -1.6, ["z"] = 1.0 } },
            },
            ["margin"] = new JsonObject { ["t"] = 60, ["b"] = 70, ["l"] = 60, ["r"] = 10 },
            // The controls under the plots, the legend under the controls: nothing covers the title or the data.
            ["legend"] = new JsonObject { ["orientation"] = "h", ["x"] = 0, ["xanchor"] = "left", ["y"] = -0.1, ["yanchor"] = "top" },
            ["updatemenus"] = new JsonArray(new JsonObject
            {
                ["type"] = "buttons",
                ["showactive"] = false,
                ["direction"] = "left",
                ["x"] = 0,
                ["xanchor"] = "left",
                ["y"] = 0.1,
                ["yanchor"] = "top",
                ["pad"] = new JsonObject { ["t"] = 10, ["r"] = 10 },
                ["buttons"] = new JsonArray(
                    new JsonObject
                    {
                        ["label"] = "▶ play",
                        ["method"] = "animate",
                        ["args"] = new JsonArray(null, Animation(120, fromCurrent: true)),
                    },
                    new JsonObject
                    {
                        ["label"] = "❚❚ pause",
                        ["method"] = "animate",
                        ["args"] = new JsonArray(new JsonArray((JsonNode?)null), Animation(0, fromCurrent: false)),
                    }),
            }),
            ["sliders"] = new JsonArray(new JsonObject
            {
                ["active"] = 0,
                ["x"] = 0.16,
                ["len"] = 0.84,
                ["y"] = 0.12,
                ["yanchor"] = "top",
                ["pad"] = new JsonObject { ["t"] = 10 },
                ["currentvalue"] = new JsonObject { ["prefix"] = "step ", ["xanchor"] = "left", ["font"] = new JsonObject { ["size"] = 14 } },
                ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
                {
                    ["label"] = Label(s), ["method"] = "animate",
                    ["args"] = new JsonArray(new JsonArray(Label(s)), Animation(0, fromCurrent: false)),
                })]),
            }),
        };
        // The colours are a picture under the axes; a machine that cannot render keeps the contour lines alone.
        if (MapPicture(heights, 360) is { } colours)
        {
            layout["images"] = new JsonArray(new JsonObject
            {
                ["source"] = "data:image/png;base64," + Convert.ToBase64String(colours),
                ["xref"] = "x",
                ["yref"] = "y",
                ["x"] = plane.X.Low,
                ["y"] = plane.Y.High,
                ["sizex"] = plane.X.Span,
                ["sizey"] = plane.Y.Span,
                ["sizing"] = "stretch",
                ["layer"] = "below",
            });
        }
        if (plane.EqualAspect)
        {
            layout["yaxis"]!["scaleanchor"] = "x";
            layout["yaxis"]!["scaleratio"] = 1;
            layout["xaxis"]!["constrain"] = "domain";
            layout["yaxis"]!["constrain"] = "domain";
        }
        JsonObject figure = Figure(data, layout);
        figure["frames"] = frames;
        return figure;
    }

    /// <summary>The contour lines of <paramref name="heights"/> at round values of f, white, as one line trace (gaps between pieces).</summary>
    private static JsonObject ContourLines(double[] xs, double[] ys, double[,] heights, HeightScale scale)
    {
        double[] finite = [.. heights.Cast<double>().Where(double.IsFinite)];
        List<double> x = [], y = [];
        if (finite.Length > 0 && finite.Max() > finite.Min())
            foreach (Tick level in scale.Ticks(finite.Min(), finite.Max(), 360, 30))
                foreach (Coordinates[] piece in ContourPlot.ContourPieces(xs, ys, heights, level.Position))
                {
                    x.AddRange(piece.Select(c => c.X).Append(double.NaN));
                    y.AddRange(piece.Select(c => c.Y).Append(double.NaN));
                }
        return new JsonObject
        {
            ["type"] = "scatter",
            ["mode"] = "lines",
            ["showlegend"] = false,
            ["hoverinfo"] = "skip",
            ["x"] = Short(x),
            ["y"] = Short(y),
            ["line"] = new JsonObject { ["color"] = "rgba(255,255,255,0.55)", ["width"] = 1 },
        };
    }

    /// <summary>The map's colours as a PNG <paramref name="pixels"/> wide and high (Viridis over the heights, grey where f is not finite), to stretch over the axes; null where this machine cannot render.</summary>
    private static byte[]? MapPicture(double[,] heights, int pixels)
    {
        try
        {
            return DrawMap(heights, pixels);
        }
        catch (Exception e) when (Warmup.CannotRenderHere(e))
        {
            return null;
        }
    }

    private static byte[] DrawMap(double[,] heights, int pixels)
    {
        int rows = heights.GetLength(0), columns = heights.GetLength(1);
        // Heatmap rows run from the top of the picture down, so row i holds the i-th largest y.
        var intensities = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) intensities[rows - 1 - i, j] = heights[i, j];
        Plot plot = new();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Smooth = true;
        heatmap.NaNCellColor = Color.FromHex("#d0d0d0");
        plot.Layout.Frameless();
        plot.Axes.Margins(0, 0);
        return plot.GetImageBytes(pixels, pixels, ImageFormat.Png);
    }

    /// <summary>
    /// The steps the race's frames show, 0 to <paramref name="steps"/>: every step when there are at most
    /// <paramref name="frames"/>, else that many steps spaced as the square of an even spacing, so the early steps, where
    /// paths move the most, get a frame each and the later ones are sampled more thinly. Always increasing, first 0, last <paramref name="steps"/>.
    /// </summary>
    public static int[] RaceSteps(int steps, int frames = MaxRaceFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 2);
        if (steps < frames) return [.. Enumerable.Range(0, steps + 1)];
        var chosen = new SortedSet<int>();
        for (int i = 0; i < frames; i++)
        {
            double t = (double)i / (frames - 1);
            chosen.Add((int)Math.Round(steps * t * t));
        }
        return [.. chosen];
    }

    // Plotly's options for one animation: jump to each frame (3D scenes need a redraw to move), at duration ms per frame.
    private static JsonObject Animation(int duration, bool fromCurrent) => new()
    {
        ["mode"] = "immediate",
        ["fromcurrent"] = fromCurrent,
        ["frame"] = new JsonObject { ["duration"] = duration, ["redraw"] = true },
        ["transition"] = new JsonObject { ["duration"] = 0 },
    };

    private static string Label(int step) => step.ToString(CultureInfo.InvariantCulture);

    // Coordinates kept to 6 significant digits: finer than any screen, and a third of the page's bytes.
    private static JsonArray Short(IEnumerable<double> values) =>
        Numbers(values.Select(v => double.IsFinite(v) ? double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : v));

    private static JsonArray ShortMatrix(double[,] z)
    {
        var rows = new JsonArray();
        for (int i = 0; i < z.GetLength(0); i++)
            rows.Add((JsonNode)Short(Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j])));
        return rows;
    }
}
