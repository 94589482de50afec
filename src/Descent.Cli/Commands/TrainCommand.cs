using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Descent.Data;
using Descent.Expressions;
using Descent.IO;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent train</c>: trains one model with several optimizers on the same data and compares their loss curves.</summary>
internal static class TrainCommand
{
    public const string TutorialOptimizers = "sgd(lr=0.01); momentum(lr=0.01); adagrad(lr=0.01); rmsprop(lr=0.01); adadelta(); adam(lr=0.01)";

    public static Command Create(Terminal terminal)
    {
        var data = new Option<string?>("--data") { Description = "Train on this CSV file (header row of column names); needs --target." };
        var target = new Option<string?>("--target") { Description = "The CSV column(s) to predict, e.g. price or a,b." };
        var features = new Option<string?>("--features") { Description = "The CSV columns to use as inputs (default: all but the targets)." };
        var synthetic = new Option<string>("--synthetic")
        {
            Description = "Without --data: generate samples of this function of uniform inputs, plus noise.",
            DefaultValueFactory = _ => "x^2 + y^2",
        };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of the Gaussian noise added to synthetic targets.", DefaultValueFactory = _ => 1.0 };
        var samples = new Option<int>("--samples") { Description = "Number of synthetic samples.", DefaultValueFactory = _ => 1000 };
        var inputRange = new Option<string>("--input-range") { Description = "Range of the synthetic inputs, LOW,HIGH (HIGH excluded).", DefaultValueFactory = _ => "0,1" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the data, split, initial weights and shuffles.", DefaultValueFactory = _ => 0 };
        var trainFraction = new Option<double>("--train-fraction") { Description = "Fraction of samples to train on; the rest is the test set (1 means no test set).", DefaultValueFactory = _ => 0.8 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per optimizer step.", DefaultValueFactory = _ => 32 };
        var shuffle = new Option<bool>("--shuffle") { Description = "Shuffle the training samples each epoch (the same order for every optimizer)." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => 50 };
        var model = new Option<string>("--model") { Description = "linear, or mlp(hidden=(64, 64), activation=tanh|relu|sigmoid).", DefaultValueFactory = _ => "linear" };
        var loss = new Option<string>("--loss") { Description = "mse, l1, huber(delta=1.0), bce_with_logits or cross_entropy.", DefaultValueFactory = _ => "mse" };
        var optimizers = new Option<string>("--optimizers") { Description = "Optimizer specs separated by ';' (see 'descent optimizers').", DefaultValueFactory = _ => TutorialOptimizers };
        var dtype = new Option<string>("--dtype") { Description = "Arithmetic precision: float32 (as PyTorch's default) or float64.", DefaultValueFactory = _ => "float32" };
        dtype.AcceptOnlyFromAmong("float32", "float64");
        var output = new Option<string>("--out") { Description = "Directory for losses.csv, summary.json, losses.png/.svg and report.html.", DefaultValueFactory = _ => "descent-train" };
        var logScale = new Option<bool>("--log-scale") { Description = "Draw the loss curves on a logarithmic axis." };

        var command = new Command("train", "Train a model with several optimizers on the same data and compare their train and test losses. "
            + "With no options: the tutorial's six optimizers on noisy x^2 + y^2.")
        {
            data, target, features, synthetic, noise, samples, inputRange, seed, trainFraction, batchSize, shuffle, epochs, model, loss, optimizers, dtype, output, logScale,
        };
        command.SetAction(parsed =>
        {
            var request = new TrainRequest(
                parsed.GetValue(data), parsed.GetValue(target), parsed.GetValue(features), parsed.GetValue(synthetic)!, parsed.GetValue(noise),
                parsed.GetValue(samples), parsed.GetValue(inputRange)!, parsed.GetValue(seed), parsed.GetValue(trainFraction), parsed.GetValue(batchSize),
                parsed.GetValue(shuffle), parsed.GetValue(epochs), parsed.GetValue(model)!, parsed.GetValue(loss)!, parsed.GetValue(optimizers)!,
                parsed.GetValue(output)!, parsed.GetValue(logScale));
            return parsed.GetValue(dtype) == "float64" ? Run<double>(request, terminal) : Run<float>(request, terminal);
        });
        return command;
    }

    internal sealed record TrainRequest(string? Data, string? Target, string? Features, string Synthetic, double Noise, int Samples, string InputRange,
        ulong Seed, double TrainFraction, int BatchSize, bool Shuffle, int Epochs, string Model, string Loss, string Optimizers, string Out, bool LogScale);

    private static int Run<T>(TrainRequest r, Terminal terminal) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Task warmup = Warmup.Start();
        TrainingReport report = Train<T>(r, terminal);
        warmup.Wait();
        WriteFiles(terminal, report, r.Out, r.LogScale);
        return 0;
    }

    /// <summary>Trains as the request says and prints the results; writes nothing.</summary>
    internal static TrainingReport Train<T>(TrainRequest r, Terminal terminal) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Everything the user gave is checked before any work starts.
        if (r.Epochs < 1) throw new InputException($"--epochs must be at least 1, not {r.Epochs}");
        if (r.BatchSize < 1) throw new InputException($"--batch-size must be at least 1, not {r.BatchSize}");
        if (!(r.TrainFraction > 0 && r.TrainFraction <= 1)) throw new InputException($"--train-fraction must be in (0, 1], not {r.TrainFraction.ToString(CultureInfo.InvariantCulture)}");
        IReadOnlyList<OptimizerOptions> optimizerList = Cli.Parsing("--optimizers", () => OptimizerCatalog.ParseList(r.Optimizers));
        ModelSpec modelSpec = Cli.Parsing("--model", () => ModelSpec.Parse(r.Model));
        Loss lossFunction = Cli.Parsing("--loss", () => Nn.Loss.Parse(r.Loss));
        // One generator, drawn in the order of the tutorial's PyTorch script (data, split, weights): seed 0 gives its data.
        var random = new TorchGenerator(r.Seed);
        var (dataset, description) = LoadData<T>(r, random);

        Dataset<T> train = dataset, test = dataset.Subset([]);
        if (r.TrainFraction < 1)
        {
            // The test part gets what the train fraction leaves; 1e-9 absorbs binary rounding (0.8 * 1000 must be 800).
            int trainSize = (int)Math.Floor(dataset.Count * r.TrainFraction + 1e-9);
            int[] sizes = [trainSize, dataset.Count - trainSize];
            if (sizes[0] == 0) throw new InputException($"--train-fraction {r.TrainFraction.ToString(CultureInfo.InvariantCulture)} of {dataset.Count} samples leaves no training samples");
            Dataset<T>[] parts = RandomSplit.BySizes(dataset, sizes, random);
            (train, test) = (parts[0], parts[1]);
        }
        int outputs = lossFunction.ModelOutputs<T>(dataset.Targets.Dim(1), dataset.Targets.Data);
        Module<T> initial = modelSpec.Build<T>(dataset.Features.Dim(1), outputs, random);
        var options = new TrainingOptions(r.Epochs, r.BatchSize, r.Shuffle, r.Seed);
        string dtype = typeof(T) == typeof(float) ? "float32" : "float64";

        terminal.Console.MarkupLine($"[bold]train[/] {Markup.Escape(modelSpec.ToString())} with {Markup.Escape(lossFunction.Name)} on {Markup.Escape(description)}  " +
            $"[grey]{train.Count} train / {test.Count} test samples, batch {r.BatchSize}{(r.Shuffle ? ", shuffled" : "")}, {r.Epochs} epochs, {dtype}[/]");
        IReadOnlyList<OptimizerResult> results = TrainWithProgress(terminal, initial, lossFunction, train, test.Count > 0 ? test : null, optimizerList, options);

        double? bestLinear = modelSpec.Hidden.Count == 0 && lossFunction is MseLoss ? LeastSquares.MeanSquaredError(train) : null;
        var report = new TrainingReport(description, modelSpec.ToString(), r.Loss.Trim(), dtype, options, train.Count, test.Count, results, bestLinear);
        PrintTable(terminal.Console, report);

        return report;
    }

    /// <summary>losses.csv, summary.json, the loss pictures and report.html, each written atomically.</summary>
    internal static void WriteFiles(Terminal terminal, TrainingReport report, string directory, bool logScale)
    {
        Directory.CreateDirectory(directory);
        string lossesPath = Path.Combine(directory, "losses.csv"), summaryPath = Path.Combine(directory, "summary.json");
        AtomicFile.WriteText(lossesPath, report.WriteLossesCsv);
        AtomicFile.Write(summaryPath, report.WriteSummaryJson);
        IReadOnlyList<Picture> pictures = TrainingFigures.Pictures(report, logScale);
        string page = Path.Combine(directory, "report.html");
        // The pictures and the page do not depend on each other: render them on both cores.
        Parallel.Invoke(
            () => Picture.SaveAll(pictures, directory),
            () =>
            {
                var html = new HtmlReport("Descent: comparing optimizers");
                TrainingFigures.AddTo(html, report, pictures.Select(p => p.Name + ".png"), logScale);
                html.Save(page);
            });
        terminal.Console.MarkupLine($"wrote [bold]{Markup.Escape(lossesPath)}[/], [bold]{Markup.Escape(summaryPath)}[/], " +
            $"{Markup.Escape(string.Join(", ", pictures.Select(p => p.Name + ".png/.svg")))} and [bold]{Markup.Escape(page)}[/]");
    }

    private static (Dataset<T> Data, string Description) LoadData<T>(TrainRequest r, TorchGenerator random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (r.Data is { } path)
        {
            if (string.IsNullOrWhiteSpace(r.Target)) throw new InputException("--data needs --target: the column(s) to predict");
            string[] targets = SplitNames(r.Target);
            string[]? features = r.Features is null ? null : SplitNames(r.Features);
            Dataset<T> csv = CsvDataset.Load<T>(path, targets, features);
            return (csv, $"{Path.GetFileName(path)} ({string.Join(", ", csv.FeatureNames)} -> {string.Join(", ", csv.TargetNames)})");
        }
        if (r.Target is not null || r.Features is not null) throw new InputException("--target and --features go with --data FILE.csv");
        Expression function = Cli.Parsing("--synthetic", () => Expression.Parse(r.Synthetic));
        var (low, high) = ParseRange(r.InputRange);
        Dataset<T> synthetic = SyntheticData.Generate<T>(function, r.Samples, r.Noise, random, low, high);
        string noise = OptimizerOptions.FormatNumber(r.Noise);
        return (synthetic, $"synthetic {function.Text}, noise {noise}, {r.Samples} samples");
    }

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

    private static IReadOnlyList<OptimizerResult> TrainWithProgress<T>(Terminal terminal, Module<T> initial, Loss loss, Dataset<T> train, Dataset<T>? test,
        IReadOnlyList<OptimizerOptions> optimizers, TrainingOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!terminal.IsInteractive)
        {
            // Redirected output gets one plain line per optimizer as it finishes.
            return Trainer.Compare(initial, loss, train, test, optimizers, options, report =>
            {
                if (report.Stopped is not null)
                    terminal.Output.WriteLine($"{report.Spec}: {report.Stopped}");
                else if (report.Epoch == report.Epochs)
                    terminal.Output.WriteLine($"{report.Spec}: {report.Epochs} epochs, train loss {Format(report.TrainLoss)}" +
                        (report.TestLoss is double t ? $", test loss {Format(t)}" : ""));
            });
        }
        IReadOnlyList<OptimizerResult> results = [];
        terminal.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = optimizers.Select(o => ctx.AddTask(Markup.Escape(o.ToSpec()), maxValue: options.Epochs)).ToArray();
                results = Trainer.Compare(initial, loss, train, test, optimizers, options, report =>
                {
                    tasks[report.Optimizer].Value = report.Stopped is null ? report.Epoch : options.Epochs;
                    if (report.Stopped is not null) tasks[report.Optimizer].Description = $"[red]{Markup.Escape(report.Spec)} diverged[/]";
                });
            });
        return results;
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
            var row = new List<string> { Markup.Escape(r.Spec), Format(r.FinalTrainLoss), Format(r.FinalFullTrainLoss) };
            if (hasTest) row.Add(Format(r.FinalTestLoss ?? double.NaN));
            row.Add(r.BestEpoch.ToString(CultureInfo.InvariantCulture));
            table.AddRow(row.ToArray());
        }
        console.Write(table);
        foreach (OptimizerResult r in report.Results.Where(r => r.Stopped is not null))
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(r.Spec)} {Markup.Escape(r.Stopped!)}");
        if (report.LeastSquaresTrainLoss is double best)
            console.MarkupLine($"best train loss any linear model can reach (least squares): [bold]{Format(best)}[/]");
    }

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("0.######", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
