using System.Globalization;
using Descent.Specs;
using Descent.Training;

namespace Descent.Plots;

/// <summary>The pictures and report section of a training comparison.</summary>
public static class TrainingFigures
{
    /// <summary>The loss curves, and the learning rates under them when a scheduler set them.</summary>
    public static IReadOnlyList<Picture> Pictures(TrainingReport report, bool logScale = false) =>
        report.Options.Scheduler is null ? [LossPlot.Create(report, logScale)] : [LossPlot.Create(report, logScale), LrPlot.Create(report)];

    /// <summary>
    /// Adds the settings, the results table (best first, the winner starred) and the interactive charts, each with a sentence
    /// under it saying what it shows and how to read it. The static pictures are not repeated: the charts show the same, and
    /// the page needs no file beside it.
    /// </summary>
    public static void AddTo(HtmlReport html, TrainingReport report, bool logScale = false)
    {
        TrainingOptions o = report.Options;
        html.Paragraph($"{report.Model} trained with {report.Loss} loss on {report.Data}: {report.TrainSamples} train / {report.TestSamples} test samples, " +
            $"batches of {o.BatchSize}{(o.Shuffle ? ", shuffled" : "")}, {o.Epochs} epochs, {report.DType}, seed {o.Seed}" +
            (o.Scheduler is { } s ? $", learning rates by {s.ToSpec()} stepped every {o.SchedulerInterval.ToString().ToLowerInvariant()}" : "") +
            (o.Clipping is { } c ? $", gradients clipped by {c}" : "") +
            ". Every optimizer starts from the same initial weights and sees the same batches.");
        bool hasTest = report.TestSamples > 0;
        string[] headers = hasTest
            ? ["optimizer", "test loss (whole set)", "train loss (whole set)", "train batch mean, last epoch", "best epoch¹"]
            : ["optimizer", "train loss (whole set)", "train batch mean, last epoch", "best epoch¹"];
        IReadOnlyList<OptimizerResult> ranked = report.BestFirst();
        bool winner = ranked.Count > 1 && double.IsFinite(hasTest ? ranked[0].FinalTestLoss ?? double.NaN : ranked[0].FinalFullTrainLoss);
        html.Table(headers, ranked.Select(r =>
        {
            var row = new List<string> { (r == ranked[0] && winner ? "★ " : "") + r.Spec + (r.Stopped is null ? "" : $" ({r.Stopped})") };
            if (hasTest) row.Add(Format(r.FinalTestLoss ?? double.NaN));
            row.AddRange([Format(r.FinalFullTrainLoss), Format(r.FinalTrainLoss), r.BestEpoch.ToString(CultureInfo.InvariantCulture)]);
            return (IReadOnlyList<string>)row;
        }));
        html.Paragraph($"Best first by the {(hasTest ? "test" : "train")} loss over the whole {(hasTest ? "test" : "training")} set after training. " +
            "A batch mean is the mean of an epoch's batch losses, the loss the tutorial records per epoch. " +
            (hasTest ? "¹ Best epoch: the epoch after which the test batch mean was lowest." : "¹ Best epoch: the epoch with the lowest train batch mean."));
        if (report.LeastSquaresTrainLoss is double best)
            html.Paragraph($"The best loss any linear model can reach (least squares, whole set): train {Format(best)}" +
                (report.LeastSquaresTestLoss is double bestTest ? $", test {Format(bestTest)} (fitted on the test set itself)." : "."));
        html.Chart(PlotlyFigures.Losses(report, logScale), hasTest ? 680 : 480,
            (hasTest ? "Train (top) and test (bottom) batch means per epoch, one colour per optimizer, on one epoch axis. " : "The train batch mean per epoch, one colour per optimizer. ") +
            (report.LeastSquaresTrainLoss is not null ? "The dotted line is the least-squares floor of that split: the gap to it is what an optimizer left. " : "") +
            "The view starts on the range where the runs end; double-click to see every value, drag to zoom. " +
            "Hover to read every optimizer's value at an epoch; clicking an optimizer in the legend hides both its lines.");
        if (o.Scheduler is not null)
            html.Chart(PlotlyFigures.Lrs(report), 360,
                "The learning rate each optimizer started each epoch with, as the scheduler set it; hover to read it at an epoch.");
    }

    private static string Format(double v) => double.IsFinite(v) ? SpecFormat.Significant(v, 6) : "—";
}
