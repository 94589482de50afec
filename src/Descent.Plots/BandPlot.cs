using Descent.Statistics;
using ScottPlot;

namespace Descent.Plots;

/// <summary>A mean line with its 95% band, as the sweep pictures draw each optimizer; a log y axis takes log10 of both.</summary>
internal static class BandPlot
{
    /// <summary>
    /// Whether the estimates want a log axis: every finite mean and upper end &gt; 0, the means spanning more than a decade
    /// (so that the axis shows at least one labelled power of 10). Lower ends at or below 0 are then drawn at the bottom.
    /// </summary>
    public static bool LogScale(IEnumerable<Estimate> estimates)
    {
        double min = double.PositiveInfinity, max = 0;
        foreach (Estimate e in estimates)
        {
            if (e.Mean <= 0 || e.High <= 0 || double.IsInfinity(e.Mean)) return false;
            if (!double.IsFinite(e.Mean)) continue;
            min = Math.Min(min, e.Mean);
            max = Math.Max(max, e.Mean);
        }
        return max > 0 && max / min > 10;
    }

    /// <summary>A value on the plot's y axis.</summary>
    public static double Y(double value, bool log) => log ? (value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN) : value;

    /// <summary>The highest finite value on the plot's y axis, where marks for missing values go.</summary>
    public static double Top(IEnumerable<Estimate> estimates, bool log) =>
        estimates.SelectMany(e => new[] { Y(e.High, log), Y(e.Mean, log) }).Where(double.IsFinite).DefaultIfEmpty(0).Max();

    /// <summary>Adds the mean line (with markers when there are few points) and the band, which breaks where a point has no interval.</summary>
    public static void Add(Plot plot, double[] xs, Estimate[] estimates, Color color, bool log, string legend)
    {
        double[] means = [.. estimates.Select(e => Y(e.Mean, log))];
        // On a log axis an interval reaching 0 or below is cut at the bottom of the drawn values.
        double floor = log ? estimates.SelectMany(e => new[] { e.Mean, e.Low }).Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).Min() / 1.5 : double.NaN;
        double Low(Estimate e) => log && e.HasInterval && !(e.Low > 0) ? Math.Log10(floor) : Y(e.Low, log);
        int start = 0;
        for (int i = 0; i <= xs.Length; i++)
        {
            bool inside = i < xs.Length && double.IsFinite(xs[i]) && double.IsFinite(Low(estimates[i])) && double.IsFinite(Y(estimates[i].High, log));
            if (inside) continue;
            if (i - start >= 2)
            {
                var band = plot.Add.FillY(xs[start..i], [.. estimates[start..i].Select(Low)], [.. estimates[start..i].Select(e => Y(e.High, log))]);
                band.FillColor = color.WithAlpha(0.18);
                band.LineWidth = 0;
                band.MarkerSize = 0;
            }
            start = i + 1;
        }
        var line = plot.Add.Scatter(xs, means, color);
        line.LineWidth = 2;
        line.MarkerSize = xs.Length <= 20 ? 6 : 0;
        line.LegendText = legend;
    }
}
