using ScottPlot;
using SkiaSharp;

namespace Descent.Plots;

/// <summary>
/// DejaVu Sans (regular and bold), shipped inside this assembly (license: Fonts/LICENSE-DejaVu.txt), so every
/// figure draws with the same font on every machine, whether or not the system has it.
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    private static readonly Lazy<SKTypeface> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));

    /// <summary>Puts the embedded font ahead of the system's, once.</summary>
    public static void Register()
    {
        lock (Fonts.FontResolvers)
            if (!Fonts.FontResolvers.Any(r => r is EmbeddedFont)) Fonts.FontResolvers.Insert(0, new EmbeddedFont());
    }

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        fontName == PlotStyle.FontFamily ? (weight >= FontWeight.SemiBold ? Bold : Regular).Value : null;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == PlotStyle.FontFamily ? (bold ? Bold : Regular).Value : null;

    private static SKTypeface Load(string file)
    {
        using Stream stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream($"Descent.Plots.Fonts.{file}")
            ?? throw new InvalidOperationException($"the embedded font {file} is missing from the build");
        return SKTypeface.FromStream(stream);
    }
}
