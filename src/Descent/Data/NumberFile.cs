using System.Globalization;
using Descent.IO;

namespace Descent.Data;

/// <summary>
/// A file of numbers, such as a start point for a vector variable: numbers separated by commas, semicolons or white space,
/// on as many lines as wanted (one a line, or rows of CSV); blank lines are skipped.
/// </summary>
public static class NumberFile
{
    /// <summary>The numbers of the file at <paramref name="path"/>, in order.</summary>
    /// <exception cref="CsvException">A cell is not a finite number; it names the line and column (the cell's number in its line).</exception>
    /// <exception cref="InputException">The file cannot be read, or holds no number.</exception>
    public static double[] Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = InputFile.Read(path, stream => new StreamReader(stream).ReadToEnd());
        return Parse(text, path);
    }

    /// <summary>The numbers of <paramref name="text"/>, read as the file <paramref name="path"/> (named in errors).</summary>
    /// <exception cref="CsvException">A cell is not a finite number.</exception>
    /// <exception cref="InputException">The text holds no number.</exception>
    public static double[] Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var numbers = new List<double>();
        string[] lines = text.Split('\n');
        for (int line = 0; line < lines.Length; line++)
        {
            string row = lines[line].Trim();
            if (row.Length == 0) continue;
            // A row of CSV has its cells between separators (an empty one is missing); otherwise white space separates them.
            string[] cells = row.IndexOfAny([',', ';']) >= 0
                ? [.. row.Split([',', ';']).Select(c => c.Trim())]
                : row.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            for (int column = 0; column < cells.Length; column++)
            {
                if (cells[column].Length == 0) throw new CsvException(path, line + 1, column + 1, "missing value");
                if (!double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    throw new CsvException(path, line + 1, column + 1, $"'{CsvException.Show(cells[column])}' is not a finite number");
                numbers.Add(value);
            }
        }
        return numbers.Count > 0 ? [.. numbers] : throw new InputException($"{path} holds no numbers");
    }
}
