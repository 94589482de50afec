using System.Text.Json.Nodes;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;

namespace Descent.Tests.Plots;

public class KnownMinimaTests
{
    private static IReadOnlyList<Trajectory> Race(string function, string specs, int steps) =>
        (Minimizer.For(FunctionCatalog.Parse(function)) with { Optimizers = OptimizerCatalog.ParseList(specs), Steps = steps }).Run();

    /// <summary>Catalog functions, how many global minima the pictures must star, and the legend entry that names them.</summary>
    public static TheoryData<string, string, int, string> Cases() => new()
    {
        // Himmelblau's other three minima lie beside the runs' basin: the view widens to show them all.
        { "himmelblau", "sgd(lr=0.01); adam(lr=0.1)", 4, "global minima (4), f* = 0" },
        { "rosenbrock", "adam(lr=0.05); momentum(lr=0.001)", 1, "global minimum, f* = 0" },
        { "six_hump_camel", "adam(lr=0.05)", 2, "global minima (2), f* = -1.0316" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryKnownMinimumIsStarredInBothPicturesAndTheLegendSaysWhatTheStarIs(string function, string specs, int stars, string legend)
    {
        IReadOnlyList<Trajectory> runs = Race(function, specs, 300);
        var f = runs[0].Expression is { } text ? Descent.Expressions.Expression.Parse(text) : throw new InvalidOperationException();
        foreach (Picture picture in new[] { ContourPlot.Create(f, runs), SurfacePlot.Create(f, runs) })
        {
            PictureTests.AssertDrawn(picture);
            var starred = picture.Plot.PlottableList.OfType<ScottPlot.Plottables.Marker>().Where(m => m.MarkerStyle.CustomRenderer is StarMarker);
            Assert.Equal(stars, starred.Count());
            Assert.Contains(picture.Plot.Legend.ManualItems, i => i.LabelText == legend);
            // The grid's lowest point stands in only when no minimum is known.
            Assert.DoesNotContain(picture.Plot.PlottableList.OfType<ScottPlot.Plottables.Text>(), t => t.LabelText.StartsWith("lowest f", StringComparison.Ordinal));
            Assert.Contains("global minim", picture.Caption, StringComparison.Ordinal);
        }
        foreach (JsonObject figure in new[] { PlotlyFigures.Contour(f, runs), PlotlyFigures.Surface(f, runs), PlotlyFigures.Race(f, runs) })
        {
            JsonObject[] marks = [.. figure["data"]!.AsArray().OfType<JsonObject>().Where(t => (string?)t["name"] == legend)];
            Assert.NotEmpty(marks);
            Assert.All(marks, m => Assert.Equal(stars, m["x"]!.AsArray().Count));
            Assert.Equal(1, marks.Count(m => m["showlegend"] is null || (bool)m["showlegend"]!));
        }
    }

    [Fact]
    public void AOneVariableCatalogFunctionStarsItsMinimumAndNotTheLowestSample()
    {
        IReadOnlyList<Trajectory> runs = Race("parabola", "sgd(lr=0.7)", 30);
        Picture curve = CurvePlot.Create(Descent.Expressions.Expression.Parse(runs[0].Expression), runs);
        PictureTests.AssertDrawn(curve);
        ScottPlot.Plottables.Marker star = Assert.Single(curve.Plot.PlottableList.OfType<ScottPlot.Plottables.Marker>(), m => m.MarkerStyle.CustomRenderer is StarMarker);
        Assert.Equal(-2, star.Location.X, 1e-12);
        Assert.Equal(-3, star.Location.Y, 1e-12);
        Assert.Contains(curve.Plot.Legend.ManualItems, i => i.LabelText == "global minimum, f* = -3");
    }
}
