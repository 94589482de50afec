using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// Where a legend goes so that it never hides data: the first corner of the data area that no line or point passes
/// through (upper right, upper left, lower right, lower left), else outside the data area, on the right.
/// </summary>
internal static class LegendPlacement
{
    /// <summary>
    /// Places <paramref name="plot"/>'s legend for a <paramref name="width"/> × <paramref name="height"/> picture whose axis
    /// limits are set, given the data drawn as polylines; returns how many pixels wider the picture must be (0 inside).
    /// </summary>
    public static int Place(Plot plot, int width, int height, IEnumerable<IReadOnlyList<Coordinates>> lines)
    {
        using Paint paint = Paint.NewDisposablePaint();
        plot.Legend.IsVisible = true;
        plot.Legend.GetImage().Dispose();
        PixelSize legend = plot.Legend.LastRenderSize;
        PixelRect data = new ScottPlot.LayoutEngines.Automatic().GetLayout(new PixelRect(0, width, height, 0), plot, paint).DataRect;
        AxisLimits limits = plot.Axes.GetLimits();
        Pixel ToPixel(Coordinates c) => new(
            (float)(data.Left + (c.X - limits.Left) / limits.HorizontalSpan * data.Width),
            (float)(data.Top + (limits.Top - c.Y) / limits.VerticalSpan * data.Height));
        List<Pixel[]> pixels = [.. lines.Select(l => l.Where(c => double.IsFinite(c.X) && double.IsFinite(c.Y)).Select(ToPixel).ToArray())];
        const float margin = 12; // the legend's own distance from the frame, plus a little air
        foreach (Alignment corner in new[] { Alignment.UpperRight, Alignment.UpperLeft, Alignment.LowerRight, Alignment.LowerLeft })
        {
            bool right = corner is Alignment.UpperRight or Alignment.LowerRight, top = corner is Alignment.UpperRight or Alignment.UpperLeft;
            float left = right ? data.Right - legend.Width - margin : data.Left, x1 = right ? data.Right : data.Left + legend.Width + margin;
            float y0 = top ? data.Top : data.Bottom - legend.Height - margin, y1 = top ? data.Top + legend.Height + margin : data.Bottom;
            var box = new PixelRect(left, x1, y1, y0);
            if (pixels.All(line => !Crosses(line, box)))
            {
                plot.ShowLegend(corner);
                return 0;
            }
        }
        plot.ShowLegend(Edge.Right);
        return (int)legend.Width + 40;
    }

    private static bool Crosses(Pixel[] line, PixelRect box)
    {
        if (line.Length == 1) return box.Contains(line[0]);
        for (int i = 1; i < line.Length; i++)
            if (SegmentHitsBox(line[i - 1], line[i], box)) return true;
        return false;
    }

    // Liang–Barsky: does the segment from a to b meet the box?
    private static bool SegmentHitsBox(Pixel a, Pixel b, PixelRect box)
    {
        double t0 = 0, t1 = 1, dx = b.X - a.X, dy = b.Y - a.Y;
        foreach (var (p, q) in new[] { (-dx, a.X - box.Left), (dx, box.Right - a.X), (-dy, a.Y - box.Top), (dy, box.Bottom - a.Y) })
        {
            if (p == 0)
            {
                if (q < 0) return false;
                continue;
            }
            double r = q / p;
            if (p < 0) t0 = Math.Max(t0, r);
            else t1 = Math.Min(t1, r);
            if (t0 > t1) return false;
        }
        return true;
    }
}
