using ScottPlot;

namespace Descent.Plots;

/// <summary>The fonts, colours and sizes every Descent figure shares.</summary>
public static class PlotStyle
{
    /// <summary>The font family every figure uses, shipped inside this assembly (see <see cref="EmbeddedFont"/>).</summary>
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
    public static Plot NewPlot()
    {
        EmbeddedFont.Register();
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
}
