using System.Text.Json.Nodes;
using Descent.Plots;
using Descent.Sweeps;

namespace Descent.Tests.Plots;

public class SweepFiguresTests
{
    private static SweepSummary Summary(int seeds, Func<int, int, int, double?> metric)
    {
        var d = new SweepDefinition
        {
            Kind = "test",
            Title = "by hand",
            Settings = [KeyValuePair.Create("epochs", "2")],
            Optimizers = ["a", "b", "c"],
            Lrs = [1e-3, 1e-2, 1e-1, 1],
            Seeds = [.. Enumerable.Range(0, seeds).Select(s => (ulong)s)],
            Metrics = ["loss"],
            SelectBy = "loss",
            ReportBy = "loss",
            CurveAxis = "epoch",
            CurveValues = ["loss"],
            CurvePlotted = "loss",
        };
        return SweepSummary.Of(new SweepResults(d, Shard.All, [.. Enumerable.Range(0, d.RunCount).Select(i =>
        {
            SweepCell c = d.Cell(i);
            double? v = metric(c.Optimizer, c.Lr, c.Seed);
            return new SweepRun(i, $"x(lr={d.Lrs[c.Lr]})", [v ?? double.NaN], v is null ? 1 : null,
                v is null ? [] : [.. Enumerable.Range(1, 5).Select(e => new[] { e, v.Value * (1 + 1.0 / e) })]);
        })]));
    }

    [Theory]
    [InlineData(5)] // bands
    [InlineData(1)] // one seed: lines only
    public void TheSensitivityAndTunedCurvesAreDrawnWithDivergedAndFailedOptimizers(int seeds)
    {
        // a: a valley at 1e-2; b: diverges at the largest rate on seed 0; c: diverges everywhere (failed).
        SweepSummary summary = Summary(seeds, (o, l, s) => o == 2 ? null : o == 1 && l == 3 && s == 0 ? null : Math.Pow(l - 1 - o * 0.5, 2) + 1 + 0.1 * s);
        IReadOnlyList<Picture> pictures = SweepFigures.Pictures(summary);
        Assert.Equal(["sensitivity", "curves"], pictures.Select(p => p.Name));
        // With one seed there are lines and marks but no bands: too little ink for the blank-picture check.
        foreach (Picture p in pictures)
            if (seeds > 1) PictureTests.AssertDrawn(p);
            else Assert.Equal(p.Width, SkiaSharp.SKBitmap.Decode(p.Png()).Width);

        JsonObject sensitivity = PlotlyFigures.Sensitivity(summary);
        Assert.Equal("log", sensitivity["layout"]!["xaxis"]!["type"]!.GetValue<string>());
        string[] names = [.. sensitivity["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>())];
        Assert.Contains("a: chosen lr 0.01", names);
        Assert.Contains("b: diverged on some seed", names);
        Assert.Equal(seeds > 1, names.Any(n => n.EndsWith("95% band", StringComparison.Ordinal)));
        Assert.DoesNotContain(PlotlyFigures.TunedCurves(summary)["data"]!.AsArray(), t => t!["name"]!.GetValue<string>().StartsWith('c'));

        var html = new HtmlReport("sweep");
        SweepFigures.AddTo(html, summary, pictures.Select(p => p.Name + ".png"));
        string page = html.Render();
        Assert.Contains("failed: every learning rate diverged on some seed", page);
        Assert.Contains("epochs = 2", page);
    }
}
