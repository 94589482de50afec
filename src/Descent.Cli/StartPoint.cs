using System.Globalization;
using Descent.Data;
using Descent.Expressions;
using Descent.Functions;
using Descent.IO;

namespace Descent.Cli;

/// <summary>
/// The <c>--from x=2,y=2</c> option: the start value of each variable, whose order is the parameter order. A vector
/// variable takes <c>zeros(N)</c>, <c>ones(N)</c>, a list <c>[1, 2, 3]</c> or <c>@FILE</c> (a file of numbers), and
/// becomes its elements x[1], ..., x[N]; <c>--from @FILE</c> reads the whole option from a file.
/// </summary>
internal sealed record StartPoint(IReadOnlyList<string> Variables, IReadOnlyList<double> Values)
{
    /// <summary>The longest vector zeros(N) and ones(N) make.</summary>
    public const int MaxLength = 100_000_000;

    /// <summary>
    /// The start: <c>--from</c> if given, else a catalog function's default start. A catalog function's
    /// parameter order is its own, whatever the order of <c>--from</c>.
    /// </summary>
    public static StartPoint Resolve(string? from, Expression function, TestFunction? known)
    {
        if (from is null)
            return known is null
                ? throw new InputException(function.Vectors.Count > 0
                    ? $"--from: give every variable's start value, e.g. --from {function.Vectors[0]}=zeros(100) (or {function.Vectors[0]}=@start.csv, a file of numbers)"
                    : "--from: give every variable's start value, e.g. --from x=2,y=2 (catalog functions such as rosenbrock have their own start)")
                : new StartPoint(known.Variables, known.Start);
        StartPoint given = Parse(from, function);
        if (known is null) return given;
        var values = given.Variables.Zip(given.Values).ToDictionary(p => p.First, p => p.Second);
        return new StartPoint(known.Variables, [.. known.Variables.Select(v => values[v])]);
    }

    public static StartPoint Parse(string text, Expression function)
    {
        if (text.TrimStart().StartsWith('@')) text = InputFile.Read(text.Trim()[1..], stream => new StreamReader(stream).ReadToEnd());
        var names = new List<string>();
        var values = new List<double>();
        // Sets, not list searches: a start point of n variables is checked in O(n).
        var given = new HashSet<string>();
        var variables = function.Variables.ToHashSet();
        var vectors = function.Vectors.ToHashSet();
        foreach (string part in Items(text))
        {
            string item = part.Trim();
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new InputException($"--from: '{item}' is not name=value (e.g. --from x=2,y=2)");
            string name = item[..eq].Trim(), value = item[(eq + 1)..].Trim();
            if (!given.Add(name)) throw new InputException($"--from: '{name}' is given twice");
            if (!variables.Contains(name))
                throw new InputException($"--from: '{name}' is not a variable of the function (it has {Describe(function.Variables)})");
            if (vectors.Contains(name))
            {
                double[] elements = Vector(name, value);
                for (int k = 0; k < elements.Length; k++) names.Add(Expression.ElementName(name, k + 1));
                values.AddRange(elements);
                continue;
            }
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
                throw new InputException($"--from: '{value}' is not a number (in {item}){(value.StartsWith('@') || value.Contains('(') || value.StartsWith('[') ? $"; '{name}' is a scalar variable (only a variable used as {name}[...] is a vector)" : "")}");
            names.Add(name);
            values.Add(number);
        }
        string[] missing = [.. function.Variables.Where(v => !given.Contains(v))];
        if (missing.Length > 0)
            throw new InputException($"--from: no start value for {string.Join(", ", missing.Select(m => $"'{m}'"))} (the function has {Describe(function.Variables)})");
        return new StartPoint(names, values);
    }

    /// <summary>The items of the option: separated by commas (or lines, in a file), not inside a list's brackets.</summary>
    private static IEnumerable<string> Items(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ',';
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c is ',' or '\n' && depth <= 0)
            {
                if (text[start..i].Trim().Length > 0) yield return text[start..i];
                start = i + 1;
            }
        }
    }

    /// <summary>A vector's start: zeros(N), ones(N), [a, b, ...] or @FILE.</summary>
    private static double[] Vector(string name, string value)
    {
        if (value.StartsWith('@')) return NumberFile.Read(value[1..]);
        if (value.StartsWith('[') && value.EndsWith(']')) return NumberFile.Parse(value[1..^1], $"--from {name}=[...]");
        foreach (var (function, fill) in new[] { ("zeros", 0.0), ("ones", 1.0) })
            if (value.StartsWith(function + "(", StringComparison.Ordinal) && value.EndsWith(')'))
            {
                string count = value[(function.Length + 1)..^1].Trim();
                if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > MaxLength)
                    throw new InputException($"--from: {name}={value}: the length '{count}' is not a whole number from 1 to {MaxLength.ToString("N0", CultureInfo.InvariantCulture)}");
                return Enumerable.Repeat(fill, n).ToArray();
            }
        throw new InputException($"--from: '{name}' is a vector: give its start as {name}=zeros(N), {name}=ones(N), {name}=[1, 2, 3] or {name}=@FILE (a file of numbers), not '{value}'");
    }

    private static string Describe(IReadOnlyList<string> variables) =>
        variables.Count == 0 ? "no variables" : $"variable{(variables.Count > 1 ? "s" : "")} {string.Join(", ", variables)}";
}
