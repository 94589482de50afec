using System.Globalization;
using Descent.Specs;

namespace Descent.Sweeps;

/// <summary>The learning rates a sweep tries every optimizer at, in increasing order: a log-spaced range or listed values.</summary>
public sealed record LearningRates
{
    private readonly double[] _values;

    private LearningRates(double[] values) => _values = values;

    /// <summary>The rates, increasing, each finite and &gt; 0.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>
    /// <paramref name="count"/> rates from <paramref name="low"/> to <paramref name="high"/>, both included, equally spaced in
    /// log10 (1e-4 to 1 in 13 is three a decade: 1e-4, 2.15e-4, 4.64e-4, 1e-3, ...); decades come out exact.
    /// </summary>
    /// <exception cref="InputException">A bound not finite or not &gt; 0, a reversed or empty range, or fewer than one rate.</exception>
    public static LearningRates LogSpaced(double low, double high, int count)
    {
        string range = $"{SpecFormat.Number(low)}:{SpecFormat.Number(high)}:{count}";
        if (!(double.IsFinite(low) && low > 0 && double.IsFinite(high) && high > 0))
            throw new InputException($"--lrs {range}: the learning rates must be finite and > 0 (they are spaced on a log scale)");
        if (count < 1) throw new InputException($"--lrs {range}: N = {count} is invalid: give at least one learning rate");
        if (high < low) throw new InputException($"--lrs {range}: the range is reversed; give LOW:HIGH:N with LOW <= HIGH");
        if (count == 1 && low != high) throw new InputException($"--lrs {range}: one rate cannot include both ends; give LOW:LOW:1 or N >= 2");
        if (count > 1 && low == high) throw new InputException($"--lrs {range}: the range is empty; give LOW < HIGH for {count} rates");
        if (count == 1) return new LearningRates([low]);
        var values = new double[count];
        double a = Math.Log10(low), b = Math.Log10(high);
        // Weighted ends rather than a step: integer decades (-4 and 0) then give exact exponents (-3, not -2.9999999999999996).
        for (int i = 0; i < count; i++) values[i] = Math.Pow(10, (a * (count - 1 - i) + b * i) / (count - 1));
        values[0] = low;
        values[^1] = high;
        return new LearningRates(values);
    }

    /// <summary>The listed rates, sorted.</summary>
    /// <exception cref="InputException">A rate not finite or not &gt; 0, listed twice, or no rate.</exception>
    public static LearningRates Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0) throw new InputException("--lrs: give at least one learning rate");
        foreach (double v in sorted)
            if (!(double.IsFinite(v) && v > 0)) throw new InputException($"--lrs: {SpecFormat.Number(v)} is invalid: learning rates must be finite and > 0");
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] == sorted[i - 1]) throw new InputException($"--lrs: {SpecFormat.Number(sorted[i])} is listed twice");
        return new LearningRates(sorted);
    }

    /// <summary>Reads <c>LOW:HIGH:N</c> (log-spaced, both ends included) or a list <c>1e-3,3e-3,1e-2</c>.</summary>
    /// <exception cref="InputException">The text is neither form, or the rates are invalid (see <see cref="LogSpaced"/> and <see cref="Of"/>).</exception>
    public static LearningRates Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] range = text.Split(':');
        if (range.Length == 3)
            return Number(range[0], text) is double low && Number(range[1], text) is double high
                && int.TryParse(range[2].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int count)
                ? LogSpaced(low, high, count)
                : throw new InputException($"--lrs: '{text}' is not LOW:HIGH:N (e.g. 1e-4:1:13) with N a whole number");
        if (range.Length != 1 || text.Trim().Length == 0)
            throw new InputException($"--lrs: '{text}' is neither LOW:HIGH:N (e.g. 1e-4:1:13) nor a list (e.g. 1e-3,3e-3,1e-2)");
        return Of([.. text.Split(',').Select(v => Number(v, text) ?? throw new InputException($"--lrs: '{v.Trim()}' is not a number (in {text})"))]);
    }

    private static double? Number(string text, string whole) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
        : text.Trim().Length == 0 ? throw new InputException($"--lrs: '{whole}' has an empty value") : null;

    /// <summary>The rates as a list that <see cref="Parse"/> reads back.</summary>
    public override string ToString() => string.Join(",", _values.Select(SpecFormat.Number));

    /// <inheritdoc/>
    public bool Equals(LearningRates? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override int GetHashCode() => _values.Length == 0 ? 0 : HashCode.Combine(_values.Length, _values[0], _values[^1]);
}
