using System.Text.Json.Nodes;
using Descent.Training;

namespace Descent.Plots;

public static partial class PlotlyFigures
{
    /// <summary>
    /// The loss per epoch in two panels sharing the epoch axis, train above and test below (the tutorial's batch means),
    /// one colour per optimizer (a legend click hides both of its lines), the least-squares floor dotted where it applies;
    /// the view starts on the range where the runs end, as the static picture does (double-click shows everything).
    /// </summary>
    public static JsonObject Losses(TrainingReport report, bool logScale = false)
    {
        bool hasTest = report.Results.Any(r => r.TestLosses.Count > 0);
        bool log = logScale && report.Results.All(r => r.TrainLosses.All(v => v > 0) && r.TestLosses.All(v => v > 0));
        int epochs = Math.Max(1, report.Results.Max(r => r.TrainLosses.Count));
        var data = new JsonArray();
        var layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = $"{report.Model}, {report.Loss} loss per epoch" + (hasTest ? ": train above, test below" : "") },
            ["hovermode"] = "x unified",
            ["margin"] = new JsonObject { ["t"] = 60 },
            ["legend"] = new JsonObject { ["x"] = 1.02, ["xanchor"] = "left", ["y"] = 1, ["yanchor"] = "top" },
        };
        void Panel(string suffix, Func<OptimizerResult, List<double>> losses, double? floor, string which, double[] domain)
        {
            bool first = suffix.Length == 0;
            for (int k = 0; k < report.Results.Count; k++)
            {
                OptimizerResult r = report.Results[k];
                List<double> values = losses(r);
                JsonObject line = Line([.. Enumerable.Range(1, values.Count).Select(e => (double)e)], [.. values],
                    r.Spec + (r.Stopped is null ? "" : " (diverged)"), PlotStyle.RunCss(k));
                if (k >= PlotStyle.Palette.Length) line["line"]!["dash"] = "dash";
                line["legendgroup"] = r.Spec;
                line["showlegend"] = first;
                line["xaxis"] = "x" + suffix;
                line["yaxis"] = "y" + suffix;
                line["hovertemplate"] = $"%{{y:.6g}} {which}<extra>{System.Net.WebUtility.HtmlEncode(r.Spec)}</extra>";
                data.Add((JsonNode)line);
            }
            if (floor is double best)
            {
                JsonObject line = Line([1, epochs], [best, best], "least squares (of each split)", "rgba(0,0,0,0.6)");
                line["line"]!["dash"] = "dot";
                line["line"]!["width"] = 1.5;
                line["legendgroup"] = "least squares";
                line["showlegend"] = first;
                line["xaxis"] = "x" + suffix;
                line["yaxis"] = "y" + suffix;
                data.Add((JsonNode)line);
            }
            double Axis(double v) => log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;
            var (low, high) = LossPlot.Range(report, losses, floor, Axis);
            double pad = (high - low) * 0.06;
            layout["yaxis" + suffix] = new JsonObject
            {
                ["title"] = new JsonObject { ["text"] = $"{which} batch mean" },
                ["domain"] = new JsonArray(domain[0], domain[1]),
                ["range"] = Numbers([low - pad, high + pad]),
                ["type"] = log ? "log" : "linear",
                ["exponentformat"] = log ? "power" : "SI",
                ["anchor"] = "x" + suffix,
            };
            layout["xaxis" + suffix] = new JsonObject
            {
                ["anchor"] = "y" + suffix,
                ["range"] = Numbers([0.8, epochs + 0.2]),
                ["title"] = new JsonObject { ["text"] = first && hasTest ? "" : "epoch" },
                ["showticklabels"] = !(first && hasTest),
            };
            if (!first) layout["xaxis"]!["matches"] = "x" + suffix;
        }
        Panel("", r => r.TrainLosses, report.LeastSquaresTrainLoss, "train", hasTest ? [0.55, 1] : [0, 1]);
        if (hasTest) Panel("2", r => r.TestLosses, report.LeastSquaresTestLoss, "test", [0, 0.45]);
        return Figure(data, layout);
    }
}
