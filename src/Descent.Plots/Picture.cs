using System.Text;
using Descent.IO;
using ScottPlot;
using SkiaSharp;

namespace Descent.Plots;

/// <summary>A finished static figure: a name for its files, the plot, and its size in pixels.</summary>
public sealed record Picture(string Name, Plot Plot, int Width, int Height)
{
    /// <summary>What the figure shows and how to read it, in a sentence or two, for the page it appears on ("" when not given).</summary>
    public string Caption { get; init; } = "";

    /// <summary>The plot; its markers are drawn without a dash pattern left over from a dashed line (see <see cref="UndashedMarker"/>).</summary>
    public Plot Plot { get; init; } = UndashedMarker.ApplyTo(Plot);

    /// <summary>
    /// A second panel drawn under <see cref="Plot"/>, taking the bottom <see cref="BelowHeight"/> pixels of <see cref="Height"/>:
    /// two plots sharing a horizontal axis (train and test losses against the epoch). Null for a single plot.
    /// </summary>
    public Plot? Below { get; init; }

    /// <summary>The height in pixels of <see cref="Below"/>, out of <see cref="Height"/>.</summary>
    public int BelowHeight { get; init; }

    /// <summary>The figure as PNG bytes.</summary>
    public byte[] Png()
    {
        // Drawn once and kept: a page embeds the same bytes its file holds, often on another thread at the same time, and a
        // ScottPlot plot keeps layout state while it renders, so it is never drawn on two threads at once.
        lock (Plot)
        {
            var key = (Plot, Below, Width, Height, BelowHeight);
            if (_png is { } kept && kept.Key == key) return kept.Bytes;
            byte[] bytes = RenderPng();
            _png = (key, bytes);
            return bytes;
        }
    }

    /// <summary>The figure as an SVG document (the same text for the same figure, whatever was drawn before it).</summary>
    public string Svg()
    {
        lock (Plot) return RenderSvg();
    }

    private ((Plot, Plot?, int, int, int) Key, byte[] Bytes)? _png;

    private byte[] RenderPng()
    {
        if (Below is null) return Plot.GetImageBytes(Width, Height, ImageFormat.Png);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        DrawPanels(surface.Canvas);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private string RenderSvg()
    {
        if (Below is null) return SvgIds.Renumber(Plot.GetSvgXml(Width, Height));
        using var stream = new MemoryStream();
        using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream)) DrawPanels(canvas);
        return SvgIds.Renumber(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private void DrawPanels(SKCanvas canvas)
    {
        (Plot Plot, PixelRect Rect)[] panels = [(Plot, new PixelRect(0, Width, Height - BelowHeight, 0)), (Below!, new PixelRect(0, Width, Height, Height - BelowHeight))];
        // A plot's first render settles its layout and then draws itself again: done once on a canvas that keeps nothing,
        // so the picture holds each panel once, the same however often it is drawn.
        using (var dry = new SKNoDrawCanvas(Width, Height))
            foreach (var (plot, rect) in panels) plot.Render(dry, rect);
        canvas.Clear(SKColors.White);
        // Each plot clears its figure background: clipped to its own part, it leaves the other one be.
        foreach (var (plot, rect) in panels)
        {
            canvas.Save();
            canvas.ClipRect(rect.ToSKRect());
            plot.Render(canvas, rect);
            canvas.Restore();
        }
    }

    /// <summary>Saves every picture into <paramref name="directory"/>, several at a time (each is independent).</summary>
    public static void SaveAll(IEnumerable<Picture> pictures, string directory) =>
        Parallel.ForEach(pictures, p => p.Save(directory));

    /// <summary>Writes <c>Name.png</c> and <c>Name.svg</c> into <paramref name="directory"/> (each atomically); returns their paths.</summary>
    public IReadOnlyList<string> Save(string directory)
    {
        string png = Path.Combine(directory, Name + ".png"), svg = Path.Combine(directory, Name + ".svg");
        byte[] bytes = Png();
        AtomicFile.Write(png, s => s.Write(bytes));
        string xml = Svg();
        AtomicFile.WriteText(svg, w => w.Write(xml));
        return [png, svg];
    }
}
