using Descent.Sweeps;

namespace Descent.Plots;

/// <summary>The pictures and report section of a sweep.</summary>
public static class SweepFigures
{
    /// <summary>The sensitivity picture (metric against learning rate), then the tuned curves.</summary>
    public static IReadOnlyList<Picture> Pictures(SweepSummary summary) => [SensitivityPlot.Create(summary), TunedCurvesPlot.Create(summary)];

    /// <summary>Adds the settings, the statement, the results table, the pictures (as files next to the page) and the interactive charts.</summary>
    public static void AddTo(HtmlReport html, SweepSummary summary, IEnumerable<string> pictureFiles)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(summary);
        SweepDefinition d = summary.Definition;
        html.Paragraph($"{d.Title}: {d.Optimizers.Count} optimizers × {d.Lrs.Count} learning rates ({SweepSummary.Format(d.Lrs[0])} to " +
            $"{SweepSummary.Format(d.Lrs[^1])}) × {d.Seeds.Count} seeds = {d.RunCount} runs. {Selection(d)}");
        html.Paragraph(summary.Statement);
        foreach (string note in summary.Notes) html.Paragraph("Note: " + note + ".");
        html.Table(["rank", "optimizer", "chosen lr", $"{d.ReportBy.Replace('_', ' ')}: mean [95% CI]", "sd", "diverged runs", "against the winner, paired over the seeds: difference [95% CI], seeds worse on"],
            summary.Ranking.Select(o => (IReadOnlyList<string>)
            [
                o.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture) + (o.Rank == 1 && !o.Failed ? " ★" : ""),
                o.Optimizer,
                o.Lr is double lr ? SweepSummary.Format(lr) : "-",
                o.Failed ? "-" : Interval(o.Estimate),
                SweepSummary.Format(o.Estimate.StandardDeviation),
                $"{o.DivergedRuns} of {d.Lrs.Count * d.Seeds.Count}",
                o.VersusWinnerText,
            ]));
        html.Paragraph(string.Join("; ", d.Settings.Select(s => $"{s.Key} = {s.Value}")) + $". Definition {d.Hash}.");
        html.Images([.. pictureFiles]);
        html.Chart(PlotlyFigures.Sensitivity(summary), 600,
            "The metric the rates were chosen by against the learning rate (log axis), one line per optimizer with its 95% band over the seeds: " +
            "the circled rate is the one chosen, a cross a rate where a seed diverged; a wide, flat valley is an optimizer that forgives its learning rate. " +
            "Hover for the values; clicking an optimizer in the legend hides it.");
        html.Chart(PlotlyFigures.TunedCurves(summary), 560,
            "Each optimizer at its chosen learning rate, the mean over the seeds with its 95% band: where the bands overlap at the end, the seeds do not " +
            "tell the optimizers apart. Hover to read every optimizer's value; drag to zoom into the end.");
    }

    /// <summary>How the learning rate was chosen and what is reported, in a sentence.</summary>
    public static string Selection(SweepDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        string select = definition.SelectBy.Replace('_', ' '), report = definition.ReportBy.Replace('_', ' ');
        string interval = definition.Seeds.Count > 1 ? $", mean over the {definition.Seeds.Count} seeds with its {Statistics.Estimate.Method}" : "";
        return $"Each optimizer's learning rate is the one with the lowest mean {select} among those where no seed diverged; " +
            (select == report ? $"its {report} is reported" : $"the {report} of those runs is reported (the {report.Split(' ')[0]} data took no part in the choice)") +
            interval + ".";
    }

    /// <summary>A mean with its interval, e.g. <c>0.9712 [0.9688, 0.9736]</c>.</summary>
    public static string Interval(Statistics.Estimate e) =>
        e.HasInterval ? $"{SweepSummary.Format(e.Mean)} [{SweepSummary.Format(e.Low)}, {SweepSummary.Format(e.High)}]" : SweepSummary.Format(e.Mean);
}
