using System.CommandLine;
using Descent.IO;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Schedulers;

namespace Descent.Cli.Commands;

/// <summary><c>descent schedule SPEC [--lr LR] [--steps N] [--optimizer SPEC] [--plot DIR]</c>: a schedule's learning rates, without training.</summary>
internal static class ScheduleCommand
{
    public static Command Create(Terminal terminal)
    {
        var spec = new Argument<string>("scheduler") { Description = "Scheduler spec, e.g. \"one_cycle_lr(max_lr=0.1, total_steps=100)\" (see 'descent schedulers')." };
        var lr = new Option<double?>("--lr") { Description = "The optimizer's learning rate before the scheduler (default: the --optimizer spec's lr)." };
        var steps = new Option<int>("--steps", "-n") { Description = "Scheduler steps to show.", DefaultValueFactory = _ => 100 };
        var optimizer = new Option<string>("--optimizer")
        {
            Description = "The optimizer the schedule drives (its kind decides which momentum cycles).",
            DefaultValueFactory = _ => "sgd(lr=0.1)",
        };
        var plot = new Option<string?>("--plot") { Description = "Also draw the schedule: schedule.png/.svg and report.html in this directory." };
        var command = new Command("schedule", "Show a learning-rate schedule without training: step,lr(,momentum) as CSV on standard output, and a picture with --plot.")
        {
            spec, lr, steps, optimizer, plot, PlotlyJsOption.Create(),
        };
        command.SetAction(parsed =>
        {
            SchedulerOptions scheduler = Cli.Parsing("the scheduler", () => SchedulerCatalog.Parse(parsed.GetValue(spec)!));
            OptimizerOptions options = Cli.Parsing("--optimizer", () => OptimizerCatalog.Parse(parsed.GetValue(optimizer)!));
            if (parsed.GetValue(lr) is double rate)
            {
                options = options with { Lr = rate };
                options.Validate();
            }
            if (parsed.GetValue(plot) is { } target) OutputDirectory.Check(target, "--plot");
            Task? warmup = parsed.GetValue(plot) is null ? null : Warmup.Start();
            LrSchedule schedule = LrSchedule.Preview(scheduler, options, parsed.GetValue(steps));
            if (parsed.GetValue(plot) is { } directory)
            {
                warmup?.Wait();
                IReadOnlyList<Picture> pictures = terminal.Draw(() => [LrPlot.Create(schedule)]);
                OutputDirectory.WriteSet(directory, "--plot", output => Parallel.Invoke(
                    () => Picture.SaveAll(pictures, output.Path),
                    () => new HtmlReport($"Descent: {schedule.Scheduler}") { Plotly = PlotlyJsOption.Read(parsed) }
                        .Paragraph($"{schedule.Scheduler} driving {schedule.Optimizer}, {schedule.Lrs.Count - 1} scheduler steps. " +
                            "Row k of the CSV is the learning rate after k steps (row 0: right after the scheduler was built)." +
                            (scheduler.WatchesMetric ? " The watched metric is taken never to improve after the first step." : ""))
                        .Images([.. pictures.Select(p => p.Name + ".png")])
                        .Chart(PlotlyFigures.Schedule(schedule), 520)
                        .Save(output.File("report.html"))));
                string page = Path.Combine(directory, "report.html");
                // Standard output carries the CSV; where the pictures went is a note beside it.
                terminal.Error.WriteLine(pictures.Count == 0 ? $"wrote {page}" : $"pictures: {string.Join(", ", pictures.Select(p => p.Name + ".png/.svg"))} and {page}");
            }
            schedule.WriteCsv(terminal.Output);
            return 0;
        });
        return command;
    }
}
