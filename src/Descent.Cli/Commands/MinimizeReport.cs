using System.Globalization;
using Descent.Curvature;
using Descent.Specs;
using Descent.Training;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary>What <c>descent minimize</c> prints about success: the gap f - f* and the distance to the nearest global minimum when they are known, and when the tolerance was reached.</summary>
internal static class MinimizeReport
{
    /// <summary>Refuses a tolerance the run cannot measure, naming the option.</summary>
    public static void CheckTolerance(Minimizer minimizer, double tolerance)
    {
        try
        {
            minimizer.ValidateTolerance(tolerance);
        }
        catch (InputException e)
        {
            throw new InputException($"--tol: {e.Message}");
        }
    }

    /// <summary>The race table's columns for the measures: f - f* and distance when the minima are known, then the tolerance's step.</summary>
    public static void AddColumns(Table table, IReadOnlyList<Trajectory> runs, double? tolerance)
    {
        if (runs[0].Gaps is not null)
            table.AddColumn(new TableColumn("f - f*").RightAligned()).AddColumn(new TableColumn("distance").RightAligned());
        if (tolerance is { } tol)
            table.AddColumn(new TableColumn(Markup.Escape($"{runs[0].SuccessMeasure} < {Number(tol)} at step")).RightAligned());
    }

    /// <summary>One run's cells for the columns of <see cref="AddColumns"/>.</summary>
    public static IEnumerable<string> Cells(Trajectory t, double? tolerance)
    {
        if (t.Gaps is { } gaps) yield return Cell(gaps[^1]);
        if (t.Distances is { } distances) yield return Cell(distances[^1]);
        if (tolerance is { } tol) yield return t.FirstStepWithin(tol) is { } k ? k.ToString(CultureInfo.InvariantCulture) : "not reached";
    }

    /// <summary>One run's summary rows: the final gap and distance, and when the tolerance was reached.</summary>
    public static void AddRows(Grid grid, Trajectory t, double? tolerance)
    {
        if (t.Gaps is { } gaps) grid.AddRow("f - f*", Trajectory.Format(gaps[^1]));
        if (t.Distances is { } distances) grid.AddRow("distance", $"{Trajectory.Format(distances[^1])}   [grey](to the nearest global minimum)[/]");
        if (tolerance is not { } tol) return;
        string measure = Markup.Escape(t.SuccessMeasure);
        grid.AddRow("tolerance", t.FirstStepWithin(tol) is { } k
            ? $"{measure} < {Number(tol)} from step {k.ToString(CultureInfo.InvariantCulture)}"
            : $"{measure} not below {Number(tol)} in {t.Steps.ToString(CultureInfo.InvariantCulture)} steps");
    }

    /// <summary>A verdict per run with its explanation, the curvature at the start and along the path, and the optimizer's stability bound.</summary>
    public static void PrintDiagnoses(IAnsiConsole console, Minimizer minimizer, IReadOnlyList<Trajectory> runs, double tolerance)
    {
        console.MarkupLine("[bold]explain[/]");
        // A grid keeps wrapped lines in their column, under the verdict rather than under the optimizer.
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2).NoWrap()).AddColumn();
        foreach (Diagnosis d in Diagnosis.Of(minimizer, runs, tolerance))
        {
            string color = d.Verdict switch { Verdict.Converged => "green", Verdict.Diverged => "red", _ => "yellow" };
            grid.AddRow($"[bold]{Markup.Escape(d.Optimizer)}[/]", $"[{color}]{Name(d.Verdict)}[/]: {Markup.Escape(d.Explanation)}");
            foreach (string line in Details(d)) grid.AddRow("", Markup.Escape(line));
            foreach (string note in d.Notes) grid.AddRow("", $"[yellow]note:[/] {Markup.Escape(note)}");
        }
        console.Write(grid);
    }

    // The curvature at the start and along the path, and the stability bound.
    private static IEnumerable<string> Details(Diagnosis d)
    {
        Spectrum start = d.AtStart;
        if (start.IsDefined)
        {
            string all = start.Eigenvalues is { Count: > 1 } values ? $"; eigenvalues {string.Join(", ", values.Select(Short))}" : "";
            yield return $"curvature at the start: L = {Short(start.Largest)}, mu = {Short(start.Smallest)}, condition number {Short(start.ConditionNumber)}{all}";
        }
        Spectrum[] path = [.. d.Path.Select(p => p.Spectrum).Where(s => s.IsDefined)];
        if (path.Length > 1)
            yield return d.ConstantCurvature
                ? $"along the path: the same everywhere, as on a quadratic ({path.Length} points sampled)"
                : $"along the path: L from {Short(path.Min(s => s.Largest))} to {Short(path.Max(s => s.Largest))}, mu from {Short(path.Min(s => s.Smallest))} to {Short(path.Max(s => s.Smallest))} ({path.Length} points sampled)";
        if (d.Bound is { } bound)
        {
            string limit = bound.Momentum == 0 ? "2/L" : "2(1 + momentum)/L";
            string optimum = d.ConstantCurvature && bound.Mu > 0 ? $"; {bound.DescribeOptimum()}" : "";
            yield return $"stability: {bound.Method} is stable for {bound.LrName} < {limit} = {Short(bound.MaxLr)} at the start{optimum}";
        }
        else if (start.IsDefined && start.Largest > 0)
            yield return $"stability: theory gives {d.Optimizer} no step-size bound (gradient descent's would be lr < 2/L = {Short(2 / start.Largest)})";
    }

    private static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Descending => "still descending",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    private static string Number(double value) => Trajectory.Format(value);

    // As the race table's other columns: four significant digits.
    private static string Cell(double value) => SpecFormat.Significant(value, 4);

    private static string Short(double value) => StabilityBound.Short(value);
}
