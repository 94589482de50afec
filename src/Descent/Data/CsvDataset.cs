using System.Globalization;
using System.Numerics;
using System.Text;
using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Data;

/// <summary>
/// Loads a dataset from a CSV file: a header row of column names, then one sample per row, numbers
/// in invariant culture (RFC 4180 quoting allowed). Every problem is reported with its line and column.
/// </summary>
public static class CsvDataset
{
    /// <summary>Loads <paramref name="path"/>, predicting the <paramref name="targets"/> columns from the <paramref name="features"/> columns (default: all the others).</summary>
    /// <exception cref="CsvException">The file is empty, ragged, or holds a missing or non-numeric value, or names are wrong.</exception>
    /// <exception cref="InputException">The file cannot be read.</exception>
    public static Dataset<T> Load<T>(string path, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string name = System.IO.Path.GetFileName(path);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Parse<T>(reader, name, targets, features);
        }
        catch (FileNotFoundException) { throw new InputException($"cannot read '{path}': file not found"); }
        catch (DirectoryNotFoundException) { throw new InputException($"cannot read '{path}': directory not found"); }
        catch (UnauthorizedAccessException) { throw new InputException($"cannot read '{path}': permission denied"); }
        catch (IOException e) { throw new InputException($"cannot read '{path}': {e.Message}"); }
    }

    /// <summary>The same as <see cref="Load{T}"/> for text already open; <paramref name="name"/> names it in messages.</summary>
    public static Dataset<T> Parse<T>(TextReader reader, string name, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (targets.Count == 0) throw new InputException("at least one target column is needed");
        int lineNumber = 0;
        string[]? header = null;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (line.Trim().Length == 0) continue;
            header = [.. Fields(line, name, lineNumber).Select(h => h.Trim())];
            break;
        }
        if (header is null) throw new CsvException(name, Math.Max(lineNumber, 1), null, $"{name} is empty: expected a header row of column names");
        int headerLine = lineNumber;
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0) throw new CsvException(name, headerLine, i + 1, $"{name} line {headerLine}, column {i + 1}: the column has no name");
            if (Array.IndexOf(header, header[i]) < i) throw new CsvException(name, headerLine, i + 1, $"{name} line {headerLine}, column {i + 1}: the column name '{header[i]}' appears twice");
        }

        int[] targetColumns = [.. targets.Select(t => ColumnOf(t, header, name, headerLine))];
        int[] featureColumns = features is null
            ? [.. Enumerable.Range(0, header.Length).Where(i => !targetColumns.Contains(i))]
            : [.. features.Select(f => ColumnOf(f, header, name, headerLine))];
        foreach (int c in featureColumns)
            if (targetColumns.Contains(c)) throw new InputException($"the column '{header[c]}' of {name} cannot be both a feature and a target");
        if (featureColumns.Length == 0) throw new InputException($"{name} has no feature columns besides the target(s)");
        if (featureColumns.Distinct().Count() != featureColumns.Length || targetColumns.Distinct().Count() != targetColumns.Length)
            throw new InputException($"a column of {name} is named twice in --features or --target");

        var featureValues = new List<T>();
        var targetValues = new List<T>();
        int rows = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            string[] fields = Fields(line, name, lineNumber);
            if (fields.Length != header.Length)
                throw new CsvException(name, lineNumber, null, $"{name} line {lineNumber}: expected {header.Length} fields, found {fields.Length}");
            foreach (int c in featureColumns) featureValues.Add(Number<T>(fields[c], name, lineNumber, c, header[c]));
            foreach (int c in targetColumns) targetValues.Add(Number<T>(fields[c], name, lineNumber, c, header[c]));
            rows++;
        }
        if (rows == 0) throw new CsvException(name, lineNumber, null, $"{name} has no data rows");
        return new Dataset<T>(
            Tensor<T>.FromArray(featureValues.ToArray(), rows, featureColumns.Length),
            Tensor<T>.FromArray(targetValues.ToArray(), rows, targetColumns.Length),
            [.. featureColumns.Select(c => header[c])], [.. targetColumns.Select(c => header[c])]);
    }

    private static int ColumnOf(string column, string[] header, string name, int line)
    {
        int index = Array.IndexOf(header, column.Trim());
        if (index >= 0) return index;
        string? guess = Spelling.Closest(column, header);
        throw new CsvException(name, line, null,
            $"unknown column '{column}' in {name}" + (guess is null ? "" : $"; did you mean '{guess}'?") + $" (columns: {string.Join(", ", header)})");
    }

    private static T Number<T>(string field, string name, int line, int column, string columnName) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string text = field.Trim();
        string where = $"{name} line {line}, column {column + 1} ('{columnName}')";
        if (text.Length == 0) throw new CsvException(name, line, column + 1, $"{where}: missing value");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new CsvException(name, line, column + 1, $"{where}: '{text}' is not a number");
        if (!double.IsFinite(value)) throw new CsvException(name, line, column + 1, $"{where}: '{text}' is not a finite number");
        return T.CreateChecked(value);
    }

    /// <summary>The fields of one line, splitting at commas outside double quotes ("" inside quotes is a quote).</summary>
    private static string[] Fields(string line, string name, int lineNumber)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"' && current.ToString().Trim().Length == 0) { current.Clear(); quoted = true; }
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        if (quoted) throw new CsvException(name, lineNumber, fields.Count + 1, $"{name} line {lineNumber}, column {fields.Count + 1}: unterminated quoted field");
        fields.Add(current.ToString());
        return [.. fields];
    }
}
