using System.Globalization;
using Descent.Training;

namespace Descent.Plots;

/// <summary>The pictures and report section of a training comparison.</summary>
public static class TrainingFigures
{
    /// <summary>The loss curves, and the learning rates under them when a scheduler set them.</summary>
    public static IReadOnlyList<Picture> Pictures(TrainingReport report, bool logScale = false) =>
        report.Options.Scheduler is null ? [LossPlot.Create(report, logScale)] : [LossPlot.Create(report, logScale), LrPlot.Create(report)];

    /// <summary>Adds the settings, the results table, the pictures (as files next to the page) and the interactive loss chart.</summary>
    public static void AddTo(HtmlReport html, TrainingReport report, IEnumerable<string> pictureFiles, bool logScale = false)
    {
        TrainingOptions o = report.Options;
        html.Paragraph($"{report.Model} trained with {report.Loss} loss on {report.Data}: {report.TrainSamples} train / {report.TestSamples} test samples, " +
            $"batches of {o.BatchSize}{(o.Shuffle ? ", shuffled" : "")}, {o.Epochs} epochs, {report.DType}, seed {o.Seed}" +
            (o.Scheduler is { } s ? $", learning rates by {s.ToSpec()} stepped every {o.SchedulerInterval.ToString().ToLowerInvariant()}" : "") +
            (o.Clipping is { } c ? $", gradients clipped by {c}" : "") +
            ". Every optimizer starts from the same initial weights and sees the same batches.");
        bool hasTest = report.TestSamples > 0;
        string[] headers = hasTest
            ? ["optimizer", "train loss (last epoch)", "full train loss", "test loss", "best epoch"]
            : ["optimizer", "train loss (last epoch)", "full train loss", "best epoch"];
        html.Table(headers, report.Results.Select(r =>
        {
            var row = new List<string> { r.Spec + (r.Stopped is null ? "" : $" ({r.Stopped})"), Format(r.FinalTrainLoss), Format(r.FinalFullTrainLoss) };
            if (hasTest) row.Add(Format(r.FinalTestLoss ?? double.NaN));
            row.Add(r.BestEpoch.ToString(CultureInfo.InvariantCulture));
            return (IReadOnlyList<string>)row;
        }));
        if (report.LeastSquaresTrainLoss is double best)
            html.Paragraph($"The best train loss any linear model can reach (least squares): {Format(best)}.");
        html.Images([.. pictureFiles]);
        html.Chart(PlotlyFigures.Losses(report, logScale), 560);
        if (o.Scheduler is not null) html.Chart(PlotlyFigures.Lrs(report), 360);
    }

    private static string Format(double v) => double.IsFinite(v) ? v.ToString("0.######", CultureInfo.InvariantCulture) : "—";
}
