using ScottPlot;

namespace Descent.Plots;

/// <summary>A logarithmic y axis for ScottPlot, which draws linear axes: data go in as log10 and ticks read as the values.</summary>
internal static class LogAxis
{
    /// <summary>log10 of each value, NaN where it is not positive.</summary>
    public static double[] Transform(IEnumerable<double> values) => [.. values.Select(v => v > 0 && double.IsFinite(v) ? Math.Log10(v) : double.NaN)];

    /// <summary>
    /// Labels the left axis with round values (powers of ten, then 5s and 2s where they fit), with minor ticks and faint
    /// grid lines at 2..9 per decade, so values between the labels can be read as on log paper.
    /// </summary>
    public static void Apply(Plot plot)
    {
        plot.Axes.Left.TickGenerator = ReadableTicks.Log10();
        plot.Grid.YAxisStyle.MinorLineStyle.Width = 1;
        plot.Grid.YAxisStyle.MinorLineStyle.Color = Colors.Black.WithAlpha(0.05);
    }

    /// <summary>Labels the bottom axis as <see cref="Apply"/> does the left one, for x data given as log10.</summary>
    public static void ApplyBottom(Plot plot) => plot.Axes.Bottom.TickGenerator = ReadableTicks.Log10();
}
