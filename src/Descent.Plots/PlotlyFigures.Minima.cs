using System.Text.Json.Nodes;
using ScottPlot;

namespace Descent.Plots;

// The marks for a function's known global minima (gold stars, one legend entry), and for the lowest sample when none is known.
public static partial class PlotlyFigures
{
    /// <summary>Gold stars at <paramref name="at"/> on a flat chart, under one legend entry.</summary>
    private static JsonObject MinimaMarks(Coordinates[] at, string legend) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "markers",
        ["name"] = legend,
        ["legendgroup"] = "minima",
        ["hovertemplate"] = $"{legend}<br>at (%{{x:.6g}}, %{{y:.6g}})<extra></extra>",
        ["x"] = Numbers(at.Select(p => p.X)),
        ["y"] = Numbers(at.Select(p => p.Y)),
        ["marker"] = new JsonObject
        {
            ["symbol"] = "star",
            ["size"] = 20,
            ["color"] = KnownMinima.Css,
            ["line"] = new JsonObject { ["color"] = "black", ["width"] = 1.5 },
        },
    };

    /// <summary>The minima on a 3D surface, at height <paramref name="z"/>: gold diamonds (3D charts have no star), in the legend unless a map beside it has them there.</summary>
    private static JsonObject MinimaMarks3D(Coordinates[] at, double z, string legend, bool inLegend = true) => new()
    {
        ["showlegend"] = inLegend,
        ["type"] = "scatter3d",
        ["scene"] = "scene",
        ["mode"] = "markers",
        ["name"] = legend,
        ["legendgroup"] = "minima",
        ["hovertemplate"] = $"{legend}<br>at (%{{x:.6g}}, %{{y:.6g}})<extra></extra>",
        ["x"] = Numbers(at.Select(p => p.X)),
        ["y"] = Numbers(at.Select(p => p.Y)),
        ["z"] = Numbers(at.Select(_ => z)),
        ["marker"] = new JsonObject
        {
            ["symbol"] = "diamond",
            ["size"] = 8,
            ["color"] = KnownMinima.Css,
            ["line"] = new JsonObject { ["color"] = "black", ["width"] = 2 },
        },
    };

    /// <summary>A mark shown in the legend under <paramref name="name"/> (the lowest sample says there that it is not a known minimum).</summary>
    private static JsonObject Legended(JsonObject mark, string name)
    {
        mark["showlegend"] = true;
        mark["name"] = name;
        return mark;
    }
}
