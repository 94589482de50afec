using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Descent.Schedulers;
using Descent.Specs;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent schedulers [NAME]</c>: every learning-rate scheduler, or one in full with its hyperparameters and formula.</summary>
internal static class SchedulersCommand
{
    public static Command Create(Terminal terminal)
    {
        var name = new Argument<string?>("name") { Description = "Show this scheduler in full, e.g. cosine_annealing_lr.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("schedulers", "List the learning-rate schedulers (PyTorch 1.13 semantics) with their hyperparameters and defaults.") { name };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(name) is { } one) Show(terminal.Console, SchedulerCatalog.Find(one));
            else List(terminal.Console);
            return 0;
        });
        return command;
    }

    private static void List(IAnsiConsole console)
    {
        console.MarkupLine("[bold]Exact against PyTorch 1.13's torch.optim.lr_scheduler[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("scheduler", "what it does");
        foreach (CatalogEntry<SchedulerOptions> s in SchedulerCatalog.All) table.AddRow(new Markup($"[bold]{s.Name}[/]"), new Text(s.Summary));
        console.Write(table);
        console.MarkupLine("Use one with [bold]--scheduler \"name(key=value, ...)\"[/] in minimize and train; [bold]descent schedulers NAME[/] shows its " +
            "hyperparameters, defaults and formula; [bold]descent schedule SPEC[/] shows the learning rate it gives at each step.");
    }

    private static void Show(IAnsiConsole console, CatalogEntry<SchedulerOptions> s)
    {
        console.MarkupLine($"[bold]{s.Name}[/]: {Markup.Escape(s.Summary)}");
        console.MarkupLine("[grey]Matches PyTorch 1.13's torch.optim.lr_scheduler step for step: its hyperparameters, defaults, validation and arithmetic.[/]");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("hyperparameter", "default", "meaning");
        PropertyInfo[] required = [.. s.Defaults.GetType().GetProperties().Where(p => p.IsDefined(typeof(RequiredAttribute)))];
        foreach (var (key, value, description) in s.Defaults.Hyperparameters())
            table.AddRow(key, required.Any(p => SpecOptions.SpecName(p) == key) ? "required" : Markup.Escape(SpecFormat.Value(value)), Markup.Escape(description));
        console.Write(table);
        if (s.Defaults.WatchesMetric)
            console.MarkupLine("[grey]Each step reads the watched loss: f in minimize, the test loss (or train loss without a test set) in train.[/]");
        console.MarkupLine("[bold]formula[/] (epoch = scheduler steps taken; base_lr = the group's lr before any scheduler changed it):");
        console.Write(new Panel(new Text(s.Defaults.Formula.TrimEnd())).Border(BoxBorder.Rounded));
        string example = required.Select(p => p.GetCustomAttribute<RequiredAttribute>()!.ErrorMessage).FirstOrDefault(m => m is not null) ?? s.Name;
        console.MarkupLine($"example: [bold]{Markup.Escape($"descent schedule \"{example}\" --lr 0.1 --steps 100")}[/]");
    }

}
