using Descent.Specs;
using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// The tutorial's third figure, in two panels sharing the epoch axis: the train loss per epoch above, the test loss below
/// (each the mean of the epoch's batch losses, as the tutorial records them), one colour per optimizer, the least-squares
/// floor as a dotted line where the model is linear with MSE, and each line's final value labelled at its end.
/// </summary>
public static class LossPlot
{
    private const int Width = 1000, Left = 80, TitleRoom = 48, AxisRoom = 52, Gap = 16, PanelData = 290, MaxLabel = 46;

    /// <summary>The figure for a training comparison; <paramref name="logScale"/> puts the loss on a log axis.</summary>
    public static Picture Create(TrainingReport report, bool logScale = false, string name = "losses")
    {
        bool hasTest = report.Results.Any(r => r.TestLosses.Count > 0);
        bool log = logScale && report.Results.All(r => r.TrainLosses.All(v => v > 0) && r.TestLosses.All(v => v > 0));
        int epochs = Math.Max(1, report.Results.Max(r => r.TrainLosses.Count));
        var train = new Panel(report, r => r.TrainLosses, report.LeastSquaresTrainLoss, "train", log, epochs);
        Panel? test = hasTest ? new Panel(report, r => r.TestLosses, report.LeastSquaresTestLoss, "test", log, epochs) : null;
        int right = (int)Math.Ceiling(Math.Max(train.Labels.Width(), test?.Labels.Width() ?? 0)) + 12;

        Plot top = train.Plot;
        top.Title($"{report.Model}, {report.Loss} loss per epoch" + (hasTest ? ": train above, test below" : ""));
        if (test is null)
        {
            top.XLabel("epoch");
            top.Layout.Fixed(new PixelPadding(Left, right, AxisRoom, TitleRoom));
            return new Picture(name, top, Width, TitleRoom + PanelData + AxisRoom) { Caption = Caption(report, log) };
        }
        // The upper panel's epoch labels would only repeat the lower one's; its grid stays, so the two read as one axis.
        top.Axes.Bottom.TickLabelStyle.IsVisible = false;
        top.Layout.Fixed(new PixelPadding(Left, right, Gap / 2, TitleRoom));
        Plot bottom = UndashedMarker.ApplyTo(test.Plot);
        bottom.XLabel("epoch");
        bottom.Layout.Fixed(new PixelPadding(Left, right, AxisRoom, Gap / 2));
        int upper = TitleRoom + PanelData + Gap / 2, lower = Gap / 2 + PanelData + AxisRoom;
        return new Picture(name, top, Width, upper + lower) { Below = bottom, BelowHeight = lower, Caption = Caption(report, log) };
    }

    /// <summary>What the figure shows and how to read it.</summary>
    private static string Caption(TrainingReport report, bool log) =>
        $"The {report.Loss} loss after each epoch{(report.TestSamples > 0 ? ", train (top) and test (bottom) on one epoch axis" : "")}: " +
        "the mean of the epoch's batch losses, as the tutorial records them, one colour per optimizer" + (log ? ", on a log scale" : "") + ". " +
        "Each line's last value is written at its end (labels pushed apart where lines end close together, a thin leader back to the line). " +
        (report.LeastSquaresTrainLoss is not null
            ? "The dotted line is the least-squares fit of that split, the lowest loss any linear model can reach on the whole of it: the gap to it is what an optimizer " +
              "left (a batch mean, taken while the weights move and with a smaller last batch, can sit a little off it). "
            : "") +
        "Values far above the rest (a spike, a run that diverged) leave the top of the panel; a cross marks where a run diverged.";

    /// <summary>One panel: its plot, with the lines drawn and the axes set, and the labels at the lines' ends.</summary>
    private sealed class Panel
    {
        public Plot Plot { get; } = PlotStyle.NewPlot();

        public EndLabels Labels { get; } = new();

        public Panel(TrainingReport report, Func<OptimizerResult, List<double>> losses, double? floor, string which, bool log, int epochs)
        {
            double Axis(double v) => log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;
            var (low, high) = Range(report, losses, floor, Axis);
            double pad = (high - low) * 0.06;
            double top = high + pad, bottom = low - pad;
            for (int k = 0; k < report.Results.Count; k++)
            {
                OptimizerResult r = report.Results[k];
                List<double> values = losses(r);
                Color color = PlotStyle.RunColor(k);
                // Beyond the view's top a line only needs to leave it: capped, so a diverging run's 1e68 stays drawable.
                double[] ys = [.. values.Select(v => Axis(v) is double a && double.IsFinite(a) ? Math.Min(a, top + 10 * (top - bottom)) : double.NaN)];
                double[] xs = [.. Enumerable.Range(1, values.Count).Select(e => (double)e)];
                var line = Plot.Add.Scatter(xs, ys, color);
                line.LineWidth = 2;
                line.MarkerSize = values.Count == 1 ? 6 : 0;
                // Past the palette's ten colours, dashes tell the lines apart.
                line.LinePattern = k < PlotStyle.Palette.Length ? LinePattern.Solid : LinePattern.Dashed;
                string spec = Short(r.Spec);
                if (r.Stopped is not null)
                {
                    int at = Math.Min(values.Count + 1, epochs);
                    var cross = Plot.Add.Marker(at, top - pad / 2, MarkerShape.Eks, 12);
                    cross.Color = color;
                    cross.MarkerLineWidth = 2.5f;
                    Labels.Add(top, $"{spec}: diverged in epoch {values.Count + 1}", color);
                }
                else if (values.Count > 0)
                    Labels.Add(Math.Clamp(ys[^1], bottom, top), $"{spec}  {Number(values[^1])}", color);
            }
            if (floor is double best && double.IsFinite(Axis(best)))
            {
                var line = Plot.Add.HorizontalLine(Axis(best));
                line.LineColor = Colors.Black.WithAlpha(0.6);
                line.LinePattern = LinePattern.Dotted;
                line.LineWidth = 1.5f;
                Labels.Add(Axis(best), $"least squares  {Number(best)}", Colors.Black.WithAlpha(0.75));
            }
            Labels.Axes.XAxis = Plot.Axes.Bottom;
            Labels.Axes.YAxis = Plot.Axes.Left;
            Plot.Add.Plottable(Labels);
            double xPad = 0.02 * (epochs - 1) + 0.2;
            Plot.Axes.SetLimits(1 - xPad, epochs + xPad, bottom, top);
            if (log) LogAxis.Apply(Plot);
            Plot.YLabel($"{which} batch mean" + (log ? " (log scale)" : ""));
        }
    }

    /// <summary>
    /// The loss range worth showing: from the lowest value (or the floor) up to the highest value of the runs that did
    /// not diverge, but no higher than where nine in ten of their values lie or three times the spread of where they
    /// ended, whichever is higher: a spike, or a first epoch far above the rest, does not flatten the comparison.
    /// </summary>
    internal static (double Low, double High) Range(TrainingReport report, Func<OptimizerResult, List<double>> losses, double? floor, Func<double, double> axis)
    {
        double[] all = [.. report.Results.SelectMany(r => losses(r)).Select(axis).Where(double.IsFinite)];
        OptimizerResult[] kept = [.. report.Results.Where(r => r.Stopped is null && losses(r).Count > 0)];
        double[] finals = [.. kept.Select(r => axis(losses(r)[^1])).Where(double.IsFinite)];
        double[] steady = [.. kept.SelectMany(r => losses(r)).Select(axis).Where(double.IsFinite).Order()];
        if (steady.Length == 0) steady = [.. all.Order()];
        double? line = floor is double f && double.IsFinite(axis(f)) ? axis(f) : null;
        if (steady.Length == 0) return line is double only ? (only - 1, only + 1) : (0, 1);
        double low = Math.Min(steady[0], line ?? double.MaxValue);
        double end = finals.Length > 0 ? Math.Max(finals.Max(), line ?? double.MinValue) : steady[^1];
        double high = Math.Min(steady[^1], Math.Max(low + 3 * (end - low), steady[(int)(0.9 * (steady.Length - 1))]));
        if (!(high > low)) (low, high) = (low - Math.Max(Math.Abs(low) * 0.01, 1e-9), high + Math.Max(Math.Abs(high) * 0.01, 1e-9));
        return (low, high);
    }

    /// <summary>A spec short enough for a label beside the picture; the full one is in the table and the files.</summary>
    private static string Short(string spec) => spec.Length <= MaxLabel ? spec : spec[..(MaxLabel - 1)] + "…";

    private static string Number(double v) => SpecFormat.Significant(v, 5);
}
