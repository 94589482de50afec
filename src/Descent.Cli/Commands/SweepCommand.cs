using System.CommandLine;
using System.Globalization;
using Descent.Expressions;
using Descent.IO;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Specs;
using Descent.Sweeps;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>
/// <c>descent sweep train|minimize|merge</c>: every optimizer at every learning rate of a grid with several seeds, each
/// optimizer's rate chosen without the test set, the ranking with confidence intervals; on all cores or as array jobs.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(Terminal terminal) =>
        new("sweep", "Compare optimizers fairly: each at every learning rate of a grid, with several seeds, its rate chosen on validation data, "
            + "ranked with 95% confidence intervals. Runs on all cores, or in shards as array jobs (Slurm, Kubernetes) merged afterwards.")
        {
            Train(terminal), Minimize(terminal), Merge(terminal),
        };

    private static Command Train(Terminal terminal)
    {
        var sweep = new SweepOptions();
        var validation = new Option<double>("--validation-fraction")
        {
            Description = "Fraction of the training split held out to choose each optimizer's learning rate by (seeded; the test set takes no part).",
            DefaultValueFactory = _ => 0.1,
        };
        var metric = new Option<string>("--metric")
        {
            Description = "loss: choose by validation loss, report test loss; train_loss: choose and report the loss on the data trained on.",
            DefaultValueFactory = _ => "loss",
        };
        metric.AcceptOnlyFromAmong("loss", "train_loss");
        Command command = TrainCommand.Create(terminal, "train",
            "Sweep 'descent train' (every one of its options) over learning rates and seeds. With no options: the tutorial's six optimizers at 13 rates from 1e-4 to 1, 5 seeds.",
            (parsed, setup) =>
            {
                Shard shard = sweep.ReadShard(parsed);
                var definition = new TrainingSweep
                {
                    Setup = setup,
                    Lrs = LearningRates.Parse(parsed.GetValue(sweep.Lrs)!),
                    Seeds = parsed.GetValue(sweep.Seeds) ?? 5,
                    FirstSeed = setup.Seed,
                    ValidationFraction = parsed.GetValue(validation),
                    Metric = parsed.GetValue(metric) == "train_loss" ? TrainingMetric.TrainLoss : TrainingMetric.Loss,
                };
                return Run(terminal, definition, shard, sweep.ReadJobs(parsed), sweep.ReadOut(parsed, shard), PlotlyJsOption.Read(parsed));
            });
        // The train command's own output options do not apply: a sweep writes its own set of files.
        foreach (Option option in command.Options.Where(o => o.Name is "--out" or "--log-scale").ToArray()) command.Options.Remove(option);
        if (command.Options.FirstOrDefault(o => o.Name == "--seed") is { } seed) seed.Description = "The first seed: the seeds are it and the next --seeds - 1 numbers.";
        command.Options.Add(validation);
        command.Options.Add(metric);
        foreach (Option option in sweep.All) command.Options.Add(option);
        return command;
    }

    private static Command Minimize(Terminal terminal)
    {
        var sweep = new SweepOptions();
        var expression = new Argument<string>("expression") { Description = "The function to minimize, e.g. \"(1 - x)^2 + 100*(y - x^2)^2\"." };
        var from = new Option<string?>("--from") { Description = "One start point for every run, e.g. x=2,y=2 (then one seed is enough)." };
        var box = new Option<string?>("--from-box") { Description = "Draw each seed's start point from a box, e.g. x=-2:2,y=-1:3 (a value instead of a range fixes a variable)." };
        var optimizers = new Option<string>("--optimizers") { Description = "Optimizer specs separated by ';' (see 'descent optimizers').", DefaultValueFactory = _ => Tutorial.Optimizers };
        var steps = new Option<int>("--steps", "-n") { Description = "Optimizer steps per run.", DefaultValueFactory = _ => Tutorial.Bowl.Steps };
        var dtype = new Option<string>("--dtype") { Description = "Arithmetic precision: float64 or float32.", DefaultValueFactory = _ => Cli.Name(Tutorial.Bowl.DType) };
        dtype.AcceptOnlyFromAmong("float64", "float32");
        var seed = new Option<ulong>("--seed") { Description = "The first seed of --from-box: the seeds are it and the next --seeds - 1 numbers." };
        var tol = new Option<double?>("--tol") { Description = "Measure the steps until f - f_min < TOL (with --f-min) or |grad f| < TOL; a run that never gets there counts as --steps + 1." };
        var fMin = new Option<double?>("--f-min") { Description = "The known minimum of f, for --tol." };
        var metric = new Option<string?>("--metric") { Description = "value: f at the last step (the default); steps: steps to --tol (the default with --tol)." };
        metric.AcceptOnlyFromAmong("value", "steps");
        var schedule = new ScheduleOptions();
        var command = new Command("minimize", "Sweep 'descent minimize' over learning rates and start points: every optimizer at every rate, from the same start per seed.")
        {
            expression, from, box, optimizers, steps, dtype, seed, tol, fMin, metric,
        };
        foreach (Option option in schedule.All) command.Options.Add(option);
        foreach (Option option in sweep.All) command.Options.Add(option);
        command.Options.Add(PlotlyJsOption.Create());
        command.SetAction(parsed =>
        {
            Expression function = Cli.Parsing("the function", () => Expression.Parse(parsed.GetValue(expression)!));
            string? fixedStart = parsed.GetValue(from), boxText = parsed.GetValue(box);
            if ((fixedStart is null) == (boxText is null)) throw new InputException("give --from x=..,y=.. (one start point) or --from-box x=LOW:HIGH,... (a start per seed), one of them");
            StartBox? startBox = boxText is null ? null : StartBox.Parse(boxText, function);
            StartPoint? start = fixedStart is null ? null : StartPoint.Parse(fixedStart, function);
            if (start is null && parsed.GetResult(seed) is { Implicit: false }) throw new InputException("--seed goes with --from-box");
            var minimizer = new Minimizer
            {
                Function = function,
                Variables = start?.Variables ?? startBox!.Variables,
                Start = start?.Values ?? startBox!.Draw(parsed.GetValue(seed)),
                Optimizers = Cli.Parsing("--optimizers", () => OptimizerCatalog.ParseList(parsed.GetValue(optimizers)!)),
                Steps = parsed.GetValue(steps),
                DType = Cli.ParseDType(parsed.GetValue(dtype)!),
                Scheduler = schedule.ReadScheduler(parsed),
                Clipping = schedule.ReadClipping(parsed),
            };
            double? tolerance = parsed.GetValue(tol);
            Shard shard = sweep.ReadShard(parsed);
            var definition = new MinimizeSweep
            {
                Minimizer = minimizer,
                Box = startBox,
                Lrs = LearningRates.Parse(parsed.GetValue(sweep.Lrs)!),
                Seeds = parsed.GetValue(sweep.Seeds) ?? (startBox is null ? 1 : 5),
                FirstSeed = parsed.GetValue(seed),
                Tolerance = tolerance,
                FMin = parsed.GetValue(fMin),
                Metric = (parsed.GetValue(metric) ?? (tolerance is null ? "value" : "steps")) == "steps" ? MinimizeMetric.Steps : MinimizeMetric.Value,
            };
            return Run(terminal, definition, shard, sweep.ReadJobs(parsed), sweep.ReadOut(parsed, shard), PlotlyJsOption.Read(parsed));
        });
        return command;
    }

    private static Command Merge(Terminal terminal)
    {
        var directories = new Argument<string[]>("directories") { Description = "The directories the shards wrote (--shard K/M --out DIR), every shard once.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Directory for the merged results: the files an unsharded run writes.", DefaultValueFactory = _ => "descent-sweep" };
        var command = new Command("merge", "Merge the shards of a sweep ('descent sweep ... --shard K/M') into the files an unsharded run writes, byte for byte.")
        {
            directories, output, PlotlyJsOption.Create(),
        };
        command.SetAction(parsed =>
        {
            string directory = parsed.GetValue(output)!;
            OutputDirectory.Check(directory, "--out");
            SweepResults merged = SweepResults.Merge([.. parsed.GetValue(directories)!.Select(SweepResults.ReadShard)]);
            Task warmup = Warmup.Start();
            var summary = SweepSummary.Of(merged);
            Print(terminal.Console, summary, $"merged {parsed.GetValue(directories)!.Length} shards");
            warmup.Wait();
            WriteFiles(terminal, summary, directory, PlotlyJsOption.Read(parsed));
            return 0;
        });
        return command;
    }

    /// <summary>Checks, runs (with progress on standard error), prints and writes a sweep or one shard of it.</summary>
    private static int Run(Terminal terminal, Sweep sweep, Shard shard, int jobs, string directory, PlotlyPlacement plotly)
    {
        sweep.Validate();
        OutputDirectory.Check(directory, "--out");
        SweepDefinition definition = sweep.Define();
        int runs = Enumerable.Range(0, definition.RunCount).Count(shard.Contains);
        terminal.Error.WriteLine($"sweep: {(shard.IsAll ? "" : $"{shard}, ")}{runs} runs ({definition.Optimizers.Count} optimizers x {definition.Lrs.Count} learning rates x " +
            $"{definition.Seeds.Count} seeds{(shard.IsAll ? "" : $" = {definition.RunCount}, every {shard.Count}th")}), {jobs} at a time");
        Task? warmup = shard.IsAll ? Warmup.Start() : null;
        var progress = new ProgressLine(terminal.Error, terminal.Error == Console.Error && !Console.IsErrorRedirected);
        SweepResults results = sweep.Run(shard, jobs, progress.Report);
        progress.Finish();
        if (!shard.IsAll)
        {
            OutputDirectory.WriteSet(directory, "--out", output =>
            {
                AtomicFile.Write(output.File("shard.json"), results.WriteShardJson);
                AtomicFile.WriteText(output.File("runs.csv"), results.WriteRunsCsv);
                AtomicFile.WriteText(output.File("curves.csv"), results.WriteCurvesCsv);
            });
            terminal.Console.MarkupLine($"{shard}: {results.Runs.Count} of {definition.RunCount} runs written to [bold]{Markup.Escape(directory)}[/]; " +
                "merge every shard with 'descent sweep merge DIR...'");
            return 0;
        }
        var summary = SweepSummary.Of(results);
        Print(terminal.Console, summary, $"{jobs} at a time, {progress.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        warmup?.Wait();
        WriteFiles(terminal, summary, directory, plotly);
        return 0;
    }

    /// <summary>The ranking: a header, how the rates were chosen, the table (winner marked), and the statement.</summary>
    private static void Print(IAnsiConsole console, SweepSummary summary, string how)
    {
        SweepDefinition d = summary.Definition;
        // In 80 columns, folded between parts; the table below fits them too.
        string Fold(string text) => Markup.Escape(TextFold.Fold(text, 80, " "));
        console.MarkupLine($"[bold]sweep {d.Kind}[/]{Fold($"sweep {d.Kind} {d.Title}")[$"sweep {d.Kind}".Length..]}");
        console.MarkupLine($"[grey]{Fold($"{d.Optimizers.Count} optimizers x {d.Lrs.Count} learning rates ({SweepSummary.Format(d.Lrs[0])} to {SweepSummary.Format(d.Lrs[^1])}) " +
            $"x {d.Seeds.Count} seeds = {d.RunCount} runs, {how}")}[/]");
        console.MarkupLine($"[grey]{Fold(SweepFigures.Selection(d))}[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("rank").RightAligned()).AddColumn("optimizer").AddColumn(new TableColumn("chosen lr").RightAligned())
            .AddColumn(new TableColumn(Markup.Escape($"{d.ReportBy.Replace('_', ' ')}\nmean [95% CI]")).RightAligned())
            .AddColumn(new TableColumn("diverged\nruns").RightAligned());
        foreach (OptimizerOutcome o in summary.Ranking)
        {
            bool winner = o.Rank == 1 && !o.Failed;
            string Mark(string text) => winner ? $"[bold green]{Markup.Escape(text)}[/]" : o.Failed ? $"[red]{Markup.Escape(text)}[/]" : Markup.Escape(text);
            table.AddRow(
                Mark(o.Rank.ToString(CultureInfo.InvariantCulture) + (winner ? " ★" : "")),
                Mark(SpecFormat.Wrap(o.Optimizer, 24)),
                Markup.Escape(o.Lr is double lr ? SweepSummary.Format(lr) : "-"),
                Markup.Escape(o.Failed ? "-" : SweepFigures.Interval(o.Estimate)),
                $"{o.DivergedRuns} of {d.Lrs.Count * d.Seeds.Count}");
        }
        console.Write(table);
        // The comparison with the winner is a sentence per optimizer: under the table, it keeps the table in 80 columns.
        console.MarkupLine($"[grey]{Markup.Escape("against the winner, paired over the seeds: difference [95% CI], seeds worse on")}[/]");
        foreach (OptimizerOutcome o in summary.Ranking.Where(o => o.Rank != 1 || o.Failed))
            console.MarkupLine(Markup.Escape(TextFold.Fold($"{o.Rank,4}. {o.Optimizer}: {o.VersusWinnerText}", 80).Replace("\n  ", "\n        ", StringComparison.Ordinal)));
        console.MarkupLine($"[bold]{Fold(summary.Statement)}[/]");
        foreach (string note in summary.Notes) console.MarkupLine($"[yellow]note:[/]{Fold("note: " + note)["note:".Length..]}");
    }

    /// <summary>The whole sweep's files, written as one set: all of them or none.</summary>
    private static void WriteFiles(Terminal terminal, SweepSummary summary, string directory, PlotlyPlacement plotly)
    {
        IReadOnlyList<Picture> pictures = terminal.Draw(() => SweepFigures.Pictures(summary));
        OutputDirectory.WriteSet(directory, "--out", output =>
        {
            AtomicFile.WriteText(output.File("runs.csv"), summary.Results.WriteRunsCsv);
            AtomicFile.WriteText(output.File("curves.csv"), summary.Results.WriteCurvesCsv);
            AtomicFile.Write(output.File("summary.json"), summary.WriteJson);
            Parallel.Invoke(
                () => Picture.SaveAll(pictures, output.Path),
                () =>
                {
                    var html = new HtmlReport($"Descent: sweep {summary.Definition.Kind}, {summary.Definition.Title}") { Plotly = plotly };
                    SweepFigures.AddTo(html, summary, pictures.Select(p => p.Name + ".png"));
                    html.Save(output.File("report.html"));
                });
        });
        terminal.Console.MarkupLine(Markup.Escape(TextFold.Fold(
            $"wrote into {directory}: runs.csv, curves.csv, summary.json, {string.Join(", ", pictures.Select(p => p.Name + ".png/.svg"))}, report.html", 80)));
    }
}
