using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>The tutorial's third figure: train loss (solid) and test loss (dashed) per epoch, one colour per optimizer.</summary>
public static class LossPlot
{
    /// <summary>The figure for a training comparison; <paramref name="logScale"/> puts the loss on a log axis.</summary>
    public static Picture Create(TrainingReport report, bool logScale = false, string name = "losses")
    {
        bool log = logScale && report.Results.All(r => r.TrainLosses.All(v => v > 0) && r.TestLosses.All(v => v > 0));
        Plot plot = PlotStyle.NewPlot();
        for (int k = 0; k < report.Results.Count; k++)
        {
            OptimizerResult r = report.Results[k];
            Color color = PlotStyle.RunColor(k);
            double[] epochs = [.. Enumerable.Range(1, r.TrainLosses.Count).Select(e => (double)e)];
            var train = plot.Add.Scatter(epochs, log ? LogAxis.Transform(r.TrainLosses) : [.. r.TrainLosses], color);
            train.LineWidth = 2;
            train.MarkerSize = 0;
            train.LegendText = $"{r.Spec} train" + (r.Stopped is null ? "" : " (diverged)");
            if (r.TestLosses.Count > 0)
            {
                var test = plot.Add.Scatter(epochs, log ? LogAxis.Transform(r.TestLosses) : [.. r.TestLosses], color);
                test.LineWidth = 2;
                test.MarkerSize = 0;
                test.LinePattern = LinePattern.Dashed;
                test.LegendText = $"{r.Spec} test";
            }
        }
        if (report.LeastSquaresTrainLoss is double best)
        {
            var line = plot.Add.HorizontalLine(log ? Math.Log10(best) : best);
            line.LineColor = Colors.Black.WithAlpha(0.6);
            line.LinePattern = LinePattern.Dotted;
            line.LineWidth = 1.5f;
            line.LegendText = "best linear fit (least squares, train)";
        }
        if (log) LogAxis.Apply(plot);
        plot.Title($"{report.Model}, {report.Loss} loss: train (solid) and test (dashed)");
        plot.XLabel("epoch");
        plot.YLabel(log ? $"{report.Loss} loss (log scale)" : $"{report.Loss} loss");
        plot.ShowLegend(Alignment.UpperRight);
        return new Picture(name, plot, 1000, 650);
    }
}
