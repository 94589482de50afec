using System.CommandLine;
using Descent.Expressions;
using Descent.Functions;
using Descent.IO;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Specs;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent minimize EXPR --from x=2,y=2 ...</c>: gradient-based minimization of a typed function, optionally racing optimizers and drawing the paths.</summary>
internal static class MinimizeCommand
{
    public static Command Create(Terminal terminal)
    {
        var expression = new Argument<string>("expression")
        {
            Description = "The function to minimize, e.g. \"x^2 + 4*x + 1\", \"(1 - x)^2 + 100*(y - x^2)^2\" or \"sum(i, 1, n, (x[i] - i)^2)\", or a catalog function such as rosenbrock or \"rastrigin(n=3)\" (see 'descent functions'), or @FILE to read it from a file.",
        };
        var from = new Option<string>("--from")
        {
            Description = "Start value of every variable, e.g. x=2,y=2; its order is the parameter order. A vector takes x=zeros(N), x=ones(N), x=[1,2,3] or x=@FILE (a file of numbers); @FILE reads the whole option from a file. A catalog function starts from its own start unless this is given.",
        };
        var size = new Option<string?>("--size")
        {
            Description = "The value of each size (a name in a sum's bounds), e.g. n=100,m=3. A size not given is the length of the vectors in --from, when they all have one length.",
        };
        var optimizer = new Option<string[]>("--optimizer")
        {
            Description = "Optimizer spec name(key=value, ...), e.g. \"sgd(lr=0.7)\"; give it several times to race optimizers. See 'descent optimizers'.",
            AllowMultipleArgumentsPerToken = false,
        };
        var optimizers = new Option<string?>("--optimizers")
        {
            Description = "Several optimizer specs separated by ';', raced from the same start, e.g. \"sgd(lr=0.1); adam(lr=0.1)\".",
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
            Description = "Write every visited point to this CSV file (- for standard output): step,<variables>,value, and lr with --scheduler (with several optimizers, an optimizer column first).",
        };
        var coordinates = new Option<string?>("--trajectory-coordinates")
        {
            Description = $"How many coordinates of each point --trajectory writes: all, or the first N followed by a grad_norm column. Default: all for a function of scalar variables, the first {VectorCoordinates} for one with vector variables.",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Write pictures (.png and .svg) and an interactive report.html into this directory.",
        };
        var schedule = new ScheduleOptions();
        var tol = new Option<double?>("--tol")
        {
            Description = "Report the first step at which f - f* < TOL (a catalog function, whose minimum is known), or |grad f| < TOL (a typed function).",
        };
        var explain = new Option<bool>("--explain")
        {
            Description = "Explain each run from the curvature: converged, oscillating, diverged, stalled or still descending, with the Hessian's eigenvalues and the optimizer's stability bound.",
        };

        var command = new Command("minimize", "Minimize a function you type, with exact gradients, from a start point.")
        {
            expression, from, size, optimizer, optimizers, steps, dtype, trajectory, coordinates, plot, tol, explain,
        };
        foreach (Option option in schedule.All) command.Options.Add(option);
        command.Options.Add(PlotlyJsOption.Create());
        command.SetAction(parsed =>
        {
            string text = parsed.GetValue(expression)!;
            // A function too long for a command line comes from a file (any name but *.rsp, which is a response file).
            // Its line breaks and indentation are spaces to the language: one line reads better in titles and errors.
            if (text.StartsWith('@'))
                text = System.Text.RegularExpressions.Regex.Replace(InputFile.Read(text[1..], stream => new StreamReader(stream).ReadToEnd()), @"\s+", " ").Trim();
            TestFunction? known = FunctionCatalog.Recognize(text);
            Expression function = known?.ToExpression() ?? Cli.Parsing("the function", () => Expression.Parse(text));
            StartPoint start = StartPoint.Resolve(parsed.GetValue(from), function, known);
            IReadOnlyList<OptimizerOptions> specs = Specs(parsed.GetValue(optimizer) ?? [], parsed.GetValue(optimizers));
            int columns = Coordinates(parsed.GetValue(coordinates), function);
            var minimizer = new Minimizer
            {
                Function = function,
                Variables = start.Variables,
                Start = start.Values,
                Sizes = Sizes(parsed.GetValue(size)),
                // What the trajectory does not write need not be kept (two coordinates draw a path; --explain needs every point).
                KeptCoordinates = columns == int.MaxValue || parsed.GetValue(explain) ? null : Math.Max(columns, 2),
                Steps = parsed.GetValue(steps),
                DType = Cli.ParseDType(parsed.GetValue(dtype)!),
                Scheduler = schedule.ReadScheduler(parsed),
                Clipping = schedule.ReadClipping(parsed),
                TestFunction = known,
            };
            if (specs.Count > 0) minimizer = minimizer with { Optimizers = specs };
            minimizer.Validate();
            double? tolerance = parsed.GetValue(tol);
            if (tolerance is { } bound) MinimizeReport.CheckTolerance(minimizer, bound);
            if ((tolerance is not null || parsed.GetValue(explain)) && parsed.GetValue(trajectory) is "-")
                throw new InputException($"{(tolerance is null ? "--explain reports" : "--tol reports")} in the summary, which --trajectory - replaces with the CSV: write the trajectory to a file");
            if (parsed.GetValue(plot) is { } plotDirectory) OutputDirectory.Check(plotDirectory, "--plot");
            if (parsed.GetValue(trajectory) is "") throw new InputException("--trajectory: the file path is empty");
            Task? warmup = parsed.GetValue(plot) is null ? null : Warmup.Start();
            string precision = Cli.Name(minimizer.DType);
            IReadOnlyList<Trajectory> runs = minimizer.Run();

            string? trajectoryInPlot = null;
            void WriteTrajectory(TextWriter w)
            {
                if (runs.Count == 1) runs[0].WriteCsv(w, columns);
                else Trajectory.WriteCsv(runs, w, columns);
            }
            if (parsed.GetValue(trajectory) is "-")
            {
                // The CSV is the result on standard output; the summary would only get in its way.
                WriteTrajectory(terminal.Output);
                foreach (Trajectory t in runs.Where(r => r.StoppedEarly is not null)) terminal.Error.WriteLine($"warning: {t.Optimizer}: {t.StoppedEarly}");
            }
            else
            {
                // A trajectory inside the --plot directory belongs to that set of files: it is written with it, below.
                string? path = parsed.GetValue(trajectory);
                if (path is not null && parsed.GetValue(plot) is { } plotted && Path.GetDirectoryName(Path.GetFullPath(path)) == OutputDirectory.Check(plotted, "--plot"))
                    trajectoryInPlot = Path.GetFileName(path);
                else if (path is not null) AtomicFile.WriteText(path, WriteTrajectory);
                if (runs.Count == 1) PrintSummary(terminal.Console, runs[0], precision, tolerance);
                else PrintRace(terminal.Console, runs, precision, tolerance);
                if (minimizer.Scheduler is not null || minimizer.Clipping is not null)
                    terminal.Console.MarkupLine("[grey]" + Markup.Escape(string.Join(", ", new[]
                    {
                        minimizer.Scheduler is { } s ? $"scheduler {s.ToSpec()} (one step per optimizer step)" : null,
                        minimizer.Clipping?.ToString(),
                    }.OfType<string>())) + "[/]");
                if (parsed.GetValue(explain)) MinimizeReport.PrintDiagnoses(terminal.Console, minimizer, runs, tolerance ?? Diagnosis.DefaultTolerance);
                if (parsed.GetValue(trajectory) is { } written) terminal.Console.MarkupLine($"trajectory: {Markup.Escape(written)}");
            }
            if (parsed.GetValue(plot) is { } directory)
            {
                warmup?.Wait();
                WritePictures(terminal, Drawn(minimizer), runs, directory,
                    trajectoryInPlot is null ? null : output => AtomicFile.WriteText(output.File(trajectoryInPlot), WriteTrajectory), PlotlyJsOption.Read(parsed));
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The function as the pictures evaluate it: a function of vector variables with one or two coordinates in all, whose
    /// curve or map is drawn over those coordinates, written out with each element a variable x[k].
    /// </summary>
    private static Expression Drawn(Minimizer minimizer)
    {
        Expression function = minimizer.Function;
        if (function.Vectors.Count == 0 || minimizer.Variables.Count > 2) return function;
        var lengths = function.Vectors.ToDictionary(v => v, v => minimizer.Variables.Count(name => name.StartsWith(v + "[", StringComparison.Ordinal)));
        return function.Unrolled(lengths, minimizer.Sizes);
    }

    /// <summary>How many coordinates a trajectory CSV shows of a function with vector variables, unless told otherwise.</summary>
    private const int VectorCoordinates = 10;

    /// <summary>The --trajectory-coordinates option: a count, or all (int.MaxValue).</summary>
    private static int Coordinates(string? text, Expression function) => text switch
    {
        null => function.Vectors.Count > 0 ? VectorCoordinates : int.MaxValue,
        "all" => int.MaxValue,
        _ when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) => n,
        _ => throw new InputException($"--trajectory-coordinates: '{text}' is not all or a whole number >= 0"),
    };

    /// <summary>The --size option, e.g. n=100,m=3, or null if not given.</summary>
    private static Dictionary<string, int>? Sizes(string? text)
    {
        if (text is null) return null;
        var sizes = new Dictionary<string, int>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] pair = item.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0) throw new InputException($"--size: '{item}' is not name=value (e.g. --size n=100)");
            if (!int.TryParse(pair[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value))
                throw new InputException($"--size: '{pair[1]}' is not a whole number >= 0 (in {item})");
            if (!sizes.TryAdd(pair[0], value)) throw new InputException($"--size: '{pair[0]}' is given twice");
        }
        return sizes;
    }

    private static IReadOnlyList<OptimizerOptions> Specs(string[] single, string? list)
    {
        var specs = new List<OptimizerOptions>();
        foreach (string s in single) specs.Add(Cli.Parsing("--optimizer", () => OptimizerCatalog.Parse(s)));
        if (list is not null) specs.AddRange(Cli.Parsing("--optimizers", () => OptimizerCatalog.ParseList(list)));
        return specs;
    }

    /// <summary>The pictures that fit the function's dimension, and report.html with them, written as one set: all of them or none.</summary>
    /// <param name="terminal">Where messages go.</param>
    /// <param name="function">The function the runs minimized.</param>
    /// <param name="runs">The runs to draw.</param>
    /// <param name="directory">The --plot directory.</param>
    /// <param name="alsoWrite">Writes any other file that belongs in the set (a trajectory the user put there).</param>
    /// <param name="plotly">Where report.html gets plotly.js from.</param>
    internal static void WritePictures(Terminal terminal, Expression function, IReadOnlyList<Trajectory> runs, string directory, Action<OutputDirectory>? alsoWrite = null,
        PlotlyPlacement plotly = PlotlyPlacement.Inline)
    {
        IReadOnlyList<Picture> pictures = terminal.Draw(() => MinimizeFigures.Pictures(function, runs));
        OutputDirectory.WriteSet(directory, "--plot", output =>
        {
            alsoWrite?.Invoke(output);
            Parallel.Invoke(
                () => Picture.SaveAll(pictures, output.Path),
                () =>
                {
                    var report = new HtmlReport($"Descent: minimizing {function.Text}") { Plotly = plotly };
                    MinimizeFigures.AddTo(report, function, runs, pictures);
                    report.Save(output.File("report.html"));
                });
        });
        terminal.Console.MarkupLine($"pictures: {Markup.Escape(string.Join(", ", pictures.Select(p => p.Name + ".png/.svg")))} and [bold]{Markup.Escape(Path.Combine(directory, "report.html"))}[/]");
    }

    /// <summary>Tables are laid out for this many columns, a terminal's classic width, however wide the output is.</summary>
    private const int TableWidth = 80;

    /// <summary>A race table shows this many coordinates of a final point, then says how many more there are.</summary>
    private const int PointLines = 4;

    /// <summary>
    /// Several optimizers from the same start: one row each, best final value first, the winner starred; in 80 columns,
    /// with specs wrapped only between their arguments and the final point one coordinate a line.
    /// </summary>
    private static void PrintRace(IAnsiConsole console, IReadOnlyList<Trajectory> runs, string dtype, double? tolerance)
    {
        Trajectory first = runs[0];
        console.MarkupLine($"[bold]minimize[/] {Markup.Escape(first.Expression)}");
        console.MarkupLine($"[grey]{Markup.Escape(TextFold.Fold($"from {Point(first, 0, ", ")}, f = {Trajectory.Format(first.Values[0])}, {dtype}; best first", TableWidth))}[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("optimizer").AddColumn(new TableColumn("final f").RightAligned())
            .AddColumn(new TableColumn("|grad f|").RightAligned()).AddColumn(new TableColumn("steps").RightAligned()).AddColumn("final point");
        MinimizeReport.AddColumns(table, runs, tolerance);
        // 80 columns hold the race; the measures of a known minimum (gap, distance, steps to tolerance) need more.
        if (table.Columns.Count <= 5) table.Width = Math.Min(TableWidth, console.Profile.Width);
        IReadOnlyList<Trajectory> ranked = Trajectory.BestFirst(runs);
        bool winner = double.IsFinite(ranked[0].Values[^1]);
        foreach (Trajectory t in ranked)
        {
            string spec = Markup.Escape(SpecFormat.Wrap(t.Optimizer, 26));
            string name = t == ranked[0] && winner ? $"[bold green]★ {spec}[/]" : spec;
            if (t.StoppedEarly is not null) name += "\n[yellow](diverged)[/]";
            int shown = t.Variables.Count <= PointLines ? t.Variables.Count : PointLines - 1;
            string point = string.Join("\n", t.Variables.Take(shown).Select((v, i) => $"{v} = {Short(t.Points[^1][i], 6)}"))
                + (shown < t.Variables.Count ? $"\n({t.Variables.Count - shown} more)" : "");
            table.AddRow([name, Markup.Escape(Short(t.Values[^1], 6)), Markup.Escape(Short(t.GradientNorms[^1], 3)),
                t.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(point), .. MinimizeReport.Cells(t, tolerance)]);
        }
        console.Write(table);
        foreach (Trajectory t in runs.Where(r => r.StoppedEarly is not null))
            Warn(console, $"{t.Optimizer}: {t.StoppedEarly}");
    }

    private static void PrintSummary(IAnsiConsole console, Trajectory t, string dtype, double? tolerance)
    {
        int last = t.Points.Count - 1;
        console.MarkupLine($"[bold]minimize[/] {Markup.Escape(t.Expression)}  [grey]with {Markup.Escape(t.Optimizer)}, {dtype}[/]");
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2).NoWrap()).AddColumn();
        // Within 80 columns: the point and f on one line, else f on the next, else one coordinate a line (no break inside "x = 2").
        string Line(int k)
        {
            string point = Point(t, k, ", "), f = $"f = {Trajectory.Format(t.Values[k])}";
            const int room = TableWidth - 14;
            return point.Length + 3 + f.Length <= room ? $"{point}   {f}" : point.Length <= room ? $"{point}\n{f}" : $"{Point(t, k, "\n")}\n{f}";
        }
        grid.AddRow("start", Markup.Escape(Line(0)));
        grid.AddRow("final", Markup.Escape(Line(last)));
        grid.AddRow("|grad f|", Trajectory.Format(t.GradientNorms[last]));
        grid.AddRow("steps", t.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (t.Scheduler is not null) grid.AddRow("final lr", Trajectory.Format(t.Lrs[last]));
        MinimizeReport.AddRows(grid, t, tolerance);
        console.Write(grid);
        if (t.StoppedEarly is { } why) Warn(console, why);
    }

    private static string Point(Trajectory t, int k, string separator) => t.PointText(k, separator);

    private static string Short(double v, int digits) => SpecFormat.Significant(v, digits);

    private static void Warn(IAnsiConsole console, string text)
    {
        string[] lines = TextFold.Fold("warning: " + text, TableWidth, " ").Split('\n');
        console.MarkupLine($"[yellow]warning:[/]{Markup.Escape(lines[0]["warning:".Length..])}");
        foreach (string line in lines.Skip(1)) console.MarkupLine(Markup.Escape(line));
    }
}
