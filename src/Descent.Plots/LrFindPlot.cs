using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// A learning-rate range test: the loss against the learning rate (log axis), each batch's loss as a faint point and the
/// smoothed loss as a line, with the two suggestions marked (steepest descent, and a tenth of the minimum's lr).
/// </summary>
public static class LrFindPlot
{
    /// <summary>The picture for a finished test.</summary>
    public static Picture Create(LearningRateFinderResult result, string name = "lr-find")
    {
        ArgumentNullException.ThrowIfNull(result);
        Plot plot = PlotStyle.NewPlot();
        double[] xs = LogAxis.Transform(result.Lrs);
        var raw = plot.Add.Markers(xs, [.. result.Losses], MarkerShape.FilledCircle, 4, PlotStyle.RunColor(1).WithAlpha(0.35));
        raw.LegendText = "batch loss";
        var smooth = plot.Add.Scatter(xs, [.. result.SmoothedLosses], PlotStyle.RunColor(1));
        smooth.LineWidth = 2.5f;
        smooth.MarkerSize = 0;
        smooth.LegendText = $"smoothed loss (beta {Format(result.Finder.Beta)})";
        if (result.Steepest is { } steep) Mark(plot, steep, PlotStyle.RunColor(0), MarkerShape.FilledCircle, $"steepest descent: lr {Format(steep.Lr)}");
        if (result.Minimum is { } min)
        {
            Mark(plot, min, PlotStyle.RunColor(2), MarkerShape.FilledSquare, $"minimum / 10: lr {Format(min.Lr)} (minimum at {Format(min.AtLr)})");
        }
        // The smoothed curve decides the view: single batches far above it (the blow-up) would flatten everything else.
        double[] shown = [.. result.SmoothedLosses.Where(double.IsFinite)];
        if (shown.Length > 0 && xs.Length > 0)
        {
            double low = Math.Min(shown.Min(), result.Losses.Where(double.IsFinite).DefaultIfEmpty(shown.Min()).Min()), high = shown.Max();
            double pad = 0.06 * Math.Max(high - low, 1e-12 * Math.Max(1, Math.Abs(high)));
            double left = Math.Log10(result.Finder.StartLr), right = Math.Log10(result.Finder.EndLr);
            plot.Axes.SetLimits(left - 0.02 * (right - left), right + 0.02 * (right - left), low - pad, high + pad);
        }
        LogAxis.ApplyBottom(plot);
        plot.Title($"learning-rate range test: {result.Finder.Optimizer.Name}, {result.Finder.Setup.Model}, {result.Finder.Setup.Loss.ToSpec()} loss");
        plot.XLabel("learning rate (log scale)");
        plot.YLabel($"{result.Finder.Setup.Loss.ToSpec()} loss");
        plot.ShowLegend(Alignment.UpperLeft);
        string caption = $"Each step trains one batch at a learning rate {Format(Ratio(result))}x the step before, from {Format(result.Finder.StartLr)} up. " +
            "A good learning rate lies where the smoothed loss falls fastest, well before its minimum; past the minimum the steps are too large. " +
            (result.Stopped is { } stopped ? $"The test stopped: {stopped}." : "The test took every step.");
        return new Picture(name, plot, 1100, 650) { Caption = caption };
    }

    private static void Mark(Plot plot, LearningRateSuggestion s, Color color, MarkerShape shape, string label)
    {
        var line = plot.Add.VerticalLine(Math.Log10(s.Lr), 2, color);
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = label;
        var point = plot.Add.Marker(Math.Log10(s.AtLr), s.SmoothedLoss, shape, 11, color);
        point.LegendText = "";
    }

    /// <summary>The factor between consecutive learning rates.</summary>
    internal static double Ratio(LearningRateFinderResult result) =>
        Math.Pow(result.Finder.EndLr / result.Finder.StartLr, 1.0 / (result.Finder.Steps - 1));

    internal static string Format(double value) => Curvature.StabilityBound.Short(value);
}
