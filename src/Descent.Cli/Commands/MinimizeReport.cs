using System.Globalization;
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
        if (t.Gaps is { } gaps) yield return Short(gaps[^1]);
        if (t.Distances is { } distances) yield return Short(distances[^1]);
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

    private static string Number(double value) => Trajectory.Format(value);

    private static string Short(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
