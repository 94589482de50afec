using System.Globalization;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// Axis ticks a reader takes in at a glance: a few round values (1, 2 or 5 times a power of ten, or 2.5 between),
/// each labelled with only the digits the spacing needs, SI prefixes for large values and 1e-5 notation beyond
/// them (<see cref="Label"/>). A linear axis gets evenly spaced ticks; an axis that holds a monotone function of the
/// value (log10(f), or log10(f - min + δ) on a colour bar) gets ticks at round values of the value itself.
/// </summary>
internal sealed class ReadableTicks : ITickGenerator
{
    private readonly Func<double, double>? _toAxis;
    private readonly double _pixelsPerTick;

    private ReadableTicks(Func<double, double>? toAxis, double pixelsPerTick) => (_toAxis, _pixelsPerTick) = (toAxis, pixelsPerTick);

    /// <summary>Evenly spaced round values, at most one per <paramref name="pixelsPerTick"/> pixels of axis.</summary>
    public static ReadableTicks Linear(double pixelsPerTick = 80) => new(null, pixelsPerTick);

    /// <summary>An axis whose coordinates are log10 of the values: ticks at powers of ten, then 5s and 2s where they fit.</summary>
    public static ReadableTicks Log10(double pixelsPerTick = 36) => new(Math.Log10, pixelsPerTick);

    /// <summary>An axis whose coordinate is <paramref name="toAxis"/>(value), increasing: ticks at round values, powers of ten first.</summary>
    public static ReadableTicks Mapped(Func<double, double> toAxis, double pixelsPerTick = 36) => new(toAxis, pixelsPerTick);

    /// <inheritdoc/>
    public Tick[] Ticks { get; private set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount { get; set; } = 12;

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle) => Regenerate(range, size);

    /// <summary>Places the ticks for <paramref name="range"/> over <paramref name="size"/> pixels; labels are never measured, so no renderer is needed (plotly's axes use it too).</summary>
    public void Regenerate(CoordinateRange range, PixelLength size)
    {
        if (!double.IsFinite(range.Min) || !double.IsFinite(range.Max) || !(range.Max > range.Min) || size.Length <= 0)
        {
            Ticks = [];
            return;
        }
        int target = Math.Clamp((int)(size.Length / _pixelsPerTick), 2, MaxTickCount);
        Ticks = _toAxis is null ? LinearTicks(range.Min, range.Max, target) : MappedTicks(range, size.Length, _toAxis);
    }

    /// <summary>Round values from <paramref name="low"/> to <paramref name="high"/>, about <paramref name="target"/> of them, evenly spaced.</summary>
    public static double[] LinearPositions(double low, double high, int target, out double step)
    {
        double spacing = step = NiceStep((high - low) / Math.Max(1, target));
        double first = Math.Ceiling(low / spacing), last = Math.Floor(high / spacing);
        // Integer multiples of the step, not a running sum, so zero is exactly zero and no 0.30000000000000004 appears.
        return [.. Enumerable.Range(0, (int)Math.Max(0, Math.Min(last - first + 1, 1000))).Select(k => (first + k) * spacing)];
    }

    private static Tick[] LinearTicks(double low, double high, int target)
    {
        double[] major = LinearPositions(low, high, target, out double step);
        double minorStep = step / (Mantissa(step) is 2 or 2.5 ? 4 : 5);
        var ticks = new List<Tick>(major.Select(v => Tick.Major(v, Label(v, step))));
        double firstMinor = Math.Ceiling(low / minorStep), lastMinor = Math.Floor(high / minorStep);
        for (double k = firstMinor; k <= lastMinor && ticks.Count < 200; k++)
            if (Math.Abs(k * minorStep / step - Math.Round(k * minorStep / step)) > 1e-6) ticks.Add(Tick.Minor(k * minorStep));
        return [.. ticks];
    }

    private Tick[] MappedTicks(CoordinateRange range, double pixels, Func<double, double> toAxis)
    {
        double pixelsPerUnit = pixels / (range.Max - range.Min);
        // The values at the axis ends, found by bisection on the (increasing) mapping.
        double low = Inverse(toAxis, range.Min), high = Inverse(toAxis, range.Max);
        bool Visible(double value, out double at)
        {
            at = toAxis(value);
            return double.IsFinite(at) && at >= range.Min && at <= range.Max;
        }
        int top = (int)Math.Ceiling(Math.Log10(Math.Max(Math.Abs(low), Math.Abs(high))));
        int bottom = Math.Max(top - 330, -324);
        // Round values by priority: zero, powers of ten, then 5s and 2s; each kept if it is far enough from those kept.
        (double Value, int Exponent)[] Round(double m) =>
            [.. Enumerable.Range(bottom, top - bottom + 1).SelectMany(k => new[] { (m * Math.Pow(10, k), k), (-m * Math.Pow(10, k), k) })];
        (double Value, int Exponent)[] decades = [.. Round(1).Where(d => Visible(d.Value, out _))];
        // Decades too close for one label each (a log axis over hundreds of them): every second, fifth, tenth... decade,
        // judged by their typical spacing (on a shifted log scale, decades below the shift crowd at the bottom).
        double[] places = [.. decades.Select(d => toAxis(d.Value) * pixelsPerUnit).Order().Distinct()];
        double[] gaps = [.. places.Zip(places.Skip(1), (a, b) => b - a).Where(g => g >= 1).Order()];
        double spacing = gaps.Length == 0 ? pixels : gaps[gaps.Length / 2];
        int stride = new[] { 1, 2, 5, 10, 20, 50, 100 }.First(s => s * spacing >= _pixelsPerTick || s == 100);
        var candidates = new List<double> { 0 };
        candidates.AddRange(decades.Where(d => d.Exponent % stride == 0).Select(d => d.Value));
        if (stride == 1) candidates.AddRange(Round(5).Concat(Round(2)).Select(d => d.Value));
        var chosen = new List<(double Value, double At)>();
        foreach (double v in candidates)
            if (Visible(v, out double at) && chosen.All(c => Math.Abs(c.At - at) * pixelsPerUnit >= _pixelsPerTick)) chosen.Add((v, at));
        if (chosen.Count < 2)
        {
            // Less than a decade in view: round values spaced evenly in the value, placed by the mapping.
            double[] values = LinearPositions(low, high, Math.Max(2, (int)(pixels / _pixelsPerTick / 2)), out double step);
            return [.. values.Where(v => Visible(v, out _)).Select(v => Tick.Major(toAxis(v), Label(v, step)))];
        }
        var ticks = chosen.Select(c => Tick.Major(c.At, Label(c.Value))).ToList();
        // Minor ticks at 2..9 times each power of ten, where labels are one a decade.
        if (stride == 1)
            for (int m = 2; m <= 9; m++)
                foreach (var (v, _) in Round(m))
                    if (Visible(v, out double at) && !chosen.Any(c => c.Value == v) && ticks.Count < 400) ticks.Add(Tick.Minor(at));
        return [.. ticks];
    }

    private static double Inverse(Func<double, double> toAxis, double at)
    {
        // Mapped axes here are logarithms of a shifted value, so the value range is searched over all doubles.
        double low = -double.MaxValue, high = double.MaxValue;
        for (int i = 0; i < 2100 && low < high; i++)
        {
            double middle = MidpointOfDoubles(low, high);
            if (middle == low || middle == high) break;
            double y = toAxis(middle);
            if (double.IsNaN(y) || y < at) low = middle; else high = middle;
        }
        return high;
    }

    // The middle of two doubles by their bit patterns, so the search halves the number of doubles between them (about 64 steps).
    private static double MidpointOfDoubles(double a, double b)
    {
        static long Key(double d) { long bits = BitConverter.DoubleToInt64Bits(d); return bits < 0 ? long.MinValue - bits : bits; }
        static double FromKey(long k) => BitConverter.Int64BitsToDouble(k < 0 ? long.MinValue - k : k);
        long ka = Key(a), kb = Key(b);
        return FromKey(ka + (kb - ka) / 2);
    }

    /// <summary>The round step (1, 2, 2.5 or 5 times a power of ten) nearest above <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough)) return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static double Mantissa(double v) => Math.Round(v / Math.Pow(10, Math.Floor(Math.Log10(v))), 6);

    /// <summary>
    /// A short label for <paramref name="value"/>: plain between 0.001 and 10000 (<c>0.25</c>, <c>1500</c>), SI prefixes up to
    /// 10^15 (<c>25k</c>, <c>1.5M</c>, <c>3G</c>, <c>2T</c>), and <c>1e-5</c>, <c>2.5e21</c> beyond. With <paramref name="step"/>
    /// (the spacing of neighbouring labels) it shows just the digits that tell neighbours apart; without, up to 3 significant digits.
    /// </summary>
    public static string Label(double value, double step = double.NaN)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0 || (step > 0 && Math.Abs(value) < step * 1e-9)) return "0";
        double magnitude = Math.Abs(value);
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        // The last significant decimal place: of the step when given (one more for 2.5 steps), else the third digit.
        int lastPlace = step > 0 && double.IsFinite(step)
            ? (int)Math.Floor(Math.Log10(step) + 1e-9) - (Mantissa(step) == 2.5 ? 1 : 0)
            : exponent - 2;
        string sign = value < 0 ? "-" : "";
        if (magnitude >= 1e-3 && magnitude < 1e4)
            return sign + Trim(magnitude.ToString("F" + Math.Clamp(-lastPlace, 0, 15), CultureInfo.InvariantCulture), step);
        if (magnitude >= 1e4 && magnitude < 1e15)
        {
            int prefix = exponent / 3 * 3;
            string scaled = (magnitude / Math.Pow(10, prefix)).ToString("F" + Math.Clamp(prefix - lastPlace, 0, 15), CultureInfo.InvariantCulture);
            return sign + Trim(scaled, step) + (prefix switch { 3 => "k", 6 => "M", 9 => "G", _ => "T" });
        }
        double mantissa = magnitude / Math.Pow(10, exponent);
        // Rounding can carry into the next power (9.996e5 to 10.0e5): renormalise.
        string digits = mantissa.ToString("F" + Math.Clamp(exponent - lastPlace, 0, 15), CultureInfo.InvariantCulture);
        if (digits.StartsWith("10", StringComparison.Ordinal))
        {
            exponent++;
            digits = (mantissa / 10).ToString("F" + Math.Clamp(exponent - lastPlace, 0, 15), CultureInfo.InvariantCulture);
        }
        return sign + Trim(digits, step) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    // Without a step, trailing zeros say nothing (3 significant digits are an upper bound); with one, they keep neighbours aligned.
    private static string Trim(string digits, double step) =>
        step > 0 || !digits.Contains('.', StringComparison.Ordinal) ? digits : digits.TrimEnd('0').TrimEnd('.');
}
