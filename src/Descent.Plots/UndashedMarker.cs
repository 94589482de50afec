using ScottPlot;
using SkiaSharp;

namespace Descent.Plots;

/// <summary>
/// Draws a marker of its style's shape after clearing the dash pattern a dashed line drawn just before left on the
/// shared paint. ScottPlot leaves it there, which dashes marker outlines and makes Skia's SVG writer print
/// "Unsupported path effect" on standard output, into the command's results.
/// </summary>
internal sealed class UndashedMarker : IMarker
{
    /// <summary>The one instance; it holds no state.</summary>
    public static readonly UndashedMarker Instance = new();

    // How ScottPlot itself says "no dash" (its LabelStyle does the same).
    private static readonly SKPathEffect Solid = LinePattern.Solid.GetPathEffect();

    /// <inheritdoc/>
    public void Render(SKCanvas canvas, Paint paint, Pixel center, float size, MarkerStyle markerStyle)
    {
        paint.SKPathEffect = Solid;
        markerStyle.Shape.GetMarker().Render(canvas, paint, center, size, markerStyle);
    }

    /// <summary>Makes every marker of <paramref name="plot"/> (its plottables' and its legend's own items) without a renderer of its own draw undashed; returns the plot.</summary>
    public static Plot ApplyTo(Plot plot)
    {
        foreach (IHasMarker marked in plot.PlottableList.OfType<IHasMarker>().Concat(plot.Legend.ManualItems))
            marked.MarkerStyle.CustomRenderer ??= Instance; // a star draws itself undashed
        return plot;
    }
}
