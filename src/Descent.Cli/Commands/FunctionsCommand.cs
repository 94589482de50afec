using System.CommandLine;
using System.Globalization;
using Descent.Functions;
using Descent.Specs;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent functions [NAME]</c>: every test function with its dimension, minima and formula, or one in full.</summary>
internal static class FunctionsCommand
{
    // Beyond this many characters a formula (an n-dimensional one with large n) is shown cut, with its length.
    private const int LongestFormula = 2000;

    public static Command Create(Terminal terminal)
    {
        var name = new Argument<string?>("name")
        {
            Description = "Show this function in full, e.g. himmelblau or \"rastrigin(n=3)\".",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("functions", "List the test functions with known minima (use one by name in 'descent minimize').") { name };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(name) is { } one)
            {
                TestFunction function = Cli.Parsing("the function", () => FunctionCatalog.Parse(one));
                Show(terminal.Console, FunctionCatalog.Find(function.Name), function);
            }
            else List(terminal.Console);
            return 0;
        });
        return command;
    }

    private static bool TakesN(TestFunction f) => f.Hyperparameters().Any(h => h.Name == "n");

    private static void List(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("function").AddColumn(new TableColumn("variables").RightAligned())
            .AddColumn(new TableColumn("global minima").RightAligned()).AddColumn(new TableColumn("f*").RightAligned()).AddColumn("formula");
        foreach (CatalogEntry<TestFunction> e in FunctionCatalog.All)
        {
            TestFunction f = e.Defaults;
            table.AddRow(
                new Markup($"[bold]{e.Name}[/]"),
                new Text(TakesN(f) ? "n" : f.Dimension.ToString(CultureInfo.InvariantCulture)),
                new Text(f.GlobalMinima.Count.ToString(CultureInfo.InvariantCulture)),
                new Text(Short(f.MinimumValue)),
                new Text(f.Formula));
        }
        console.Write(table);
        console.MarkupLine("n: any number of variables, e.g. [bold]rastrigin(n=10)[/] (default 2; the table shows n = 2).");
        console.MarkupLine("[bold]descent functions NAME[/] shows one in full; [bold]descent minimize NAME[/] minimizes it from its start (or [bold]--from[/]).");
    }

    private static void Show(IAnsiConsole console, CatalogEntry<TestFunction> entry, TestFunction f)
    {
        console.MarkupLine($"[bold]{Markup.Escape(entry.Name)}[/]: {Markup.Escape(entry.Summary)}");
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2)).AddColumn();
        grid.AddRow("spec", Markup.Escape(f.ToString()));
        foreach (var (key, value, description) in f.Hyperparameters())
            grid.AddRow(key, Markup.Escape($"{SpecFormat.Value(value)}   ({description}; default {SpecFormat.Value(entry.Defaults.Hyperparameters().First(h => h.Name == key).Value)})"));
        grid.AddRow("variables", Markup.Escape(Names(f.Variables)));
        grid.AddRow("formula", Markup.Escape(f.Formula.Length <= LongestFormula
            ? f.Formula
            : $"{f.Formula[..LongestFormula]}... ({f.Formula.Length} characters)"));
        grid.AddRow("domain", Markup.Escape(Domain(f)));
        string minima = f.GlobalMinima.Count == 1 ? "global minimum" : $"{f.GlobalMinima.Count} global minima";
        grid.AddRow(minima, Markup.Escape(string.Join(Environment.NewLine, f.GlobalMinima.Select(m => $"f{Point(m.Point)} = {Number(m.Value)}"))));
        grid.AddRow(f.Starts.Count == 1 ? "start" : "starts", Markup.Escape(string.Join(", ", f.Starts.Select(Point)) + (f.Starts.Count > 1 ? "   (the first is the default)" : "")));
        if (f.Note is { } note) grid.AddRow("note", Markup.Escape(note));
        console.Write(grid);
        string spec = f.ToSpec() == f.Name ? entry.Name : f.ToSpec().Replace(f.Name + "(", entry.Name + "(", StringComparison.Ordinal);
        string quoted = spec.Contains('(', StringComparison.Ordinal) ? $"\"{spec}\"" : spec;
        console.MarkupLine($"example: [bold]{Markup.Escape($"descent minimize {quoted} --optimizers \"sgd(lr=0.001); adam(lr=0.05)\" --steps 1000 --tol 1e-6 --explain")}[/]");
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : $"{names[0]}, {names[1]}, {names[2]}, ..., {names[^1]}";

    private static string Domain(TestFunction f)
    {
        string Interval(Interval d) => $"[{Number(d.Low)}, {Number(d.High)}]";
        if (f.Dimension > 1 && f.Domain.Distinct().Count() == 1) return $"{Interval(f.Domain[0])} for each variable";
        return string.Join(", ", f.Variables.Select((v, i) => $"{v} in {Interval(f.Domain[i])}"));
    }

    // A point in full when short; a long one as its first and last coordinates, a constant one as (v, ..., v).
    private static string Point(IReadOnlyList<double> p) => p.Count switch
    {
        <= 6 => $"({string.Join(", ", p.Select(Number))})",
        _ when p.Distinct().Count() == 1 => $"({Number(p[0])}, ..., {Number(p[0])})",
        _ => $"({Number(p[0])}, {Number(p[1])}, {Number(p[2])}, ..., {Number(p[^1])})",
    };

    private static string Number(double value) => SpecFormat.Number(value);

    private static string Short(double value) => SpecFormat.Significant(value, 6);
}
