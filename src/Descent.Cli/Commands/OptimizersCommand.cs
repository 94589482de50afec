using System.CommandLine;
using Descent.Optimizers;
using Descent.Specs;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent optimizers [NAME]</c>: every optimizer with its hyperparameters, or one in full with its update rule.</summary>
internal static class OptimizersCommand
{
    public static Command Create(Terminal terminal)
    {
        var name = new Argument<string?>("name") { Description = "Show this optimizer in full, e.g. adam.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("optimizers", "List the optimizers (PyTorch 1.13 semantics) with their hyperparameters and defaults.") { name };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(name) is { } one) Show(terminal.Console, OptimizerCatalog.Find(one));
            else List(terminal.Console);
            return 0;
        });
        return command;
    }

    private static void List(IAnsiConsole console)
    {
        // Grouped by the implementation each one matches step for step: PyTorch's first, then the others.
        foreach (var group in OptimizerCatalog.All.GroupBy(o => o.Defaults.Reference))
        {
            console.MarkupLine($"[bold]Exact against {Markup.Escape(group.Key)}[/]");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("optimizer", "what it does");
            foreach (CatalogEntry<OptimizerOptions> o in group) table.AddRow(new Markup($"[bold]{o.Name}[/]"), new Text(o.Summary));
            console.Write(table);
        }
        console.MarkupLine("Use one with [bold]--optimizer \"name(key=value, ...)\"[/]; [bold]descent optimizers NAME[/] shows its hyperparameters, defaults and update rule.");
    }

    private static void Show(IAnsiConsole console, CatalogEntry<OptimizerOptions> o)
    {
        console.MarkupLine($"[bold]{o.Name}[/]: {Markup.Escape(o.Summary)}");
        console.MarkupLine($"[grey]Matches {Markup.Escape(o.Defaults.Reference)} step for step: its hyperparameters, defaults, validation and update order.[/]");
        if (o.Defaults.Paper is { } paper) console.MarkupLine($"paper: {Markup.Escape(paper)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("hyperparameter", "default", "meaning");
        foreach (var (key, value, description) in o.Defaults.Hyperparameters())
            table.AddRow(key, Default(key, value, o.Defaults), description);
        console.Write(table);
        if (o.Defaults.RequiresClosure)
            console.MarkupLine("[grey]Each step needs a closure: it re-evaluates the loss and its gradient several times per step.[/]");
        console.MarkupLine("[bold]update rule[/] (for each parameter p with gradient grad, each step):");
        console.Write(new Panel(new Text(o.Defaults.UpdateRule.TrimEnd())).Border(BoxBorder.Rounded));
        console.MarkupLine($"example: [bold]{Markup.Escape($"descent minimize \"(1 - x)^2 + 100*(y - x^2)^2\" --from x=-1,y=1 --optimizer \"{Example(o)}\"")}[/]");
    }

    private static string Default(string key, object? value, OptimizerOptions defaults) =>
        key == "lr" && double.IsNaN(defaults.Lr) ? "required" : SpecFormat.Value(value);

    // The defaults as a spec that runs: SGD's lr has no default, so it gets one; the rest print as they parse.
    private static string Example(CatalogEntry<OptimizerOptions> o) =>
        (double.IsNaN(o.Defaults.Lr) ? o.Defaults with { Lr = 0.001 } : o.Defaults).ToSpec().Replace(o.Defaults.Name + "(", o.Name + "(", StringComparison.Ordinal);
}
