using System.Text.Json.Nodes;
using Descent.Training;

namespace Descent.Plots;

// The interactive range-test figure: the same content as LrFindPlot.
public static partial class PlotlyFigures
{
    /// <summary>Batch and smoothed loss against the learning rate (log axis), the suggestions as dashed vertical lines with their points.</summary>
    public static JsonObject LrFind(LearningRateFinderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double[] lrs = [.. result.Lrs];
        JsonObject raw = Points(lrs, [.. result.Losses], "batch loss", 1, "circle", 5);
        raw["marker"]!["opacity"] = 0.35;
        var data = new JsonArray { (JsonNode)raw, (JsonNode)Line(lrs, [.. result.SmoothedLosses], "smoothed loss", PlotStyle.RunCss(1)) };
        double[] smoothed = [.. result.SmoothedLosses.Where(double.IsFinite)];
        // As in the picture: the smoothed curve sets the top (single batches of the blow-up would flatten the rest), all points the bottom.
        double low = smoothed.Length > 0 ? Math.Min(smoothed.Min(), result.Losses.Where(double.IsFinite).DefaultIfEmpty(smoothed.Min()).Min()) : 0;
        double high = smoothed.Length > 0 ? smoothed.Max() : 1;
        void Mark(LearningRateSuggestion s, int color, string symbol, string name)
        {
            JsonObject line = Line([s.Lr, s.Lr], [low, high], name, PlotStyle.RunCss(color));
            line["line"]!["dash"] = "dash";
            data.Add((JsonNode)line);
            data.Add((JsonNode)Points([s.AtLr], [s.SmoothedLoss], name + " (point read)", color, symbol, 11));
        }
        if (result.Steepest is { } steep) Mark(steep, 0, "circle", $"steepest descent: lr {LrFindPlot.Format(steep.Lr)}");
        if (result.Minimum is { } min) Mark(min, 2, "square", $"minimum / 10: lr {LrFindPlot.Format(min.Lr)}");
        JsonObject layout = Layout($"learning-rate range test: {result.Finder.Optimizer.Name}", "learning rate", $"{result.Finder.Setup.Loss.ToSpec()} loss");
        layout["xaxis"]!["type"] = "log";
        layout["xaxis"]!["exponentformat"] = "e";
        double pad = 0.06 * Math.Max(high - low, 1e-12);
        layout["yaxis"]!["range"] = new JsonArray(low - pad, high + pad);
        return Figure(data, layout);
    }
}
