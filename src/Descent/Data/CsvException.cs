namespace Descent.Data;

/// <summary>
/// A CSV file does not hold a dataset as expected; says which file, at which line and field, and what is wrong,
/// e.g. "data.csv line 4, column 2 ('rooms'): 'abc' is not a number".
/// </summary>
public sealed class CsvException : InputException
{
    /// <summary>An error at a line (and a field of it, if <paramref name="column"/> is given) of the file <paramref name="path"/>.</summary>
    public CsvException(string path, int line, int? column, string problem, string? columnName = null)
        : this(path, line, column, columnName, problem, $"{path} line {line}{Where(column, columnName)}: {problem}") { }

    private CsvException(string path, int line, int? column, string? columnName, string problem, string message) : base(message)
    {
        Path = path;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Problem = problem;
    }

    /// <summary>The file, as it was named to the loader.</summary>
    public string Path { get; }

    /// <summary>The 1-based physical line of the file where the problem is (the header is line 1).</summary>
    public int Line { get; }

    /// <summary>The 1-based field number within the line, or null when the problem is not one field's.</summary>
    public int? Column { get; }

    /// <summary>The header's name for <see cref="Column"/>, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>What is wrong, without the file and position, e.g. "'abc' is not a number".</summary>
    public string Problem { get; }

    /// <summary>
    /// The feature column that turned out to hold text (its first value is not a number), or null: such a column is
    /// left out of the features, or one-hot encoded as a categorical column.
    /// </summary>
    public string? TextColumn { get; init; }

    /// <summary>With <see cref="TextColumn"/>: the other feature columns, which would be the features without it.</summary>
    public IReadOnlyList<string> OtherFeatures { get; init; } = [];

    /// <summary>An error about the whole file or its header, whose message is <paramref name="message"/> as it is.</summary>
    internal static CsvException OfFile(string path, int line, string problem, string message) => new(path, line, null, null, problem, message);

    /// <summary>
    /// Text from the file as it can appear in a one-line message: line breaks and other control characters escaped
    /// (<c>\n</c>, <c>\u0007</c>), and cut to <paramref name="limit"/> characters.
    /// </summary>
    internal static string Show(ReadOnlySpan<char> text, int limit = int.MaxValue)
    {
        var shown = new System.Text.StringBuilder();
        foreach (char c in text.Length > limit ? text[..limit] : text)
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return text.Length > limit ? shown.Append("...").ToString() : shown.ToString();
    }

    private static string Where(int? column, string? name) =>
        column is not { } c ? "" : name is null ? $", column {c}" : $", column {c} ('{Show(name)}')";
}
