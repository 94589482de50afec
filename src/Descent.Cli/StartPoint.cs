using System.Globalization;
using Descent.Expressions;
using Descent.Functions;

namespace Descent.Cli;

/// <summary>The <c>--from x=2,y=2</c> option: the start value of each variable, whose order is the parameter order.</summary>
internal sealed record StartPoint(IReadOnlyList<string> Variables, IReadOnlyList<double> Values)
{
    /// <summary>
    /// The start: <c>--from</c> if given, else a catalog function's default start. A catalog function's
    /// parameter order is its own, whatever the order of <c>--from</c>.
    /// </summary>
    public static StartPoint Resolve(string? from, Expression function, TestFunction? known)
    {
        if (from is null)
            return known is null
                ? throw new InputException("--from: give every variable's start value, e.g. --from x=2,y=2 (catalog functions such as rosenbrock have their own start)")
                : new StartPoint(known.Variables, known.Start);
        StartPoint given = Parse(from, function);
        if (known is null) return given;
        var values = given.Variables.Zip(given.Values).ToDictionary(p => p.First, p => p.Second);
        return new StartPoint(known.Variables, [.. known.Variables.Select(v => values[v])]);
    }

    public static StartPoint Parse(string text, Expression function)
    {
        var names = new List<string>();
        var values = new List<double>();
        // Sets, not list searches: a start point of n variables is checked in O(n).
        var given = new HashSet<string>();
        var variables = function.Variables.ToHashSet();
        foreach (string part in text.Split(','))
        {
            string item = part.Trim();
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new InputException($"--from: '{item}' is not name=value (e.g. --from x=2,y=2)");
            string name = item[..eq].Trim(), number = item[(eq + 1)..].Trim();
            if (!given.Add(name)) throw new InputException($"--from: '{name}' is given twice");
            if (!variables.Contains(name))
                throw new InputException($"--from: '{name}' is not a variable of the function (it has {Describe(function.Variables)})");
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new InputException($"--from: '{number}' is not a number (in {item})");
            names.Add(name);
            values.Add(value);
        }
        string[] missing = [.. function.Variables.Where(v => !given.Contains(v))];
        if (missing.Length > 0)
            throw new InputException($"--from: no start value for {string.Join(", ", missing.Select(m => $"'{m}'"))} (the function has {Describe(function.Variables)})");
        return new StartPoint(names, values);
    }

    private static string Describe(IReadOnlyList<string> variables) =>
        variables.Count == 0 ? "no variables" : $"variable{(variables.Count > 1 ? "s" : "")} {string.Join(", ", variables)}";
}
