namespace Descent.Specs;

/// <summary>Text in one of Descent's small languages (functions, specs) does not parse; says what and at which column.</summary>
public sealed class ParseException(string problem, string input, int column)
    : InputException($"{problem} at column {column}")
{
    /// <summary>What is wrong, without the position, e.g. "expected ')'".</summary>
    public string Problem { get; } = problem;

    /// <summary>The whole text that was being parsed.</summary>
    public string Input { get; } = input;

    /// <summary>The 1-based column of the offending spot (one past the end for a premature end).</summary>
    public int Column { get; } = column;

    /// <summary>
    /// The message, the input echoed, and a caret under the column, on three lines. A long input is shown
    /// as the part around the column, and control characters as '?', so the echo stays one terminal line.
    /// </summary>
    public string Display(string indent = "  ")
    {
        const int Around = 60;
        int at = Math.Clamp(Column - 1, 0, Input.Length);
        int start = Math.Max(0, at - Around), end = Math.Min(Input.Length, at + Around);
        string prefix = start > 0 ? "..." : "", suffix = end < Input.Length ? "..." : "";
        string shown = string.Concat(Input[start..end].Select(c => char.IsControl(c) ? '?' : c));
        return $"{Message}{Environment.NewLine}{indent}{prefix}{shown}{suffix}{Environment.NewLine}{indent}{new string(' ', prefix.Length + at - start)}^";
    }
}
