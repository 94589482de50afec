namespace Descent.Data;

/// <summary>A CSV file cannot be used as data; the message names the file, the line and, where it applies, the column.</summary>
public sealed class CsvException(string path, int line, int? column, string message) : InputException(message)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The 1-based line of the problem (the header is line 1).</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based field number of the problem, or null when it concerns a whole line or file.</summary>
    public int? Column { get; } = column;
}
