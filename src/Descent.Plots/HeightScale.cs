using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// How heights map to colours and to the 3D view's height: linear, or log10(f - min + δ) when a few huge values
/// (Rosenbrock's corners) would otherwise wash out everything interesting. δ sets how deep the log reaches below
/// the typical values: a larger δ keeps a narrow valley, which a grid samples unevenly, from looking like a saw.
/// </summary>
internal sealed record HeightScale(bool Logarithmic, double Min, double Delta)
{
    /// <summary>
    /// The scale for the finite values of <paramref name="f"/>; in log scale δ is at least the <paramref name="floor"/>
    /// quantile of f - min (0 keeps the contour's fine levels near the minimum; the 3D view uses more).
    /// </summary>
    public static HeightScale For(double[,] f, double floor = 0)
    {
        double[] values = [.. f.Cast<double>().Where(double.IsFinite).Order()];
        if (values.Length == 0) return new HeightScale(false, 0, 1);
        double min = values[0], max = values[^1], median = values[values.Length / 2];
        bool log = max - min > 20 * (median - min) && max - min > 0;
        double delta = Math.Max(Math.Max((max - min) * 1e-4, values[(int)(floor * (values.Length - 1))] - min), double.Epsilon);
        if (Math.Abs(min) > 0) delta = Math.Max(delta, Math.Abs(min) * 1e-12); // below that, min + δ would round back to min
        return new HeightScale(log, min, delta);
    }

    /// <summary>A height on this scale; NaN for a non-finite f.</summary>
    public double Apply(double v) => !double.IsFinite(v) ? double.NaN : Logarithmic ? Math.Log10(v - Min + Delta) : v;

    /// <summary>The f whose height is <paramref name="v"/>.</summary>
    public double Invert(double v) => Logarithmic ? Math.Pow(10, v) + Min - Delta : v;

    /// <summary>Ticks for heights from <paramref name="low"/> to <paramref name="high"/> at round values of f, about one per <paramref name="pixelsPerTick"/> of <paramref name="pixels"/>.</summary>
    public Tick[] Ticks(double low, double high, double pixels, double pixelsPerTick)
    {
        ReadableTicks ticks = Generator(pixelsPerTick);
        ticks.Regenerate(new CoordinateRange(low, high), new PixelLength((float)pixels));
        return [.. ticks.Ticks.Where(t => t.IsMajor)];
    }

    /// <summary>A tick generator for an axis of heights (a colour bar), labelled in f.</summary>
    public ReadableTicks Generator(double pixelsPerTick) => Logarithmic ? ReadableTicks.Mapped(Apply, pixelsPerTick) : ReadableTicks.Linear(pixelsPerTick);
}
