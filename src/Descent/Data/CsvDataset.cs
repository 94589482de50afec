using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Descent.IO;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Data;

/// <summary>
/// Reads a <see cref="Dataset{T}"/> from CSV: a header row of column names, then one sample per row, fields
/// separated by ',' (or ';' or a tab, detected from the header, or a given delimiter) and optionally quoted as in
/// RFC 4180. Numbers are read in the invariant culture (e.g. <c>-1.5e3</c>); blank lines are skipped; columns that are
/// neither features nor targets are ignored; categorical columns are one-hot encoded (<see cref="FeatureColumn"/>).
/// </summary>
public static class CsvDataset
{
    /// <summary>
    /// Loads the CSV file at <paramref name="path"/>: the columns named in <paramref name="targets"/> become the
    /// targets, and those in <paramref name="features"/> (in that order; by default every other column, in file
    /// order) the features, each of the <paramref name="categorical"/> ones one-hot encoded over its values (sorted).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="targets">The columns to predict.</param>
    /// <param name="features">The input columns, or null for all but the targets.</param>
    /// <param name="categorical">Input columns holding categories (text or numbers) rather than quantities, or null for none.</param>
    /// <param name="delimiter">The field separator, or null to detect ',', ';' or tab from the header.</param>
    /// <exception cref="CsvException">The file's content is not such a dataset; the message names the line and field.</exception>
    /// <exception cref="InputException">The file cannot be read, or the column selection is invalid.</exception>
    public static Dataset<T> Load<T>(string path, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null,
        IReadOnlyList<string>? categorical = null, char? delimiter = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        return Reading(path, reader => Parse<T>(reader, path, targets, features, categorical, delimiter));
    }

    /// <summary>
    /// Reads CSV text from <paramref name="reader"/> as <see cref="Load{T}"/> does; <paramref name="path"/> only
    /// names the source in error messages.
    /// </summary>
    /// <exception cref="CsvException">The text is not such a dataset; the message names the line and field.</exception>
    /// <exception cref="InputException">The column selection is invalid (no target, a column named twice).</exception>
    public static Dataset<T> Parse<T>(TextReader reader, string path, IReadOnlyList<string> targets, IReadOnlyList<string>? features = null,
        IReadOnlyList<string>? categorical = null, char? delimiter = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(targets);
        string[] targetNames = [.. targets.Select(t => t.Trim())];
        string[]? featureNames = features is null ? null : [.. features.Select(f => f.Trim())];
        string[] categoricalNames = [.. (categorical ?? []).Select(c => c.Trim())];
        CheckSelection(path, targetNames, featureNames);

        var csv = new CsvReader(reader, path, CheckDelimiter(delimiter));
        if (!csv.Read())
            throw CsvException.OfFile(path, 1, "the file is empty", $"{path} is empty: expected a header row of column names");
        string[] header = ReadHeader(csv, path);
        int[] targetColumns = [.. targetNames.Select(name => Find(header, name, path, csv.Line))];
        int[] featureColumns = featureNames is null
            ? [.. Enumerable.Range(0, header.Length).Except(targetColumns)]
            : [.. featureNames.Select(name => Find(header, name, path, csv.Line))];
        var categories = new Dictionary<int, IReadOnlyList<string>?>();
        foreach (string name in categoricalNames)
        {
            int column = Find(header, name, path, csv.Line);
            if (targetColumns.Contains(column))
                throw new InputException($"column '{CsvException.Show(name)}' of {path} is a target; only features can be categorical");
            if (!featureColumns.Contains(column))
                throw new InputException($"column '{CsvException.Show(name)}' of {path} is categorical but not among the features ({string.Join(", ", featureColumns.Select(c => CsvException.Show(header[c])))})");
            if (!categories.TryAdd(column, null)) throw new InputException($"column '{CsvException.Show(name)}' of {path} is named twice as categorical");
        }
        return ReadRows<T>(csv, path, header, featureColumns, categories, targetColumns);
    }

    /// <summary>
    /// Reads the features a model was trained on from the CSV file at <paramref name="path"/>: the columns named by
    /// <paramref name="columns"/>, wherever they are in the file (other columns, targets among them, are ignored), each
    /// categorical one encoded over its categories as they were in training.
    /// </summary>
    /// <returns>The features, one row per sample: [rows, features].</returns>
    /// <exception cref="CsvException">A column is missing, a value is not a number, or a category was not seen in training.</exception>
    /// <exception cref="InputException">The file cannot be read.</exception>
    public static Tensor<T> LoadFeatures<T>(string path, IReadOnlyList<FeatureColumn> columns, char? delimiter = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        return Reading(path, reader => ParseFeatures<T>(reader, path, columns, delimiter));
    }

    /// <summary>Reads features from CSV text as <see cref="LoadFeatures{T}"/> does; <paramref name="path"/> only names the source in errors.</summary>
    /// <exception cref="CsvException">A column is missing, a value is not a number, or a category was not seen in training.</exception>
    public static Tensor<T> ParseFeatures<T>(TextReader reader, string path, IReadOnlyList<FeatureColumn> columns, char? delimiter = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        var csv = new CsvReader(reader, path, CheckDelimiter(delimiter));
        if (!csv.Read())
            throw CsvException.OfFile(path, 1, "the file is empty", $"{path} is empty: expected a header row of column names");
        string[] header = ReadHeader(csv, path);
        var featureColumns = new int[columns.Count];
        var categories = new Dictionary<int, IReadOnlyList<string>?>();
        for (int i = 0; i < columns.Count; i++)
        {
            int index = Array.IndexOf(header, columns[i].Name);
            if (index < 0)
            {
                string problem = $"no column '{CsvException.Show(columns[i].Name)}'";
                throw CsvException.OfFile(path, csv.Line, problem, $"{path} has {problem}, which the model reads (it reads " +
                    $"{string.Join(", ", columns.Select(c => CsvException.Show(c.Name)))}; the file has {string.Join(", ", header.Select(h => CsvException.Show(h)))})");
            }
            featureColumns[i] = index;
            if (columns[i].Categories is { } known) categories[index] = known;
        }
        return ReadRows<T>(csv, path, header, featureColumns, categories, []).Features;
    }

    /// <summary>Runs <paramref name="parse"/> on the file at <paramref name="path"/> as UTF-8 (or as its byte-order mark says).</summary>
    private static TResult Reading<TResult>(string path, Func<TextReader, TResult> parse) =>
        InputFile.Read(path, stream =>
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return parse(reader);
        });

    /// <summary>A delimiter a CSV reader can use: anything but a quote or a line break.</summary>
    private static char? CheckDelimiter(char? delimiter) => delimiter is '"' or '\r' or '\n'
        ? throw new InputException($"the delimiter cannot be {(delimiter == '"' ? "'\"' (it quotes fields)" : "a line break")}")
        : delimiter;

    /// <summary>
    /// Reads every data row: the feature columns (each categorical one, a key of <paramref name="categories"/>, encoded
    /// over its known categories, or over its values sorted when they are null) then the target columns.
    /// </summary>
    private static Dataset<T> ReadRows<T>(CsvReader csv, string path, string[] header, int[] featureColumns,
        Dictionary<int, IReadOnlyList<string>?> categories, int[] targetColumns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int firstDataLine = csv.NextLine;
        // Categories are numbered as they are met (or as training listed them) and put in order once all are known.
        var codes = categories.ToDictionary(c => c.Key, c => c.Value is { } known
            ? known.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal)
            : new Dictionary<string, int>(StringComparer.Ordinal));
        var x = new List<T>();
        var y = new List<T>();
        var rowCodes = new List<int>();
        int rows = 0;
        while (csv.Read())
        {
            if (csv.Count != header.Length)
                throw new CsvException(path, csv.Line, null, $"expected {header.Length} fields, found {csv.Count}");
            foreach (int column in featureColumns)
            {
                if (codes.TryGetValue(column, out var known)) rowCodes.Add(Category(csv, column, header, path, known, categories[column] is null));
                else x.Add(Value<T>(csv, column, header, path, rows == 0 ? featureColumns : null));
            }
            foreach (int column in targetColumns) y.Add(Value<T>(csv, column, header, path, null));
            rows++;
        }
        if (rows == 0) throw CsvException.OfFile(path, firstDataLine, "no data rows", $"{path} has no data rows");

        var columns = featureColumns.Select(c => new FeatureColumn(header[c], !codes.TryGetValue(c, out var names) ? null
            : categories[c] ?? [.. names.Keys.Order(StringComparer.Ordinal)])).ToArray();
        int width = columns.Sum(c => c.Width);
        Tensor<T> features = codes.Count == 0
            ? Tensor<T>.FromArray(CollectionsMarshal.AsSpan(x), rows, width)
            : OneHot(CollectionsMarshal.AsSpan(x), CollectionsMarshal.AsSpan(rowCodes), rows, featureColumns, columns, codes);
        return new Dataset<T>(features, Tensor<T>.FromArray(CollectionsMarshal.AsSpan(y), rows, targetColumns.Length),
            [.. columns.SelectMany(c => c.FeatureNames)], [.. targetColumns.Select(c => header[c])])
        { Columns = columns };
    }

    /// <summary>The feature matrix from the numeric values and the category codes, row by row, each categorical column as its one-hot block.</summary>
    private static Tensor<T> OneHot<T>(ReadOnlySpan<T> numbers, ReadOnlySpan<int> rowCodes, int rows, int[] featureColumns,
        FeatureColumn[] columns, Dictionary<int, Dictionary<string, int>> codes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Codes were given in the order values were met; the features are in the columns' category order.
        var position = featureColumns.Select((c, i) =>
        {
            if (!codes.TryGetValue(c, out var met)) return null;
            var order = columns[i].Categories!.Select((name, k) => (name, k)).ToDictionary(p => p.name, p => p.k, StringComparer.Ordinal);
            return met.OrderBy(p => p.Value).Select(p => order[p.Key]).ToArray();
        }).ToArray();
        int width = columns.Sum(c => c.Width), numeric = 0, coded = 0;
        var features = Tensor<T>.Zeros(rows, width);
        Span<T> data = features.Data;
        for (int r = 0; r < rows; r++)
        {
            int offset = r * width;
            for (int i = 0; i < columns.Length; i++)
            {
                if (position[i] is { } at) data[offset + at[rowCodes[coded++]]] = T.One;
                else data[offset] = numbers[numeric++];
                offset += columns[i].Width;
            }
        }
        return features;
    }

    /// <summary>The code of field <paramref name="column"/>'s category, a new one if <paramref name="open"/>.</summary>
    private static int Category(CsvReader csv, int column, string[] header, string path, Dictionary<string, int> codes, bool open)
    {
        ReadOnlySpan<char> text = csv[column].Trim();
        if (text.IsEmpty) throw new CsvException(path, csv.FieldLine(column), column + 1, "missing value", header[column]);
        var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out int code)) return code;
        if (!open)
        {
            string known = string.Join(", ", codes.Keys.Take(10).Select(k => CsvException.Show(k)));
            throw new CsvException(path, csv.FieldLine(column), column + 1,
                $"'{CsvException.Show(text, 40)}' is not a category the model was trained on ({known}{(codes.Count > 10 ? ", ..." : "")})", header[column]);
        }
        lookup[text] = codes.Count;
        return codes.Count - 1;
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

    /// <summary>
    /// Field <paramref name="column"/> of the current record as a finite number. On the first data row
    /// <paramref name="features"/> lists the feature columns, so that text there is told as a text column.
    /// </summary>
    private static T Value<T>(CsvReader csv, int column, string[] header, string path, int[]? features)
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
        bool infinity = text.Trim().TrimStart("+-").Equals("inf", StringComparison.OrdinalIgnoreCase);
        bool decimalComma = !parsed && text.Contains(',') && double.TryParse(text.ToString().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        bool isText = !parsed && !infinity && !decimalComma && !text.IsWhiteSpace() && features is not null && features.Contains(column);
        string problem =
            text.IsWhiteSpace() ? "missing value"
            : parsed && double.IsFinite(number) ? $"{shown} is out of range for {(typeof(T) == typeof(float) ? "float32" : typeof(T).Name)}"
            // NumPy's savetxt writes infinity as "inf", which .NET does not read.
            : parsed || infinity ? $"{shown} is not a finite number"
            : decimalComma ? $"{shown} is not a number (the decimal point must be '.')"
            : isText ? $"{shown} is not a number (column '{CsvException.Show(header[column])}' holds text)"
            : $"{shown} is not a number";
        throw new CsvException(path, csv.FieldLine(column), column + 1, problem, header[column])
        {
            TextColumn = isText ? header[column] : null,
            OtherFeatures = isText ? [.. features!.Where(c => c != column).Select(c => header[c])] : [],
        };
    }
}
