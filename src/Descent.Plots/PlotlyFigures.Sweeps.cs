using System.Text.Json.Nodes;
using Descent.Statistics;
using Descent.Sweeps;

namespace Descent.Plots;

// The interactive sweep figures: the same content as SensitivityPlot and TunedCurvesPlot.
public static partial class PlotlyFigures
{
    /// <summary>The choosing metric against the learning rate (log axis), per optimizer a line with its 95% band, the chosen rate circled, diverged rates crossed.</summary>
    public static JsonObject Sensitivity(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        SweepDefinition d = summary.Definition;
        var data = new JsonArray();
        foreach (OptimizerOutcome o in summary.Optimizers)
        {
            double[] lrs = [.. d.Lrs];
            Estimate[] estimates = [.. o.Grid.Select(g => g.Selection)];
            AddBand(data, lrs, estimates, o.Index, o.Optimizer);
            if (o.Chosen is int c)
                data.Add((JsonNode)Points([lrs[c]], [estimates[c].Mean], $"{o.Optimizer}: chosen lr {SweepSummary.Format(lrs[c])}", o.Index, "circle-open", 18));
            int[] diverged = [.. Enumerable.Range(0, lrs.Length).Where(l => o.Grid[l].Diverged > 0)];
            if (diverged.Length > 0)
                data.Add((JsonNode)Points([.. diverged.Select(l => lrs[l])], [.. diverged.Select(l => estimates[l].Mean)],
                    $"{o.Optimizer}: diverged on some seed", o.Index, "x", 11));
        }
        string metric = d.SelectBy.Replace('_', ' ');
        JsonObject layout = Layout($"{metric} against learning rate (mean over {d.Seeds.Count} seeds, 95% band)", "learning rate", metric);
        layout["xaxis"]!["type"] = "log";
        layout["xaxis"]!["exponentformat"] = "e";
        if (BandPlot.LogScale(summary.Optimizers.SelectMany(o => o.Grid.Select(g => g.Selection)))) layout["yaxis"]!["type"] = "log";
        return Figure(data, layout);
    }

    /// <summary>The plotted curve value per epoch or step at each optimizer's chosen learning rate: mean with its 95% band over the seeds.</summary>
    public static JsonObject TunedCurves(SweepSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        SweepDefinition d = summary.Definition;
        var data = new JsonArray();
        foreach (OptimizerOutcome o in summary.Optimizers.Where(o => !o.Failed))
            AddBand(data, [.. o.TunedCurve.Select(p => p.At)], [.. o.TunedCurve.Select(p => p.Value)], o.Index, $"{o.Optimizer}, lr {SweepSummary.Format(o.Lr!.Value)}");
        string metric = d.CurvePlotted.Replace('_', ' ');
        JsonObject layout = Layout($"{metric} at each optimizer's chosen learning rate (mean over {d.Seeds.Count} seeds, 95% band)", d.CurveAxis, metric);
        if (BandPlot.LogScale(summary.Optimizers.Where(o => !o.Failed).SelectMany(o => o.TunedCurve.Select(p => p.Value)))) layout["yaxis"]!["type"] = "log";
        return Figure(data, layout);
    }

    // The band as one closed shape (high ends forward, low ends back), then the mean line over it.
    private static void AddBand(JsonArray data, double[] xs, Estimate[] estimates, int index, string name)
    {
        int[] inside = [.. Enumerable.Range(0, xs.Length).Where(i => estimates[i].HasInterval && double.IsFinite(estimates[i].Low) && double.IsFinite(estimates[i].High))];
        if (inside.Length >= 2)
        {
            ScottPlot.Color c = PlotStyle.RunColor(index);
            data.Add((JsonNode)new JsonObject
            {
                ["type"] = "scatter",
                ["mode"] = "lines",
                ["x"] = Numbers([.. inside.Select(i => xs[i]), .. inside.Reverse().Select(i => xs[i])]),
                ["y"] = Numbers([.. inside.Select(i => estimates[i].High), .. inside.Reverse().Select(i => estimates[i].Low)]),
                ["fill"] = "toself",
                ["fillcolor"] = $"rgba({c.R},{c.G},{c.B},0.18)",
                ["line"] = new JsonObject { ["width"] = 0 },
                ["hoverinfo"] = "skip",
                ["showlegend"] = false,
                ["name"] = name + " 95% band",
            });
        }
        JsonObject line = Line(xs, [.. estimates.Select(e => e.Mean)], name, PlotStyle.RunCss(index));
        line["mode"] = xs.Length <= 20 ? "lines+markers" : "lines";
        data.Add((JsonNode)line);
    }

    private static JsonObject Points(double[] xs, double[] ys, string name, int index, string symbol, int size) => new()
    {
        ["type"] = "scatter",
        ["mode"] = "markers",
        ["name"] = name,
        ["x"] = Numbers(xs),
        ["y"] = Numbers(ys),
        ["marker"] = new JsonObject
        {
            ["symbol"] = symbol,
            ["size"] = size,
            ["color"] = PlotStyle.RunCss(index),
            ["line"] = new JsonObject { ["width"] = 2, ["color"] = PlotStyle.RunCss(index) },
        },
    };
}
