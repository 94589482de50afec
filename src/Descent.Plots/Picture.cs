using Descent.IO;
using ScottPlot;

namespace Descent.Plots;

/// <summary>A finished static figure: a name for its files, the plot, and its size in pixels.</summary>
public sealed record Picture(string Name, Plot Plot, int Width, int Height)
{
    /// <summary>What the figure shows and how to read it, in a sentence or two, for the page it appears on ("" when not given).</summary>
    public string Caption { get; init; } = "";

    /// <summary>The plot; its markers are drawn without a dash pattern left over from a dashed line (see <see cref="UndashedMarker"/>).</summary>
    public Plot Plot { get; init; } = UndashedMarker.ApplyTo(Plot);

    /// <summary>The figure as PNG bytes.</summary>
    public byte[] Png() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The figure as an SVG document (the same text for the same figure, whatever was drawn before it).</summary>
    public string Svg() => SvgIds.Renumber(Plot.GetSvgXml(Width, Height));

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
