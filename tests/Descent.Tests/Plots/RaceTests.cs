using System.Text.Json.Nodes;
using Descent.Functions;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;

namespace Descent.Tests.Plots;

public class RaceTests
{
    [Theory]
    [InlineData(0, 150)]
    [InlineData(1, 150)]
    [InlineData(149, 150)]
    [InlineData(150, 150)]
    [InlineData(2000, 150)]
    [InlineData(1_000_000, 150)]
    [InlineData(10, 2)]
    public void RaceStepsStartAtZeroEndAtTheLastStepAndStayWithinTheFrameBudget(int steps, int frames)
    {
        int[] chosen = PlotlyFigures.RaceSteps(steps, frames);
        Assert.Equal(0, chosen[0]);
        Assert.Equal(steps, chosen[^1]);
        Assert.True(chosen.Length <= frames, $"{chosen.Length} frames");
        Assert.All(chosen.Zip(chosen.Skip(1)), p => Assert.True(p.First < p.Second));
        // Short races get every step; long ones every early step (where paths move most) and thinner later.
        if (steps < frames) Assert.Equal(steps + 1, chosen.Length);
        else if (steps == 2000) Assert.Equal([0, 1, 2, 3], chosen[..4]);
    }

    [Fact]
    public void TheRaceAnimatesOnlyTheMovingMarkersInAFewFrames()
    {
        IReadOnlyList<Trajectory> runs = (Minimizer.For(FunctionCatalog.Parse("rosenbrock")) with
        {
            Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.001); momentum(lr=0.001); adam(lr=0.05)"),
            Steps = 2000,
        }).Run();
        JsonObject race = PlotlyFigures.Race(Descent.Expressions.Expression.Parse(runs[0].Expression), runs);
        JsonArray data = race["data"]!.AsArray(), frames = race["frames"]!.AsArray();
        Assert.InRange(frames.Count, 100, PlotlyFigures.MaxRaceFrames);
        // Two moving traces per run, the last of the figure: the map's and the surface's.
        int[] moving = [.. Enumerable.Range(data.Count - 2 * runs.Count, 2 * runs.Count)];
        foreach (JsonNode? frame in frames)
        {
            Assert.Equal(moving, frame!["traces"]!.AsArray().Select(i => (int)i!));
            JsonArray traces = frame["data"]!.AsArray();
            Assert.Equal(moving.Length, traces.Count);
            // A frame carries a marker and a short tail per trace, never a surface.
            Assert.All(traces, t => Assert.InRange(t!["x"]!.AsArray().Count, 1, 9));
            Assert.All(traces, t => Assert.Null(t!["z"] is JsonArray z && z.Count > 9 ? z : null));
        }
        Assert.Equal(["scatter", "scatter3d"], moving.Select(i => (string)data[i]!["type"]!).Distinct());
        // The map is a picture under the axes: a contour trace would blink out at every frame.
        Assert.DoesNotContain(data, t => (string?)t!["type"] == "contour");
        Assert.StartsWith("data:image/png;base64,", (string)race["layout"]!["images"]![0]!["source"]!, StringComparison.Ordinal);
        // The slider names each frame's step; the last frame is the last step.
        Assert.Equal("2000", (string)frames[^1]!["name"]!);
        Assert.Equal(frames.Count, race["layout"]!["sliders"]![0]!["steps"]!.AsArray().Count);

        // Well under a megabyte for 2000 steps of three runs, beside plotly.js's 4.8.
        Assert.True(race.ToJsonString().Length < 800_000, $"the race is {race.ToJsonString().Length} characters");
        var report = new HtmlReport("race");
        report.Chart(race, 620, "caption");
        Assert.Contains("frames: [", report.Render());
    }

    [Fact]
    public void TheMinimizePageOfARaceOfTwoVariablesHasTheAnimatedRace()
    {
        IReadOnlyList<Trajectory> runs = (Minimizer.For(FunctionCatalog.Parse("beale")) with
        {
            Optimizers = OptimizerCatalog.ParseList("sgd(lr=0.01); adam(lr=0.1)"),
            Steps = 50,
        }).Run();
        var f = Descent.Expressions.Expression.Parse(runs[0].Expression);
        var report = new HtmlReport("beale");
        MinimizeFigures.AddTo(report, f, runs, MinimizeFigures.Pictures(f, runs));
        string html = report.Render();
        Assert.Contains("frames: [", html);
        Assert.Contains("press play", html);
        Assert.Contains("global minimum, f* = 0", html);
    }
}
