using System.Globalization;

namespace Descent.Specs;

/// <summary>Numbers and values written as specs and Descent's outputs write them: round-trip, invariant, Python-style exponents.</summary>
public static class SpecFormat
{
    /// <summary>A number in shortest round-trip form, invariant culture, with a lower-case exponent as Python writes it (1e-08).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>A value as written in specs: round-trip numbers, true/false, tuples, quoted strings, lower-case names of choices.</summary>
    public static string Value(object? value) => value switch
    {
        null => "none",
        double d => double.IsFinite(d) ? Number(d) : double.IsNaN(d) ? "nan" : d > 0 ? "inf" : "-inf", // as specs read them back
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        Enum e => e.ToString().ToLowerInvariant(),
        SpecOptions o => o.ToSpec(),
        IReadOnlyList<SpecOptions> { Count: 1 } list => $"({list[0].ToSpec()},)",
        IReadOnlyList<SpecOptions> list => $"({string.Join(", ", list.Select(o => o.ToSpec()))})",
        (double a, double b) => $"({Value(a)}, {Value(b)})",
        (double a, double b, double c) => $"({Value(a)}, {Value(b)}, {Value(c)})",
        IReadOnlyList<int> { Count: 1 } list => $"({Value(list[0])},)",
        IReadOnlyList<int> list => $"({string.Join(", ", list.Select(i => Value(i)))})",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
