using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// Labels in the margin right of the data area, each at the height its line ends at (its final value), pushed apart
/// where they would overlap and joined to their line's end by a short leader: curves that bunch up at the end can
/// still be told apart and read, with no legend over the data.
/// </summary>
internal sealed class EndLabels : IPlottable, IRenderLast
{
    private readonly List<(double Y, string Text, Color Color)> _labels = [];

    /// <summary>The font size of the labels, in points.</summary>
    public const float FontSize = 12;

    /// <summary>Pixels between neighbouring labels' baselines.</summary>
    private const float LineHeight = FontSize + 4;

    /// <inheritdoc/>
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc/>
    public IAxes Axes { get; set; } = new ScottPlot.Axes();

    /// <inheritdoc/>
    public IEnumerable<LegendItem> LegendItems => [];

    /// <summary>Adds a label for a line ending at <paramref name="y"/> (axis units; clamped into the view).</summary>
    public void Add(double y, string text, Color color) => _labels.Add((y, text, color));

    /// <summary>How wide the margin must be for the widest label, in pixels (with the leader's room).</summary>
    public float Width()
    {
        using Paint paint = Paint.NewDisposablePaint();
        return _labels.Count == 0 ? 0 : _labels.Max(l => Style(l.Text, l.Color).Measure(paint).Width) + 22;
    }

    /// <inheritdoc/>
    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    /// <inheritdoc/>
    public void Render(RenderPack rp)
    {
    }

    /// <inheritdoc/>
    public void RenderLast(RenderPack rp)
    {
        PixelRect data = rp.DataRect;
        if (_labels.Count == 0) return;
        var placed = _labels
            .Select(l => (Wanted: Math.Clamp(double.IsFinite(l.Y) ? Axes.GetPixelY(l.Y) : data.Top, data.Top, data.Bottom), l.Text, l.Color))
            .OrderBy(l => l.Wanted).ToArray();
        float[] at = Spread([.. placed.Select(l => (float)l.Wanted)], data.Top + LineHeight / 2, data.Bottom - LineHeight / 2);
        float x = data.Right + 16;
        for (int i = 0; i < placed.Length; i++)
        {
            using var leader = new SkiaSharp.SKPaint { Color = placed[i].Color.WithAlpha(0.7).ToSKColor(), StrokeWidth = 1, IsAntialias = true };
            rp.Canvas.DrawLine(data.Right + 1, (float)placed[i].Wanted, x - 3, at[i], leader);
            Style(placed[i].Text, placed[i].Color).Render(rp.Canvas, new Pixel(x, at[i]), rp.Paint);
        }
    }

    /// <summary>
    /// Positions as near the wanted ones (sorted, top first) as labels LineHeight apart allow, inside top..bottom where
    /// they fit: pushed down past each other, then back up from the bottom.
    /// </summary>
    internal static float[] Spread(float[] wanted, float top, float bottom)
    {
        float gap = wanted.Length <= 1 ? LineHeight : Math.Min(LineHeight, (bottom - top) / (wanted.Length - 1));
        var at = new float[wanted.Length];
        for (int i = 0; i < at.Length; i++) at[i] = Math.Max(wanted[i], i == 0 ? top : at[i - 1] + gap);
        for (int i = at.Length - 1; i >= 0; i--) at[i] = Math.Min(at[i], i == at.Length - 1 ? bottom : at[i + 1] - gap);
        return at;
    }

    private static LabelStyle Style(string text, Color color) => new()
    {
        Text = text,
        FontName = PlotStyle.FontFamily,
        FontSize = FontSize,
        ForeColor = color,
        Alignment = Alignment.MiddleLeft,
    };
}
