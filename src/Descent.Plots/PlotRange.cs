namespace Descent.Plots;

/// <summary>An interval of one axis.</summary>
public readonly record struct PlotRange(double Low, double High)
{
    /// <summary>The interval's length.</summary>
    public double Span => High - Low;

    /// <summary>The smallest range covering <paramref name="values"/> (non-finite ones ignored), widened by <paramref name="margin"/> of its span on each side.</summary>
    public static PlotRange Around(IEnumerable<double> values, double margin = 0.25)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (double v in values)
            if (double.IsFinite(v)) { low = Math.Min(low, v); high = Math.Max(high, v); }
        if (!double.IsFinite(low)) (low, high) = (-1, 1);
        double span = high - low;
        // A path that barely moved still gets a readable neighbourhood.
        double minimum = Math.Max(1e-3, 0.1 * Math.Max(Math.Abs(low), Math.Abs(high)));
        if (span < minimum)
        {
            double middle = (low + high) / 2;
            (low, high, span) = (middle - minimum / 2, middle + minimum / 2, minimum);
        }
        return new PlotRange(low - margin * span, high + margin * span);
    }
}
