using System.Globalization;

namespace Descent.Specs;

/// <summary>Numbers and values written as specs and Descent's outputs write them: round-trip, invariant, Python-style exponents.</summary>
public static class SpecFormat
{
    /// <summary>A number in shortest round-trip form, invariant culture, with a lower-case exponent as Python writes it (1e-08).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>A number for people: at most <paramref name="digits"/> significant digits, invariant culture, a lower-case exponent (1e-05).</summary>
    public static string Significant(double value, int digits) =>
        value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

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

    /// <summary>
    /// A spec on lines of at most <paramref name="width"/> characters where it can be, joined with "\n": broken after a
    /// comma between its arguments, or, inside an argument too long for a line, after a comma or "(" in it, then after "=";
    /// never inside a name, a number or a quoted string, so a table that shows it cuts no word.
    /// </summary>
    public static string Wrap(string spec, int width)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IEnumerable<string> Pieces(string text, Func<char, int, bool> breakAfter) => text.Length <= width ? [text] : Split(text, breakAfter);
        var lines = new List<string>();
        string line = "";
        foreach (string argument in Split(spec, (c, depth) => c == ',' && depth == 1))
            foreach (string piece in Pieces(argument, (c, _) => c is ',' or '(').SelectMany(p => Pieces(p, (c, _) => c == '=')))
            {
                if (line.Length > 0 && line.Length + piece.TrimEnd().Length > width)
                {
                    lines.Add(line.TrimEnd());
                    line = piece.TrimStart();
                }
                else line += piece;
            }
        if (line.Length > 0) lines.Add(line.TrimEnd());
        return string.Join("\n", lines);
    }

    // The text cut after each character where breakAfter(character, parenthesis depth) holds, outside quoted strings.
    private static IEnumerable<string> Split(string text, Func<char, int, bool> breakAfter)
    {
        int depth = 0, start = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"') quoted = !quoted;
            if (!quoted && c == '(') depth++;
            if ((!quoted && breakAfter(c, depth)) || i == text.Length - 1)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
            if (!quoted && c == ')') depth--;
        }
    }
}
