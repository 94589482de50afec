using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Data;

/// <summary>
/// Reads a <see cref="Dataset{T}"/> from CSV: a header row of column names, then one sample per row, fields
/// separated by ',' and optionally quoted as in RFC 4180. Numbers are read in the invariant culture
/// (e.g. <c>-1.5e3</c>); blank lines are skipped; columns that are neither features nor targets are ignored.
/// </summary>
public static class CsvDataset
{
    /// <summary>
    /// Loads the CSV file at <paramref name="path"/>: the columns named in <paramref name="targets"/> become the
    /// targets, and those in <paramref name="features"/> (in that order; by default every other column, in file
    /// order) the features.
    /// </summary>
    /// <exception cref="CsvException">The file's content is not such a dataset; the message names the line and field.</exception>
    /// <exception cref="InputException">The file cannot be read, or the column selection is invalid.</exception>
    public static Dataset<T> Load<T>(string path, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Parse<T>(reader, path, targets, features);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"cannot read '{path}': file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{path}': {(Directory.Exists(path) ? "it is a directory" : "permission denied")}");
        }
        catch (IOException e)
        {
            throw new InputException($"cannot read '{path}': {e.Message}");
        }
    }

    /// <summary>
    /// Reads CSV text from <paramref name="reader"/> as <see cref="Load{T}"/> does; <paramref name="path"/> only
    /// names the source in error messages.
    /// </summary>
    /// <exception cref="CsvException">The text is not such a dataset; the message names the line and field.</exception>
    /// <exception cref="InputException">The column selection is invalid (no target, a column named twice).</exception>
    public static Dataset<T> Parse<T>(TextReader reader, string path, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(targets);
        string[] targetNames = [.. targets.Select(t => t.Trim())];
        string[]? featureNames = features is null ? null : [.. features.Select(f => f.Trim())];
        CheckSelection(path, targetNames, featureNames);

        var csv = new CsvReader(reader, path);
        if (!csv.Read())
            throw CsvException.OfFile(path, 1, "the file is empty", $"{path} is empty: expected a header row of column names");
        string[] header = ReadHeader(csv, path);
        int firstDataLine = csv.NextLine;
        int[] targetColumns = [.. targetNames.Select(name => Find(header, name, path, csv.Line))];
        int[] featureColumns = featureNames is null
            ? [.. Enumerable.Range(0, header.Length).Except(targetColumns)]
            : [.. featureNames.Select(name => Find(header, name, path, csv.Line))];

        var x = new List<T>();
        var y = new List<T>();
        int rows = 0;
        while (csv.Read())
        {
            if (csv.Count != header.Length)
                throw new CsvException(path, csv.Line, null, $"expected {header.Length} fields, found {csv.Count}");
            foreach (int column in featureColumns) x.Add(Value<T>(csv, column, header, path));
            foreach (int column in targetColumns) y.Add(Value<T>(csv, column, header, path));
            rows++;
        }
        if (rows == 0) throw CsvException.OfFile(path, firstDataLine, "no data rows", $"{path} has no data rows");

        return new Dataset<T>(
            Tensor<T>.FromArray(CollectionsMarshal.AsSpan(x), rows, featureColumns.Length),
            Tensor<T>.FromArray(CollectionsMarshal.AsSpan(y), rows, targetColumns.Length),
            [.. featureColumns.Select(c => header[c])],
            [.. targetColumns.Select(c => header[c])]);
    }

    /// <summary>At least one target; no column named twice, or as both a target and a feature.</summary>
    private static void CheckSelection(string path, string[] targets, string[]? features)
    {
        if (targets.Length == 0) throw new InputException($"no target column given for {path}: name at least one");
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, role) in targets.Select(t => (t, "a target")).Concat((features ?? []).Select(f => (f, "a feature"))))
        {
            if (seen.TryGetValue(name, out string? earlier))
                throw new InputException(earlier == role
                    ? $"column '{name}' of {path} is named twice as {role}"
                    : $"column '{name}' of {path} is named both as a target and as a feature");
            seen[name] = role;
        }
    }

    /// <summary>The trimmed column names of the current record, which must be non-empty and distinct.</summary>
    private static string[] ReadHeader(CsvReader csv, string path)
    {
        var names = new string[csv.Count];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = csv[i].Trim().ToString();
            if (names[i].Length == 0)
                throw new CsvException(path, csv.FieldLine(i), i + 1, "empty column name (the header row must name every column)");
            if (!columns.TryAdd(names[i], i + 1))
                throw new CsvException(path, csv.FieldLine(i), i + 1, $"duplicate column name '{CsvException.Show(names[i])}' (also column {columns[names[i]]})");
        }
        return names;
    }

    /// <summary>The index of column <paramref name="name"/> in <paramref name="header"/>.</summary>
    private static int Find(string[] header, string name, string path, int headerLine)
    {
        int index = Array.IndexOf(header, name);
        if (index >= 0) return index;
        string? guess = Spelling.Closest(name, header);
        string problem = $"unknown column '{CsvException.Show(name)}'";
        throw CsvException.OfFile(path, headerLine, problem,
            $"{problem} in {path}{(guess is null ? "" : $"; did you mean '{CsvException.Show(guess)}'?")} (columns: {string.Join(", ", header.Select(h => CsvException.Show(h)))})");
    }

    /// <summary>Field <paramref name="column"/> of the current record as a finite number.</summary>
    private static T Value<T>(CsvReader csv, int column, string[] header, string path)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<char> text = csv[column];
        // .NET's parser skips trailing NUL characters; a cell holding one is not a number.
        double number = double.NaN;
        bool parsed = !text.Contains('\0') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        if (parsed && double.IsFinite(number))
        {
            T value = T.CreateChecked(number);
            if (T.IsFinite(value)) return value;
        }
        string shown = $"'{CsvException.Show(text.Trim(), 40)}'";
        string problem =
            text.IsWhiteSpace() ? "missing value"
            : parsed && double.IsFinite(number) ? $"{shown} is out of range for {(typeof(T) == typeof(float) ? "float32" : typeof(T).Name)}"
            // NumPy's savetxt writes infinity as "inf", which .NET does not read.
            : parsed || text.Trim().TrimStart("+-").Equals("inf", StringComparison.OrdinalIgnoreCase) ? $"{shown} is not a finite number"
            : $"{shown} is not a number";
        throw new CsvException(path, csv.FieldLine(column), column + 1, problem, header[column]);
    }
}
