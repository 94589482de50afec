using System.CommandLine;
using System.Diagnostics;
using Descent.Expressions;
using Descent.IO;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent demo</c>: the tutorial's three experiments as the tutorial sets them up, with every picture and one index.html.</summary>
internal static class DemoCommand
{
    public static Command Create(Terminal terminal)
    {
        var output = new Option<string>("--out") { Description = "Directory for the pictures and index.html.", DefaultValueFactory = _ => "descent-demo" };
        var command = new Command("demo", "Run the tutorial's three experiments (1D and 2D gradient descent, six optimizers training a linear model) "
            + "and write their pictures and an interactive index.html.") { output };
        command.SetAction(parsed => Run(terminal, parsed.GetValue(output)!));
        return command;
    }

    private static int Run(Terminal terminal, string directory)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(directory);
        var page = new HtmlReport("Descent: the gradient descent tutorial, reproduced");
        page.Paragraph("Three experiments from the tutorial: gradient descent on a parabola, on a bowl in two variables, " +
            "and six optimizers training a linear model. Each section gives the command that reproduces it.");

        // 1. f(x) = x^2 + 4x + 1 from x = 2, lr 0.7, 100 steps.
        Minimize(terminal, page, directory, "1d", "1. Gradient descent in one variable", "x^2 + 4*x + 1", ["x"], [2.0], "sgd(lr=0.7)", 100,
            "descent minimize \"x^2 + 4*x + 1\" --from x=2 --optimizer \"sgd(lr=0.7)\" --steps 100 --plot DIR");

        // 2. f(x, y) = x^2 + y^2 from (2, 2), lr 0.1, 100 steps.
        Minimize(terminal, page, directory, "2d", "2. Gradient descent in two variables", "x^2 + y^2", ["x", "y"], [2.0, 2.0], "sgd(lr=0.1)", 100,
            "descent minimize \"x^2 + y^2\" --from x=2,y=2 --optimizer \"sgd(lr=0.1)\" --steps 100 --plot DIR");

        // 3. Six optimizers on noisy x^2 + y^2.
        page.Heading("3. Six optimizers training a linear model");
        page.Code("descent train --out DIR");
        var request = new TrainCommand.TrainRequest(null, null, null, "x^2 + y^2", 1.0, 1000, "0,1", 0, 0.8, 32, false, 50, "linear", "mse",
            TrainCommand.TutorialOptimizers, directory, false);
        TrainingReport report = TrainCommand.Train<float>(request, terminal);
        AtomicFile.WriteText(Path.Combine(directory, "train-losses.csv"), report.WriteLossesCsv);
        AtomicFile.Write(Path.Combine(directory, "train-summary.json"), report.WriteSummaryJson);
        Picture[] pictures = [.. TrainingFigures.Pictures(report).Select(p => p with { Name = "train-" + p.Name })];
        foreach (Picture p in pictures) p.Save(directory);
        TrainingFigures.AddTo(page, report, pictures.Select(p => p.Name + ".png"));

        string index = Path.Combine(directory, "index.html");
        page.Save(index);
        terminal.Console.MarkupLine($"[green]done[/] in {watch.Elapsed.TotalSeconds:0.0} s: open [bold]{Markup.Escape(Path.GetFullPath(index))}[/]");
        return 0;
    }

    private static void Minimize(Terminal terminal, HtmlReport page, string directory, string prefix, string heading, string text,
        string[] variables, double[] start, string spec, int steps, string command)
    {
        Expression function = Expression.Parse(text);
        Trajectory run = Minimizer.Minimize<double>(function, variables, start, OptimizerCatalog.Parse(spec), steps);
        AtomicFile.WriteText(Path.Combine(directory, $"{prefix}-trajectory.csv"), run.WriteCsv);
        Picture[] pictures = [.. MinimizeFigures.Pictures(function, [run]).Select(p => p with { Name = $"{prefix}-{p.Name}" })];
        foreach (Picture p in pictures) p.Save(directory);
        page.Heading(heading);
        page.Code(command);
        MinimizeFigures.AddTo(page, function, [run], pictures.Select(p => p.Name + ".png"));
        string final = string.Join(", ", variables.Select((v, i) => $"{v} = {Trajectory.Format(run.Points[^1][i])}"));
        terminal.Console.MarkupLine($"[bold]{Markup.Escape(heading)}[/]: f = {Markup.Escape(text)} with {Markup.Escape(run.Optimizer)}, " +
            $"{steps} steps: ends at {Markup.Escape(final)}");
    }
}
