using Descent.Functions;
using Descent.Specs;
using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// The global minima a catalog function is known to have, as the pictures mark them: a gold star at each one in view,
/// and a legend entry saying what the star is. Without a catalog entry nothing is known, and the pictures fall back to
/// the lowest f they sampled (see <see cref="ContourPlot"/>), which their legend calls that.
/// </summary>
internal static class KnownMinima
{
    /// <summary>The star's fill, bright on Viridis's dark floor where minima lie, outlined in black for its yellow peaks.</summary>
    public const string Css = "#ffd21f";

    /// <summary>The minima of the runs' function (they share it), or none when it is not from the catalog.</summary>
    public static IReadOnlyList<Minimum> Of(IReadOnlyList<RunView> views) => views[0].Run.GlobalMinima ?? [];

    /// <summary>Whether the function's global minima are known.</summary>
    public static bool Known(IReadOnlyList<RunView> views) => Of(views).Count > 0;

    /// <summary>The known minima inside a one-variable view (between <paramref name="x"/>'s ends), as (x, f*) points.</summary>
    public static Coordinates[] OnCurve(IReadOnlyList<RunView> views, PlotRange x, PlotRange y) =>
        [.. Of(views).Where(m => Inside(x, m.Point[0]) && Inside(y, m.Value)).Select(m => new Coordinates(m.Point[0], m.Value))];

    /// <summary>The known minima inside a two-variable view, as (x, y) points.</summary>
    public static Coordinates[] InPlane(IReadOnlyList<RunView> views, PlaneView plane) =>
        [.. Of(views).Where(m => Inside(plane.X, m.Point[0]) && Inside(plane.Y, m.Point[1])).Select(m => new Coordinates(m.Point[0], m.Point[1]))];

    /// <summary>The legend entry: "global minimum, f* = 0" or "global minima (4), f* = 0".</summary>
    public static string Legend(IReadOnlyList<RunView> views)
    {
        IReadOnlyList<Minimum> all = Of(views);
        // Five significant digits: enough to compare with the runs' final values, short enough for a legend.
        string value = SpecFormat.Significant(all[0].Value, 5);
        return all.Count == 1 ? $"global minimum, f* = {value}" : $"global minima ({all.Count}), f* = {value}";
    }

    /// <summary>
    /// The sentence a caption needs about the minima: how many the stars mark, and how many lie outside the view
    /// ("" when none are known).
    /// </summary>
    public static string Caption(IReadOnlyList<RunView> views, int shown)
    {
        int count = Of(views).Count;
        if (count == 0) return "";
        string stars = shown == 0 ? "" : shown == 1 ? " The gold star marks the global minimum." : $" The gold stars mark the {shown} global minima.";
        if (shown == 1 && count > 1) stars = $" The gold star marks one of the {count} global minima.";
        int outside = count - shown;
        return stars + (outside == 0 ? "" : outside == count
            ? $" The function's global {(count == 1 ? "minimum lies" : "minima lie")} outside the view."
            : $" {outside} more lie{(outside == 1 ? "s" : "")} outside the view.");
    }

    private static bool Inside(PlotRange r, double v) => v >= r.Low && v <= r.High;
}
