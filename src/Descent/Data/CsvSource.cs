namespace Descent.Data;

/// <summary>Samples read from a CSV file with a header row of column names (<see cref="CsvDataset"/>).</summary>
/// <param name="Path">The file.</param>
/// <param name="Targets">The columns to predict.</param>
/// <param name="Features">The input columns, or null for all but the targets.</param>
public sealed record CsvSource(string Path, IReadOnlyList<string> Targets, IReadOnlyList<string>? Features = null) : DataSource
{
    /// <summary>Input columns to one-hot encode (categories rather than quantities), or null for none.</summary>
    public IReadOnlyList<string>? Categorical { get; init; }

    /// <summary>The field separator, or null to detect ',', ';' or tab from the header.</summary>
    public char? Delimiter { get; init; }

    /// <inheritdoc/>
    public override (Dataset<T> Data, string Description) Load<T>(TorchGenerator random)
    {
        Dataset<T> data = CsvDataset.Load<T>(Path, Targets, Features, Categorical, Delimiter);
        // Column names come from the file: shown with control characters escaped, never raw on a terminal.
        string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => CsvException.Show(n)));
        return (data, $"{CsvException.Show(System.IO.Path.GetFileName(Path))} ({Names(data.Columns.Select(c => c.Name))} -> {Names(data.TargetNames)})");
    }
}
