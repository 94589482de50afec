using ScottPlot;
using SkiaSharp;

namespace Descent.Plots;

/// <summary>
/// A five-pointed star, filled in its style's fill colour and outlined in its line colour: ScottPlot has no star shape,
/// and a star is what readers look for at a function's global minimum. Drawn undashed, as <see cref="UndashedMarker"/> does.
/// </summary>
internal sealed class StarMarker : IMarker
{
    /// <summary>The one instance; it holds no state.</summary>
    public static readonly StarMarker Instance = new();

    private static readonly SKPathEffect Solid = LinePattern.Solid.GetPathEffect();

    /// <inheritdoc/>
    public void Render(SKCanvas canvas, Paint paint, Pixel center, float size, MarkerStyle markerStyle)
    {
        using var path = new SKPath();
        for (int k = 0; k < 10; k++)
        {
            // Outer points on a circle of the marker's size, inner ones at the regular star's 0.382 of it.
            double radius = (k % 2 == 0 ? 0.5 : 0.191) * size, angle = -Math.PI / 2 + k * Math.PI / 5;
            var point = new SKPoint(center.X + (float)(radius * Math.Cos(angle)), center.Y + (float)(radius * Math.Sin(angle)));
            if (k == 0) path.MoveTo(point);
            else path.LineTo(point);
        }
        path.Close();
        paint.SKPathEffect = Solid;
        paint.IsAntialias = true;
        paint.IsStroke = false;
        paint.Color = markerStyle.FillColor;
        canvas.DrawPath(path, paint.SKPaint);
        if (markerStyle.LineWidth <= 0) return;
        paint.IsStroke = true;
        paint.StrokeWidth = markerStyle.LineWidth;
        paint.Color = markerStyle.LineColor;
        canvas.DrawPath(path, paint.SKPaint);
    }
}
