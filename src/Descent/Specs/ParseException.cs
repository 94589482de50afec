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

    /// <summary>The message, the input echoed, and a caret under the column, on three lines.</summary>
    public string Display(string indent = "  ") =>
        $"{Message}{Environment.NewLine}{indent}{Input}{Environment.NewLine}{indent}{new string(' ', Math.Max(Column - 1, 0))}^";
}
