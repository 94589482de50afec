using System.CommandLine;
using Descent.IO;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent lr-find</c>: the learning-rate range test on the data and model <c>descent train</c> would train
/// (every one of its data, model and batch options), for one optimizer.
/// </summary>
internal static class LrFindCommand
{
    // The train command's options that do not apply: the test runs one optimizer for --steps batches, sets the
    // learning rate itself, and writes its own set of files. They stay (hidden) so that train's reading of the command
    // line finds them, and are refused when given.
    private static readonly string[] NotApplicable =
        ["--optimizers", "--epochs", "--log-scale", "--save-model", "--early-stopping", "--checkpoint-every", "--checkpoint-dir", "--resume",
         "--scheduler", "--scheduler-interval"];

    public static Command Create(Terminal terminal)
    {
        var defaults = new LearningRateFinder { Setup = Tutorial.Training, Optimizer = OptimizerCatalog.Parse(Tutorial.Optimizers.Split(';')[0]) };
        var optimizer = new Option<string>("--optimizer")
        {
            Description = "The optimizer spec to test; its lr is replaced at every step (see 'descent optimizers').",
            DefaultValueFactory = _ => defaults.Optimizer.ToSpec(),
        };
        var startLr = new Option<double>("--start-lr") { Description = "The first step's learning rate.", DefaultValueFactory = _ => defaults.StartLr };
        var endLr = new Option<double>("--end-lr") { Description = "The last step's learning rate.", DefaultValueFactory = _ => defaults.EndLr };
        var steps = new Option<int>("--steps", "-n")
        {
            Description = "Steps (batches) from --start-lr to --end-lr, the lr growing by the same factor each step; the data is gone over again when its batches run out.",
            DefaultValueFactory = _ => defaults.Steps,
        };
        var stopFactor = new Option<double>("--stop-factor")
        {
            Description = "Stop once the smoothed loss exceeds this many times its minimum.",
            DefaultValueFactory = _ => defaults.StopFactor,
        };
        Option<string>? output = null;
        Option[] hidden = [];
        Command command = TrainCommand.Create(terminal, "lr-find",
            "Learning-rate range test: train one optimizer for --steps batches while raising its lr geometrically from --start-lr to --end-lr, "
            + "stop when the smoothed loss blows up, and suggest an lr (steepest descent of the smoothed loss; the minimum's lr / 10). "
            + "Takes train's data, model and batch options. With no options: sgd on the tutorial's noisy x^2 + y^2.",
            (parsed, setup) =>
            {
                if (hidden.FirstOrDefault(o => parsed.GetResult(o) is { Implicit: false }) is { } given)
                    throw new InputException($"{given.Name} does not apply to lr-find (it trains one --optimizer for --steps batches at learning rates it sets)");
                return Run(terminal, new LearningRateFinder
                {
                    Setup = setup,
                    Optimizer = Cli.Parsing("--optimizer", () => OptimizerCatalog.Parse(parsed.GetValue(optimizer)!)),
                    StartLr = parsed.GetValue(startLr),
                    EndLr = parsed.GetValue(endLr),
                    Steps = parsed.GetValue(steps),
                    StopFactor = parsed.GetValue(stopFactor),
                }, parsed.GetValue(output!)!, PlotlyJsOption.Read(parsed));
            });
        hidden = [.. command.Options.Where(o => NotApplicable.Contains(o.Name))];
        foreach (Option option in hidden) option.Hidden = true;
        output = (Option<string>)command.Options.First(o => o.Name == "--out");
        output.Description = "Directory for lr-find.csv, summary.json, lr-find.png/.svg and report.html.";
        output.DefaultValueFactory = _ => "descent-lr-find";
        foreach (Option option in new Option[] { optimizer, startLr, endLr, steps, stopFactor }) command.Options.Add(option);
        return command;
    }

    private static int Run(Terminal terminal, LearningRateFinder finder, string directory, PlotlyPlacement plotly)
    {
        try
        {
            finder.Validate();
        }
        catch (InputException e)
        {
            // The library names its settings; here they are the options the user typed.
            throw new InputException(e.Message.Replace("start lr", "--start-lr", StringComparison.Ordinal).Replace("end lr", "--end-lr", StringComparison.Ordinal)
                .Replace("steps must", "--steps must", StringComparison.Ordinal).Replace("stop factor", "--stop-factor", StringComparison.Ordinal)
                .Replace("it takes no scheduler", "it takes no --scheduler", StringComparison.Ordinal));
        }
        OutputDirectory.Check(directory, "--out");
        Task warmup = Warmup.Start();
        int tenths = 0;
        LearningRateFinderResult result = finder.Run(
            plan => terminal.Error.WriteLine($"lr-find: {finder.Optimizer.Name} on {plan.Description} ({plan.TrainSamples} train samples, batch {finder.Setup.BatchSize}), " +
                $"lr {Format(finder.StartLr)} to {Format(finder.EndLr)} over {finder.Steps} steps"),
            step =>
            {
                Cli.Interruption.ThrowIfCancellationRequested();
                if (step.Step * 10 / step.Steps <= tenths) return;
                tenths = step.Step * 10 / step.Steps;
                terminal.Error.WriteLine($"lr-find: step {step.Step}/{step.Steps}, lr {Format(step.Lr)}, smoothed loss {Format(step.SmoothedLoss)}");
            });
        if (result.Stopped is { } stopped) terminal.Error.WriteLine($"lr-find: stopped after {result.Lrs.Count} of {finder.Steps} steps: {stopped}");
        Print(terminal.Console, result);
        warmup.Wait();
        IReadOnlyList<Picture> pictures = terminal.Draw(() => LrFindFigures.Pictures(result));
        OutputDirectory.WriteSet(directory, "--out", output =>
        {
            AtomicFile.WriteText(output.File("lr-find.csv"), result.WriteCsv);
            AtomicFile.Write(output.File("summary.json"), result.WriteSummaryJson);
            Parallel.Invoke(
                () => Picture.SaveAll(pictures, output.Path),
                () =>
                {
                    var html = new HtmlReport("Descent: learning-rate range test") { Plotly = plotly };
                    LrFindFigures.AddTo(html, result, pictures);
                    html.Save(output.File("report.html"));
                });
        });
        terminal.Console.MarkupLine($"wrote [bold]{Markup.Escape(Path.Combine(directory, "lr-find.csv"))}[/], [bold]{Markup.Escape(Path.Combine(directory, "summary.json"))}[/], " +
            $"{Markup.Escape(string.Join(", ", pictures.Select(p => p.Name + ".png/.svg")))} and [bold]{Markup.Escape(Path.Combine(directory, "report.html"))}[/]");
        return 0;
    }

    private static void Print(IAnsiConsole console, LearningRateFinderResult result)
    {
        // In 80 columns, as every table: the last column wraps between words.
        var table = new Table().Border(TableBorder.Rounded).Width(80)
            .AddColumn(new TableColumn("suggestion").NoWrap())
            .AddColumn(new TableColumn("lr").RightAligned().NoWrap())
            .AddColumn(new TableColumn("optimizer").NoWrap())
            .AddColumn("read at");
        foreach (IReadOnlyList<string> row in LrFindFigures.Rows(result)) table.AddRow([.. row.Select(Markup.Escape)]);
        console.Write(table);
        console.MarkupLine(Markup.Escape(TextFold.Fold($"{result.Lrs.Count} of {result.Finder.Steps} steps" +
            (result.Lrs.Count > result.BatchesPerEpoch ? $" ({result.BatchesPerEpoch} batches a pass over the data)" : "") +
            (result.Stopped is { } s ? $"; stopped: {s}" : ""), 80, " ")));
        if (result.SteepestWarning is { } warning) console.MarkupLine($"[yellow]note:[/]{Markup.Escape(TextFold.Fold($"note: {warning}", 80, " ")["note:".Length..])}");
    }

    private static string Format(double value) => Curvature.StabilityBound.Short(value);
}
