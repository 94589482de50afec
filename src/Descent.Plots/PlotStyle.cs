using ScottPlot;

namespace Descent.Plots;

/// <summary>The fonts, colours and sizes every Descent figure shares.</summary>
public static class PlotStyle
{
    /// <summary>The font family every figure uses (Debian's fonts-dejavu-core provides it).</summary>
    public const string FontFamily = "DejaVu Sans";

    /// <summary>One colour per run or optimizer, in order (the Tableau 10 palette).</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#d62728"), Color.FromHex("#1f77b4"), Color.FromHex("#2ca02c"), Color.FromHex("#ff7f0e"), Color.FromHex("#9467bd"),
        Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#17becf"), Color.FromHex("#bcbd22"), Color.FromHex("#7f7f7f"),
    ];

    /// <summary>The colour of run <paramref name="index"/>.</summary>
    public static Color RunColor(int index) => Palette[index % Palette.Length];

    /// <summary>The same colour as CSS, for the HTML report.</summary>
    public static string RunCss(int index) => RunColor(index).ToHex()[..7];

    /// <summary>A new plot with the shared font and sizes set.</summary>
    /// <exception cref="FontNotFoundException">DejaVu Sans is not installed, so text would not render.</exception>
    public static Plot NewPlot()
    {
        if (!FontIsInstalled(FontFamily))
            throw new FontNotFoundException($"the font '{FontFamily}' is not installed, so figures would have no readable text; install it (Debian: apt-get install fonts-dejavu-core)");
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        plot.Axes.Title.Label.FontSize = 17;
        plot.Axes.Bottom.Label.FontSize = 15;
        plot.Axes.Left.Label.FontSize = 15;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Legend.FontSize = 12;
        plot.Legend.FontName = FontFamily;
        return plot;
    }

    /// <summary>Whether the font is installed itself (Skia would otherwise substitute another family silently).</summary>
    internal static bool FontIsInstalled(string family)
    {
        using SkiaSharp.SKTypeface? typeface = SkiaSharp.SKFontManager.Default.MatchFamily(family);
        return typeface is not null && typeface.FamilyName == family;
    }
}

/// <summary>The font figures need is missing; rendering would give blank text, so nothing is drawn.</summary>
public sealed class FontNotFoundException(string message) : Exception(message);
