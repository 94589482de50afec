using System.CommandLine;
using System.Diagnostics;
using Descent.IO;
using Descent.Plots;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent demo</c>: the tutorial's three experiments as the tutorial sets them up, with every picture and one index.html.</summary>
internal static class DemoCommand
{
    public static Command Create(Terminal terminal)
    {
        var output = new Option<string>("--out", "-o") { Description = "Directory for the pictures and index.html.", DefaultValueFactory = _ => "descent-demo" };
        var command = new Command("demo", "Run the tutorial's three experiments (1D and 2D gradient descent, six optimizers training a linear model) "
            + "and write their pictures and an interactive index.html.") { output, PlotlyJsOption.Create() };
        command.SetAction(parsed => Run(terminal, parsed.GetValue(output)!, PlotlyJsOption.Read(parsed)));
        return command;
    }

    private static int Run(Terminal terminal, string directory, PlotlyPlacement plotly)
    {
        var watch = Stopwatch.StartNew();
        OutputDirectory.Check(directory, "--out");
        Task warmup = Warmup.Start();
        var page = new HtmlReport("Descent: the gradient descent tutorial, reproduced") { Plotly = plotly };
        page.Paragraph("Three experiments from the tutorial: gradient descent on a parabola, on a bowl in two variables, " +
            "and six optimizers training a linear model. Each section gives the command that reproduces it.");

        // Compute the three experiments while the renderer warms up on the other core, then draw.
        Minimizer parabolaSetup = Tutorial.Parabola, bowlSetup = Tutorial.Bowl;
        Trajectory parabola = parabolaSetup.Run()[0], bowl = bowlSetup.Run()[0];
        Diagnosis zigzag = Diagnosis.Of(parabolaSetup, parabolaSetup.Optimizers[0], parabola);
        Print(terminal, "1. Gradient descent in one variable", parabola, zigzag);
        Print(terminal, "2. Gradient descent in two variables", bowl, Diagnosis.Of(bowlSetup, bowlSetup.Optimizers[0], bowl));
        TrainingReport report = TrainCommand.Train(Tutorial.Training, terminal);
        warmup.Wait();

        var sections = new List<(string Prefix, Picture[] Pictures)>
        {
            ("1d", Named("1d", terminal.Draw(() => MinimizeFigures.Pictures(parabolaSetup.Function, [parabola])))),
            ("2d", Named("2d", terminal.Draw(() => MinimizeFigures.Pictures(bowlSetup.Function, [bowl])))),
            ("train", Named("train", terminal.Draw(() => TrainingFigures.Pictures(report)))),
        };
        page.Heading("1. Gradient descent in one variable");
        page.Code("descent minimize \"x^2 + 4*x + 1\" --from x=2 --optimizer \"sgd(lr=0.7)\" --steps 100 --plot DIR");
        MinimizeFigures.AddTo(page, parabolaSetup.Function, [parabola], sections[0].Pictures);
        // The zigzag explained from the curvature, as descent minimize --explain explains it.
        page.Paragraph($"Why the path zigzags ({zigzag.Verdict.ToString().ToLowerInvariant()}): {zigzag.Explanation}.");
        page.Heading("2. Gradient descent in two variables");
        page.Code("descent minimize \"x^2 + y^2\" --from x=2,y=2 --optimizer \"sgd(lr=0.1)\" --steps 100 --plot DIR");
        MinimizeFigures.AddTo(page, bowlSetup.Function, [bowl], sections[1].Pictures);
        page.Heading("3. Six optimizers training a linear model");
        page.Code("descent train --out DIR");
        TrainingFigures.AddTo(page, report);

        // Every file or none: the set replaces the previous demo only once it is whole.
        OutputDirectory.WriteSet(directory, "--out", output =>
        {
            Picture.SaveAll(sections.SelectMany(s => s.Pictures), output.Path);
            AtomicFile.WriteText(output.File("1d-trajectory.csv"), parabola.WriteCsv);
            AtomicFile.WriteText(output.File("2d-trajectory.csv"), bowl.WriteCsv);
            AtomicFile.WriteText(output.File("train-losses.csv"), report.WriteLossesCsv);
            AtomicFile.Write(output.File("train-summary.json"), report.WriteSummaryJson);
            page.Save(output.File("index.html"));
        });
        string index = Path.Combine(directory, "index.html");
        terminal.Console.MarkupLine($"[green]done[/] in {watch.Elapsed.TotalSeconds:0.0} s: open [bold]{Markup.Escape(Path.GetFullPath(index))}[/]");
        return 0;
    }

    private static Picture[] Named(string prefix, IEnumerable<Picture> pictures) => [.. pictures.Select(p => p with { Name = $"{prefix}-{p.Name}" })];

    private static void Print(Terminal terminal, string heading, Trajectory run, Diagnosis why)
    {
        string final = string.Join(", ", run.Variables.Select((v, i) => $"{v} = {Trajectory.Format(run.Points[^1][i])}"));
        // In 80 columns, broken only between the parts (never inside a number).
        string line = TextFold.Fold($"{heading}: f = {run.Expression} with {run.Optimizer}, {run.Steps} steps: ends at {final}", 80);
        terminal.Console.MarkupLine($"[bold]{Markup.Escape(heading)}[/]{Markup.Escape(line[heading.Length..])}");
        // Why the path looks as it does (the tutorial's zigzag), from the curvature, as 'descent minimize --explain' says it.
        string explained = TextFold.Fold($"{why.Verdict.ToString().ToLowerInvariant()}: {why.Explanation}", 78, " ");
        terminal.Console.MarkupLine($"[grey]{Markup.Escape(string.Join("\n", explained.Split('\n').Select(l => "  " + l)))}[/]");
    }
}
