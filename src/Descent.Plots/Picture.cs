using Descent.IO;
using ScottPlot;

namespace Descent.Plots;

/// <summary>A finished static figure: a name for its files, the plot, and its size in pixels.</summary>
public sealed record Picture(string Name, Plot Plot, int Width, int Height)
{
    /// <summary>The figure as PNG bytes.</summary>
    public byte[] Png() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The figure as an SVG document.</summary>
    public string Svg()
    {
        // Skia numbers clip paths from a counter shared by the whole process, so a picture drawn beside another
        // (SaveAll draws them in parallel) would get other ids from run to run: number them by first appearance.
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(Plot.GetSvgXml(Width, Height), @"\bcl_[0-9a-f]+\b",
            m => ids.TryGetValue(m.Value, out string? id) ? id : ids[m.Value] = $"cl_{ids.Count:x}");
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
