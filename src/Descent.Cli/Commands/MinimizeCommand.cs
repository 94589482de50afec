using System.CommandLine;
using Descent.Expressions;
using Descent.IO;
using Descent.Optimizers;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent minimize EXPR --from x=2,y=2 ...</c>: gradient-based minimization of a typed function.</summary>
internal static class MinimizeCommand
{
    public const string DefaultOptimizer = "sgd(lr=0.1)";

    public static Command Create(Terminal terminal)
    {
        var expression = new Argument<string>("expression")
        {
            Description = "The function to minimize, e.g. \"x^2 + 4*x + 1\" or \"(1 - x)^2 + 100*(y - x^2)^2\".",
        };
        var from = new Option<string>("--from")
        {
            Description = "Start value of every variable, e.g. x=2,y=2; its order is the parameter order.",
            Required = true,
        };
        var optimizer = new Option<string>("--optimizer", "-o")
        {
            Description = "Optimizer spec name(key=value, ...), e.g. \"sgd(lr=0.7)\". See 'descent optimizers'.",
            DefaultValueFactory = _ => DefaultOptimizer,
        };
        var steps = new Option<int>("--steps", "-n") { Description = "Number of optimizer steps.", DefaultValueFactory = _ => 100 };
        var dtype = new Option<string>("--dtype")
        {
            Description = "Arithmetic precision: float64 or float32 (all arithmetic in that type, as PyTorch's).",
            DefaultValueFactory = _ => "float64",
        };
        dtype.AcceptOnlyFromAmong("float64", "float32");
        var trajectory = new Option<string?>("--trajectory")
        {
            Description = "Write every visited point to this CSV file: step,<variables>,value.",
        };

        var command = new Command("minimize", "Minimize a function you type, with exact gradients, from a start point.")
        {
            expression, from, optimizer, steps, dtype, trajectory,
        };
        command.SetAction(parsed =>
        {
            string text = parsed.GetValue(expression)!;
            Expression function = Cli.Parsing("the function", () => Expression.Parse(text));
            StartPoint start = StartPoint.Parse(parsed.GetValue(from)!, function);
            OptimizerOptions options = Cli.Parsing("--optimizer", () => OptimizerCatalog.Parse(parsed.GetValue(optimizer)!));
            int n = parsed.GetValue(steps);
            if (n < 0) throw new InputException($"--steps must be 0 or more, not {n}");
            Trajectory result = parsed.GetValue(dtype) == "float32"
                ? Minimizer.Minimize<float>(function, start.Variables, start.Values, options, n)
                : Minimizer.Minimize<double>(function, start.Variables, start.Values, options, n);
            if (parsed.GetValue(trajectory) is { } path) AtomicFile.WriteText(path, result.WriteCsv);
            PrintSummary(terminal.Console, result, parsed.GetValue(dtype)!, parsed.GetValue(trajectory));
            return 0;
        });
        return command;
    }

    private static void PrintSummary(IAnsiConsole console, Trajectory t, string dtype, string? trajectoryPath)
    {
        string Point(int k) => string.Join(", ", t.Variables.Select((v, i) => $"{v} = {Trajectory.Format(t.Points[k][i])}"));
        int last = t.Points.Count - 1;
        console.MarkupLine($"[bold]minimize[/] {Markup.Escape(t.Expression)}  [grey]with {Markup.Escape(t.Optimizer)}, {dtype}[/]");
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2)).AddColumn();
        grid.AddRow("start", Markup.Escape($"{Point(0)}   f = {Trajectory.Format(t.Values[0])}"));
        grid.AddRow("final", Markup.Escape($"{Point(last)}   f = {Trajectory.Format(t.Values[last])}"));
        grid.AddRow("|grad f|", Trajectory.Format(t.GradientNorms[last]));
        grid.AddRow("steps", t.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Write(grid);
        if (t.StoppedEarly is { } why) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(why)}");
        if (trajectoryPath is not null) console.MarkupLine($"trajectory: {Markup.Escape(trajectoryPath)} ({t.Points.Count} rows)");
    }
}
