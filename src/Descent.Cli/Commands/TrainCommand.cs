using System.CommandLine;
using System.Globalization;
using Descent.Data;
using Descent.Expressions;
using Descent.IO;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Specs;
using Descent.Training;
using Spectre.Console;
using static System.FormattableString;

namespace Descent.Cli.Commands;

/// <summary><c>descent train</c>: trains one model with several optimizers on the same data and compares their loss curves.</summary>
internal static class TrainCommand
{
    public static Command Create(Terminal terminal) => Create(terminal, "train", null, null);

    /// <summary>The train command's options under another name, doing <paramref name="run"/> with the validated setup instead of training (descent sweep train).</summary>
    internal static Command Create(Terminal terminal, string name, string? description, Func<ParseResult, TrainingSetup, int>? run)
    {
        // The defaults are the tutorial's experiment, defined once in the library.
        TrainingSetup tutorial = Tutorial.Training;
        var source = (SyntheticSource)tutorial.Data;
        var data = new Option<string?>("--data") { Description = "Train on this CSV file (header row of column names); needs --target." };
        var target = new Option<string?>("--target") { Description = "The CSV column(s) to predict, e.g. price or a,b." };
        var features = new Option<string?>("--features") { Description = "The CSV columns to use as inputs (default: all but the targets)." };
        var categorical = new Option<string?>("--categorical") { Description = "CSV columns of categories (text or codes) to one-hot encode, e.g. city or city,type." };
        var delimiter = new Option<string?>("--delimiter") { Description = "The CSV field separator: one character, or 'tab' (default: ',', ';' or tab, detected from the header)." };
        var standardize = new Option<string>("--standardize")
        {
            Description = "Z-score the features (features) or features and targets (all) with the training split's mean and standard deviation; "
                + "losses are reported in the targets' units either way.",
            DefaultValueFactory = _ => tutorial.Standardize.ToString().ToLowerInvariant(),
        };
        standardize.AcceptOnlyFromAmong("none", "features", "all");
        var synthetic = new Option<string>("--synthetic")
        {
            Description = "Without --data: generate samples of this function of uniform inputs, plus noise.",
            DefaultValueFactory = _ => source.Function.Text,
        };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the Gaussian noise added to synthetic targets.", DefaultValueFactory = _ => source.Noise };
        var samples = new Option<int>("--samples") { Description = "Number of synthetic samples.", DefaultValueFactory = _ => source.Samples };
        var inputRange = new Option<string>("--input-range")
        {
            Description = "Range of the synthetic inputs, LOW,HIGH (HIGH excluded).",
            DefaultValueFactory = _ => $"{SpecFormat.Number(source.Low)},{SpecFormat.Number(source.High)}",
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data, split, initial weights and shuffles.", DefaultValueFactory = _ => tutorial.Seed };
        var trainFraction = new Option<double>("--train-fraction")
        {
            Description = "Fraction of samples to train on; the rest is the test set (1 means no test set).",
            DefaultValueFactory = _ => tutorial.TrainFraction,
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per optimizer step.", DefaultValueFactory = _ => tutorial.BatchSize };
        var shuffle = new Option<bool>("--shuffle") { Description = "Shuffle the training samples each epoch as PyTorch's DataLoader does (the same orders for every optimizer)." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => tutorial.Epochs };
        var model = new Option<string>("--model") { Description = "linear, or mlp(hidden=(64, 64), activation=tanh|relu|sigmoid).", DefaultValueFactory = _ => tutorial.Model.ToString() };
        var loss = new Option<string>("--loss") { Description = "mse, l1, huber(delta=1.0), bce_with_logits or cross_entropy.", DefaultValueFactory = _ => tutorial.Loss.ToSpec() };
        var optimizers = new Option<string>("--optimizers") { Description = "Optimizer specs separated by ';' (see 'descent optimizers').", DefaultValueFactory = _ => Tutorial.Optimizers };
        var dtype = new Option<string>("--dtype") { Description = "Arithmetic precision: float32 (as PyTorch's default) or float64.", DefaultValueFactory = _ => Cli.Name(tutorial.DType) };
        dtype.AcceptOnlyFromAmong("float32", "float64");
        var output = new Option<string>("--out", "-o") { Description = "Directory for losses.csv, summary.json, losses.png/.svg and report.html.", DefaultValueFactory = _ => "descent-train" };
        var logScale = new Option<bool>("--log-scale") { Description = "Draw the loss curves on a logarithmic axis." };
        var saveModel = new Option<bool>("--save-model")
        {
            Description = "Also write each optimizer's trained model into --out: model-K-NAME.safetensors (weights, loadable by PyTorch) and model-K-NAME.json (its spec, for descent predict).",
        };
        var schedule = new ScheduleOptions();
        var interval = new Option<string>("--scheduler-interval")
        {
            Description = "Step the --scheduler after every epoch (as PyTorch scripts usually do) or after every batch (step).",
            DefaultValueFactory = _ => "epoch",
        };
        interval.AcceptOnlyFromAmong("epoch", "step");

        var command = new Command(name, description ?? "Train a model with several optimizers on the same data and compare their train and test losses. "
            + "With no options: the tutorial's six optimizers on noisy x^2 + y^2.")
        {
            data, target, features, categorical, delimiter, standardize, synthetic, noise, samples, inputRange, seed, trainFraction, batchSize, shuffle, epochs, model, loss, optimizers, dtype, output, logScale,
        };
        command.Options.Add(saveModel);
        var earlyStopping = new Option<int?>("--early-stopping")
        {
            Description = "Stop an optimizer once this many epochs in a row have not lowered its test loss, and keep its best epoch's weights.",
        };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write a checkpoint to resume from after every N epochs of each optimizer (into --checkpoint-dir)." };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Where --checkpoint-every writes (default: the --out directory's name followed by -checkpoint)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run whose checkpoint is in DIR, exactly as if it had never stopped (give the same options)." };
        command.Options.Add(earlyStopping);
        command.Options.Add(checkpointEvery);
        command.Options.Add(checkpointDir);
        command.Options.Add(resume);
        foreach (Option option in schedule.All) command.Options.Add(option);
        command.Options.Add(interval);
        command.SetAction(parsed =>
        {
            DataSource dataSource;
            if (parsed.GetValue(data) is { } path)
            {
                if (string.IsNullOrWhiteSpace(parsed.GetValue(target))) throw new InputException("--data needs --target: the column(s) to predict");
                dataSource = new CsvSource(path, SplitNames(parsed.GetValue(target)!), parsed.GetValue(features) is { } f ? SplitNames(f) : null)
                {
                    Categorical = parsed.GetValue(categorical) is { } c ? SplitNames(c) : null,
                    Delimiter = ParseDelimiter(parsed.GetValue(delimiter)),
                };
            }
            else
            {
                if (parsed.GetValue(target) is not null || parsed.GetValue(features) is not null) throw new InputException("--target and --features go with --data FILE.csv");
                if (parsed.GetValue(categorical) is not null || parsed.GetValue(delimiter) is not null) throw new InputException("--categorical and --delimiter go with --data FILE.csv");
                var (low, high) = ParseRange(parsed.GetValue(inputRange)!);
                Expression function = Cli.Parsing("--synthetic", () => Expression.Parse(parsed.GetValue(synthetic)!));
                dataSource = new SyntheticSource(function, parsed.GetValue(noise), parsed.GetValue(samples), low, high);
            }
            var setup = new TrainingSetup
            {
                Data = dataSource,
                TrainFraction = parsed.GetValue(trainFraction),
                Seed = parsed.GetValue(seed),
                Model = Cli.Parsing("--model", () => ModelCatalog.Parse(parsed.GetValue(model)!)),
                Loss = Cli.Parsing("--loss", () => LossCatalog.Parse(parsed.GetValue(loss)!)),
                Optimizers = Cli.Parsing("--optimizers", () => OptimizerCatalog.ParseList(parsed.GetValue(optimizers)!)),
                Epochs = parsed.GetValue(epochs),
                BatchSize = parsed.GetValue(batchSize),
                Shuffle = parsed.GetValue(shuffle),
                DType = Cli.ParseDType(parsed.GetValue(dtype)!),
                Scheduler = schedule.ReadScheduler(parsed),
                SchedulerInterval = parsed.GetValue(interval) == "step" ? SchedulerInterval.Step : SchedulerInterval.Epoch,
                Clipping = schedule.ReadClipping(parsed),
                Standardize = Enum.Parse<Standardize>(parsed.GetValue(standardize)!, ignoreCase: true),
                EarlyStopping = parsed.GetValue(earlyStopping),
                CheckpointEvery = parsed.GetValue(checkpointEvery),
            };
            if (setup.Scheduler is null && parsed.GetResult(interval) is { Implicit: false })
                throw new InputException("--scheduler-interval goes with --scheduler");
            // Everything the user gave is checked before any work starts.
            setup.Validate();
            if (run is not null) return run(parsed, setup);
            OutputDirectory.Check(parsed.GetValue(output)!, "--out");
            if (parsed.GetValue(checkpointDir) is not null && setup.CheckpointEvery == 0) throw new InputException("--checkpoint-dir goes with --checkpoint-every");
            string? checkpoints = setup.CheckpointEvery == 0 ? null
                : parsed.GetValue(checkpointDir) ?? Path.TrimEndingDirectorySeparator(parsed.GetValue(output)!) + "-checkpoint";
            if (checkpoints is not null) OutputDirectory.Check(checkpoints, "--checkpoint-dir");
            TrainingState? resumed = null;
            if (parsed.GetValue(resume) is { } from)
            {
                try
                {
                    resumed = TrainingState.Load(from);
                }
                catch (InputException e)
                {
                    throw new InputException($"--resume: {e.Message}");
                }
            }
            Task warmup = Warmup.Start();
            TrainingReport report = Train(setup, terminal, resumed, checkpoints is null ? null : state => state.Save(checkpoints));
            warmup.Wait();
            WriteFiles(terminal, report, parsed.GetValue(output)!, parsed.GetValue(logScale), parsed.GetValue(saveModel));
            return 0;
        });
        return command;
    }

    /// <summary>Runs the setup with progress and prints the results table; writes nothing.</summary>
    internal static TrainingReport Train(TrainingSetup setup, Terminal terminal, TrainingState? resume = null, Action<TrainingState>? checkpoint = null)
    {
        void Started(TrainingPlan plan)
        {
            Header(plan);
            if (setup.Standardize == Standardize.None && plan.FeatureSpread is { Ratio: > Standardization.LargeSpread } spread)
                terminal.Console.MarkupLine(Invariant($"[yellow]hint:[/] the features' sizes differ by {spread.Ratio:0}x ({Markup.Escape(spread.Largest)} about {spread.LargestSize:G3}, ") +
                    Invariant($"{Markup.Escape(spread.Smallest)} about {spread.SmallestSize:G3}); one learning rate rarely suits all: --standardize features puts them on one scale"));
            if (setup.Standardize != Standardize.All && plan.TargetSize is > Standardization.LargeSpread and var size)
                terminal.Console.MarkupLine(Invariant($"[yellow]hint:[/] the targets are about {size.ToString(size < 1e4 ? "0" : "0.#e+0", CultureInfo.InvariantCulture)} in size, far for optimizers whose steps are about lr (adam, rmsprop, ...): ") +
                    "--standardize all scales them too");
        }
        void Header(TrainingPlan plan) =>
            terminal.Console.MarkupLine($"[bold]train[/] {Markup.Escape(setup.Model.ToString())} with {Markup.Escape(setup.Loss.ToSpec())} on {Markup.Escape(plan.Description)}  " +
                $"[grey]{plan.TrainSamples} train / {plan.TestSamples} test samples, batch {setup.BatchSize}{(setup.Shuffle ? ", shuffled" : "")}, " +
                $"{setup.Epochs} epochs, {Cli.Name(setup.DType)}" +
                (setup.Scheduler is { } s ? $", scheduler {Markup.Escape(s.ToSpec())} per {setup.SchedulerInterval.ToString().ToLowerInvariant()}" : "") +
                (setup.Clipping is { } c ? $", {Markup.Escape(c.ToString())}" : "") +
                (setup.Standardize != Standardize.None ? $", standardized {(setup.Standardize == Standardize.All ? "features and targets" : "features")}" : "") +
                (setup.EarlyStopping is int patience ? $", early stopping after {patience} epochs without progress" : "") + "[/]");
        TrainingReport report;
        try
        {
            report = TrainWithProgress(terminal, setup, Started, resume, checkpoint);
        }
        catch (CsvException e) when (e.TextColumn is { } column)
        {
            string others = string.Join(",", e.OtherFeatures);
            throw new InputException($"{e.Message}; leave it out with {(others.Length > 0 ? $"--features {others}" : "--features")} or one-hot encode it with --categorical {column}");
        }
        PrintTable(terminal.Console, report);
        // One line per diverged run, where it diverged, for people and for scripts reading the errors.
        foreach (OptimizerResult r in report.Results.Where(r => r.Stopped is not null))
            terminal.Error.WriteLine($"warning: {r.Spec} {r.Stopped}");
        if (setup.Standardize == Standardize.None && report.Results.Any(r => r.Stopped is not null))
            terminal.Console.MarkupLine("[yellow]hint:[/] a run diverged on unscaled data; with --standardize features (or all) the same learning rate often trains");
        return report;
    }

    /// <summary>losses.csv, summary.json, the loss pictures and report.html, and the trained models if asked, written as one set: all of them or none.</summary>
    internal static void WriteFiles(Terminal terminal, TrainingReport report, string directory, bool logScale, bool saveModels = false)
    {
        string[] modelNames = saveModels ? [.. report.Models.Select((m, k) => $"model-{k + 1}-{OptimizerCatalog.Parse(m.Optimizer!).Name}")] : [];
        IReadOnlyList<Picture> pictures = TrainingFigures.Pictures(report, logScale);
        OutputDirectory.WriteSet(directory, "--out", output =>
        {
            AtomicFile.WriteText(output.File("losses.csv"), report.WriteLossesCsv);
            AtomicFile.Write(output.File("summary.json"), report.WriteSummaryJson);
            for (int k = 0; k < modelNames.Length; k++)
                report.Models[k].Save(output.File(modelNames[k] + ".safetensors"), output.File(modelNames[k] + ".json"));
            // The pictures and the page do not depend on each other: render them on both cores.
            Parallel.Invoke(
                () => Picture.SaveAll(pictures, output.Path),
                () =>
                {
                    var html = new HtmlReport("Descent: comparing optimizers");
                    TrainingFigures.AddTo(html, report, pictures.Select(p => p.Name + ".png"), logScale);
                    html.Save(output.File("report.html"));
                });
        });
        terminal.Console.MarkupLine($"wrote [bold]{Markup.Escape(Path.Combine(directory, "losses.csv"))}[/], [bold]{Markup.Escape(Path.Combine(directory, "summary.json"))}[/], " +
            $"{Markup.Escape(string.Join(", ", pictures.Select(p => p.Name + ".png/.svg")))} and [bold]{Markup.Escape(Path.Combine(directory, "report.html"))}[/]" +
            (modelNames.Length == 0 ? "" : $", and the trained models {Markup.Escape(string.Join(", ", modelNames.Select(n => n + ".safetensors/.json")))}"));
    }

    /// <summary>A --delimiter: one character, or tab spelled out.</summary>
    internal static char? ParseDelimiter(string? text) => text switch
    {
        null => null,
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw new InputException($"--delimiter: '{text}' is not one character (or 'tab')"),
    };

    private static string[] SplitNames(string list) => [.. list.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0)];

    private static (double Low, double High) ParseRange(string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
            && double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double high))
            return (low, high);
        throw new InputException($"--input-range: '{text}' is not LOW,HIGH (e.g. -1,1)");
    }

    private static TrainingReport TrainWithProgress(Terminal terminal, TrainingSetup setup, Action<TrainingPlan> started, TrainingState? resume, Action<TrainingState>? checkpoint)
    {
        if (!terminal.IsInteractive)
        {
            // Redirected output gets one plain line per optimizer as it finishes.
            return setup.Run(started, report =>
            {
                Cli.Interruption.ThrowIfCancellationRequested();
                if (report.Stopped is not null)
                    terminal.Output.WriteLine($"{report.Spec}: {report.Stopped}");
                else if (report.Epoch == report.Epochs || report.StoppedEarly)
                    terminal.Output.WriteLine($"{report.Spec}: {report.Epochs} epochs, train loss {Format(report.TrainLoss)}" +
                        (report.TestLoss is double t ? $", test loss {Format(t)}" : "") + (report.StoppedEarly ? " (stopped early)" : ""));
            }, resume, checkpoint);
        }
        TrainingReport? report = null;
        terminal.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask[] tasks = [];
                report = setup.Run(plan =>
                {
                    started(plan);
                    tasks = [.. setup.Optimizers.Select(o => ctx.AddTask(Markup.Escape(o.ToSpec()), maxValue: setup.Epochs))];
                }, epoch =>
                {
                    Cli.Interruption.ThrowIfCancellationRequested();
                    tasks[epoch.Optimizer].Value = epoch.Stopped is null && !epoch.StoppedEarly ? epoch.Epoch : setup.Epochs;
                    if (epoch.Stopped is not null) tasks[epoch.Optimizer].Description = $"[red]{Markup.Escape(epoch.Spec)} diverged[/]";
                }, resume, checkpoint);
            });
        return report!;
    }

    private static void PrintTable(IAnsiConsole console, TrainingReport report)
    {
        bool hasTest = report.TestSamples > 0;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("optimizer")
            .AddColumn(new TableColumn("train loss\n(last epoch)").RightAligned())
            .AddColumn(new TableColumn("full train loss\n(after training)").RightAligned());
        if (hasTest) table.AddColumn(new TableColumn("test loss\n(after training)").RightAligned());
        table.AddColumn(new TableColumn("best epoch").RightAligned());
        foreach (OptimizerResult r in report.Results)
        {
            string spec = Markup.Escape(r.Spec) + (r.Divergence is { } d ? $"\n[red]diverged at step {d.Step} (epoch {d.Epoch}, batch {d.Batch}): {Markup.Escape(d.Parameter)}[/]" : "");
            var row = new List<string> { spec, Format(r.FinalTrainLoss), Format(r.FinalFullTrainLoss) };
            if (hasTest) row.Add(Format(r.FinalTestLoss ?? double.NaN));
            row.Add(r.BestEpoch.ToString(CultureInfo.InvariantCulture));
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        foreach (OptimizerResult r in report.Results.Where(r => r.KeptEpoch is not null))
            console.MarkupLine(r.StoppedEarly
                ? $"{Markup.Escape(r.Spec)} stopped early after epoch {r.TrainLosses.Count} ({report.Options.EarlyStopping} epochs without a lower test loss); it keeps epoch {r.KeptEpoch}'s weights"
                : $"{Markup.Escape(r.Spec)} ran every epoch; it keeps epoch {r.KeptEpoch}'s weights, those of its lowest test loss");
        if (report.LeastSquaresTrainLoss is double best)
            console.MarkupLine($"best train loss any linear model can reach (least squares): [bold]{Format(best)}[/]");
    }

    private static string Format(double value) =>
        !double.IsFinite(value) ? value.ToString(CultureInfo.InvariantCulture)
        // A diverging run's losses would otherwise be written out in dozens of digits.
        : Math.Abs(value) >= 1e9 ? value.ToString("0.######e+0", CultureInfo.InvariantCulture)
        : value.ToString("0.######", CultureInfo.InvariantCulture);
}
