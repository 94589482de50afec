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
        command.Options.Add(PlotlyJsOption.Create());
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
            WriteFiles(terminal, report, parsed.GetValue(output)!, parsed.GetValue(logScale), parsed.GetValue(saveModel), PlotlyJsOption.Read(parsed));
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
                Hint(Invariant($"the features' sizes differ by {spread.Ratio:0}x ({spread.Largest} about {spread.LargestSize:G3}, ") +
                    Invariant($"{spread.Smallest} about {spread.SmallestSize:G3}); one learning rate rarely suits all: --standardize features puts them on one scale"));
            if (setup.Standardize != Standardize.All && plan.TargetSize is > Standardization.LargeSpread and var size)
                Hint($"the targets are about {size.ToString(size < 1e4 ? "0" : "0.#e+0", CultureInfo.InvariantCulture)} in size, far for optimizers whose steps are about lr (adam, rmsprop, ...): " +
                    "--standardize all scales them too");
        }
        void Hint(string text) =>
            terminal.Console.MarkupLine($"[yellow]hint:[/]{Markup.Escape(TextFold.Fold("hint: " + text, TableWidth, " ")["hint:".Length..])}");
        void Header(TrainingPlan plan)
        {
            // What is trained on what, then the settings, each folded at 80 columns between its parts.
            string what = TextFold.Fold($"train {setup.Model} with {setup.Loss.ToSpec()} on {plan.Description}", TableWidth);
            string settings = $"{plan.TrainSamples} train / {plan.TestSamples} test samples, batch {setup.BatchSize}{(setup.Shuffle ? ", shuffled" : "")}, " +
                $"{setup.Epochs} epochs, {Cli.Name(setup.DType)}" +
                (setup.Scheduler is { } s ? $", scheduler {s.ToSpec()} per {setup.SchedulerInterval.ToString().ToLowerInvariant()}" : "") +
                (setup.Clipping is { } c ? $", {c}" : "") +
                (setup.Standardize != Standardize.None ? $", standardized {(setup.Standardize == Standardize.All ? "features and targets" : "features")}" : "") +
                (setup.EarlyStopping is int patience ? $", early stopping after {patience} epochs without progress" : "");
            terminal.Console.MarkupLine($"[bold]train[/]{Markup.Escape(what["train".Length..])}");
            terminal.Console.MarkupLine($"[grey]{Markup.Escape(TextFold.Fold(settings, TableWidth))}[/]");
        }
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
        if (setup.Standardize == Standardize.None && report.Results.Any(r => r.Stopped is not null))
            Hint("a run diverged on unscaled data; with --standardize features (or all) the same learning rate often trains");
        return report;
    }

    /// <summary>losses.csv, summary.json, the loss pictures and report.html, and the trained models if asked, written as one set: all of them or none.</summary>
    internal static void WriteFiles(Terminal terminal, TrainingReport report, string directory, bool logScale, bool saveModels = false, PlotlyPlacement plotly = PlotlyPlacement.Inline)
    {
        string[] modelNames = saveModels ? [.. report.Models.Select((m, k) => $"model-{k + 1}-{OptimizerCatalog.Parse(m.Optimizer!).Name}")] : [];
        IReadOnlyList<Picture> pictures = terminal.Draw(() => TrainingFigures.Pictures(report, logScale));
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
                    var html = new HtmlReport("Descent: comparing optimizers") { Plotly = plotly };
                    TrainingFigures.AddTo(html, report, logScale);
                    html.Save(output.File("report.html"));
                });
        });
        string files = $"wrote into {directory}: losses.csv, summary.json, {string.Join(", ", pictures.Select(p => p.Name + ".png/.svg"))}, report.html" +
            (modelNames.Length == 0 ? "" : $", and the trained models {string.Join(", ", modelNames.Select(n => n + ".safetensors/.json"))}");
        terminal.Console.MarkupLine(Markup.Escape(TextFold.Fold(files, TableWidth)));
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
        // Progress goes to standard error, so 'descent train > file' keeps only the results.
        var progress = new TrainingProgress(terminal.Error, terminal.ErrorIsInteractive);
        try
        {
            return setup.Run(started, epoch =>
            {
                Cli.Interruption.ThrowIfCancellationRequested();
                progress.Report(epoch);
            }, resume, checkpoint);
        }
        finally
        {
            progress.Clear();
        }
    }

    /// <summary>The table fits this many columns (a terminal's classic width), however wide the output is.</summary>
    private const int TableWidth = 80;

    /// <summary>
    /// One row per optimizer, best first (lowest whole-set test loss, or train loss without a test set), the winner starred;
    /// in 80 columns, specs wrapped only between their arguments; "best epoch" explained under it. The tutorial's per-epoch
    /// batch means are in the progress lines, losses.csv and summary.json.
    /// </summary>
    private static void PrintTable(IAnsiConsole console, TrainingReport report)
    {
        bool hasTest = report.TestSamples > 0;
        IReadOnlyList<OptimizerResult> ranked = report.BestFirst();
        double Key(OptimizerResult r) => hasTest ? r.FinalTestLoss ?? double.NaN : r.FinalFullTrainLoss;
        bool winner = ranked.Count > 1 && double.IsFinite(Key(ranked[0]));
        var columns = new List<(string Header, Func<OptimizerResult, string> Cell)>();
        if (hasTest) columns.Add(("test loss\n(whole set)", r => Format(r.FinalTestLoss ?? double.NaN)));
        columns.Add(("train loss\n(whole set)", r => Format(r.FinalFullTrainLoss)));
        columns.Add(("best\nepoch¹", r => r.BestEpoch.ToString(CultureInfo.InvariantCulture)));
        // Each column of numbers as wide as its widest line (plus padding and a border); the specs get what is left of 80.
        int numbers = columns.Sum(c => 3 + Math.Max(c.Header.Split('\n').Max(h => h.Length), ranked.Max(r => c.Cell(r).Length)));
        int room = Math.Max(12, TableWidth - 1 - numbers - 3 - (winner ? 2 : 0));
        var table = new Table().Border(TableBorder.Rounded).AddColumn("optimizer");
        foreach (var (header, _) in columns) table.AddColumn(new TableColumn(header).RightAligned());
        foreach (OptimizerResult r in ranked)
        {
            string spec = Markup.Escape(SpecFormat.Wrap(r.Spec, room));
            string name = r == ranked[0] && winner ? $"[bold green]★ {spec.Replace("\n", "\n  ", StringComparison.Ordinal)}[/]" : spec;
            // The table says when; the warning line on standard error and summary.json say where and why.
            if (r.Divergence is { } d) name += $"\n[red](diverged at step {d.Step})[/]";
            else if (r.Stopped is not null) name += "\n[yellow](diverged)[/]";
            table.AddRow([name, .. columns.Select(c => Markup.Escape(c.Cell(r)))]);
        }
        console.Write(table);
        string[] notes =
        [
            $"best first by {(hasTest ? "test" : "train")} loss over the whole {(hasTest ? "test" : "training")} set after training",
            hasTest ? "¹ best epoch: the epoch after which the test batch mean (the mean of the test batches' losses, the tutorial's per-epoch test loss) was lowest"
                : "¹ best epoch: the epoch with the lowest train batch mean (the mean of its batch losses, the tutorial's per-epoch train loss)",
        ];
        foreach (string note in notes) console.MarkupLine($"[grey]{Markup.Escape(TextFold.Fold(note, TableWidth, " "))}[/]");
        foreach (OptimizerResult r in report.Results.Where(r => r.KeptEpoch is not null))
            console.MarkupLine(r.StoppedEarly
                ? $"{Markup.Escape(r.Spec)} stopped early after epoch {r.TrainLosses.Count} ({report.Options.EarlyStopping} epochs without a lower test loss); it keeps epoch {r.KeptEpoch}'s weights"
                : $"{Markup.Escape(r.Spec)} ran every epoch; it keeps epoch {r.KeptEpoch}'s weights, those of its lowest test loss");
        if (report.LeastSquaresTrainLoss is double best)
            console.MarkupLine(Markup.Escape(TextFold.Fold($"least squares, the best any linear model can reach on the whole set: train {Format(best)}" +
                (report.LeastSquaresTestLoss is double bestTest ? $", test {Format(bestTest)} (fitted on the test set)" : ""), TableWidth, " ")));
    }

    // Six significant digits tell the optimizers apart; a diverging run's losses would otherwise take dozens.
    private static string Format(double value) =>
        !double.IsFinite(value) ? value.ToString(CultureInfo.InvariantCulture)
        : SpecFormat.Significant(value, 6);
}
