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

    /// <summary>The dash pattern of run <paramref name="index"/>'s path, so paths that lie on each other still show each one.</summary>
    internal static LinePattern RunPattern(int index) => Patterns[index % Patterns.Length];

    /// <summary>The same dash pattern for plotly.js.</summary>
    internal static string RunDash(int index) => PlotlyDashes[index % PlotlyDashes.Length];

    /// <summary>The marker shape of run <paramref name="index"/>, for the same reason as its dash pattern.</summary>
    internal static MarkerShape RunMarker(int index) => Markers[index % Markers.Length];

    /// <summary>The same marker shape for plotly.js.</summary>
    internal static string RunSymbol(int index) => PlotlySymbols[index % PlotlySymbols.Length];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private static readonly string[] PlotlyDashes = ["solid", "dash", "dot", "dashdot"];
    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare];
    private static readonly string[] PlotlySymbols = ["circle", "square", "triangle-up", "triangle-down", "circle-open", "square-open"];

    /// <summary>
    /// Sets the title, which has <paramref name="width"/> pixels centred on the data area: in the usual size where it fits, else smaller
    /// (down to 11 px), else on two lines broken at a space near the middle; a long function never runs off the edges.
    /// </summary>
    public static void Title(Plot plot, string text, int width)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(text);
        LabelStyle label = plot.Axes.Title.Label;
        float room = width - 40;
        using Paint paint = Paint.NewDisposablePaint();
        float Width(string t, float size)
        {
            label.Text = t;
            label.FontSize = size;
            return label.Measure(paint).Width;
        }
        for (float size = label.FontSize; size >= 11; size--)
        {
            if (Width(text, size) <= room)
            {
                plot.Title(text);
                label.FontSize = size;
                return;
            }
        }
        int middle = text.Length / 2, before = text.LastIndexOf(' ', middle), after = text.IndexOf(' ', middle);
        int split = before < 0 ? after : after < 0 || middle - before <= after - middle ? before : after;
        plot.Title(split < 0 ? text : text[..split] + "\n" + text[(split + 1)..]);
        label.FontSize = 11;
    }

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
        // A handful of round ticks with short labels (no 60-digit numbers), as a reader expects of a chart.
        plot.Axes.Bottom.TickGenerator = ReadableTicks.Linear(90);
        plot.Axes.Left.TickGenerator = ReadableTicks.Linear(55);
        return plot;
    }
}
