using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// Where text can still go in a picture's data area: a coarse bitmap (4-pixel cells) of what is already covered by
/// paths, marks and labels, so contour labels are set where they hide nothing and collide with nothing.
/// </summary>
internal sealed class LabelSpace
{
    private const int Cell = 4;
    private readonly bool[,] _taken;
    private readonly CoordinateRect _view;
    private readonly double _width, _height;

    /// <summary>A free data area of <paramref name="width"/> × <paramref name="height"/> pixels showing <paramref name="view"/>.</summary>
    public LabelSpace(CoordinateRect view, double width, double height)
    {
        (_view, _width, _height) = (view, width, height);
        _taken = new bool[(int)(width / Cell) + 1, (int)(height / Cell) + 1];
    }

    /// <summary>Covers a polyline, <paramref name="halfWidth"/> pixels either side of it.</summary>
    public void TakeLine(IReadOnlyList<Coordinates> line, double halfWidth)
    {
        for (int i = 0; i < line.Count; i++)
        {
            Pixel a = ToPixel(line[i]), b = ToPixel(line[Math.Max(0, i - 1)]);
            double length = Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
            int steps = (int)Math.Min(10_000, length / Cell) + 1;
            for (int s = 0; s <= steps; s++)
            {
                double t = (double)s / steps;
                TakeBox(b.X + t * (a.X - b.X), b.Y + t * (a.Y - b.Y), halfWidth, halfWidth);
            }
        }
    }

    /// <summary>Covers a box of <paramref name="width"/> × <paramref name="height"/> pixels whose <paramref name="corner"/> is at <paramref name="anchor"/> shifted by the offset.</summary>
    public void TakeLabel(Coordinates anchor, Alignment corner, double width, double height, double offsetX, double offsetY)
    {
        Pixel p = ToPixel(anchor);
        double cx = p.X + offsetX + (corner is Alignment.UpperRight or Alignment.LowerRight ? -width / 2 : width / 2);
        double cy = p.Y + offsetY + (corner is Alignment.LowerLeft or Alignment.LowerRight ? -height / 2 : height / 2);
        TakeBox(cx, cy, width / 2, height / 2);
    }

    /// <summary>
    /// Of the four corners a label of <paramref name="width"/> × <paramref name="height"/> pixels can hang from at
    /// <paramref name="anchor"/> (shifted <paramref name="offset"/> pixels away, as <see cref="TakeLabel"/> takes it), the one
    /// whose box covers least of what is taken and stays inside the picture, upper right on a tie; it is taken.
    /// </summary>
    public Alignment Corner(Coordinates anchor, double width, double height, double offset)
    {
        Pixel p = ToPixel(anchor);
        Alignment best = Alignment.LowerLeft;
        int fewest = int.MaxValue;
        foreach (Alignment corner in new[] { Alignment.LowerLeft, Alignment.UpperLeft, Alignment.LowerRight, Alignment.UpperRight })
        {
            bool right = corner is Alignment.UpperRight or Alignment.LowerRight, up = corner is Alignment.LowerLeft or Alignment.LowerRight;
            double cx = p.X + (right ? -offset - width / 2 : offset + width / 2), cy = p.Y + (up ? -offset - height / 2 : offset + height / 2);
            bool inside = cx - width / 2 >= 0 && cx + width / 2 <= _width && cy - height / 2 >= 0 && cy + height / 2 <= _height;
            int covered = Covered(cx, cy, width / 2, height / 2) + (inside ? 0 : 100_000);
            if (covered < fewest) (best, fewest) = (corner, covered);
        }
        bool r = best is Alignment.UpperRight or Alignment.LowerRight, u = best is Alignment.LowerLeft or Alignment.LowerRight;
        TakeLabel(anchor, best, width, height, r ? -offset : offset, u ? -offset : offset);
        return best;
    }

    /// <summary>
    /// Of <paramref name="candidates"/>, the one farthest inside the picture whose centred box of <paramref name="width"/> ×
    /// <paramref name="height"/> pixels (plus a margin) is free; it is taken. Null when none is free.
    /// </summary>
    public Coordinates? Place(IEnumerable<Coordinates> candidates, double width, double height)
    {
        const double margin = 3;
        Coordinates? best = null;
        double bestDepth = double.NegativeInfinity;
        foreach (Coordinates c in candidates)
        {
            Pixel p = ToPixel(c);
            double depth = Math.Min(Math.Min(p.X - width / 2, _width - p.X - width / 2), Math.Min(p.Y - height / 2, _height - p.Y - height / 2));
            if (depth < 2 || depth <= bestDepth || !IsFree(p.X, p.Y, width / 2 + margin, height / 2 + margin)) continue;
            (best, bestDepth) = (c, depth);
        }
        if (best is Coordinates chosen)
        {
            Pixel p = ToPixel(chosen);
            TakeBox(p.X, p.Y, width / 2 + margin, height / 2 + margin);
        }
        return best;
    }

    private Pixel ToPixel(Coordinates c) => new(
        (float)((c.X - _view.Left) / _view.Width * _width),
        (float)((_view.Top - c.Y) / _view.Height * _height));

    private (int X0, int X1, int Y0, int Y1) Cells(double cx, double cy, double halfWidth, double halfHeight) => (
        Math.Clamp((int)((cx - halfWidth) / Cell), 0, _taken.GetLength(0) - 1), Math.Clamp((int)((cx + halfWidth) / Cell), 0, _taken.GetLength(0) - 1),
        Math.Clamp((int)((cy - halfHeight) / Cell), 0, _taken.GetLength(1) - 1), Math.Clamp((int)((cy + halfHeight) / Cell), 0, _taken.GetLength(1) - 1));

    private void TakeBox(double cx, double cy, double halfWidth, double halfHeight)
    {
        if (!double.IsFinite(cx) || !double.IsFinite(cy)) return;
        var (x0, x1, y0, y1) = Cells(cx, cy, halfWidth, halfHeight);
        for (int i = x0; i <= x1; i++)
            for (int j = y0; j <= y1; j++) _taken[i, j] = true;
    }

    private int Covered(double cx, double cy, double halfWidth, double halfHeight)
    {
        var (x0, x1, y0, y1) = Cells(cx, cy, halfWidth, halfHeight);
        int covered = 0;
        for (int i = x0; i <= x1; i++)
            for (int j = y0; j <= y1; j++)
                if (_taken[i, j]) covered++;
        return covered;
    }

    private bool IsFree(double cx, double cy, double halfWidth, double halfHeight)
    {
        var (x0, x1, y0, y1) = Cells(cx, cy, halfWidth, halfHeight);
        for (int i = x0; i <= x1; i++)
            for (int j = y0; j <= y1; j++)
                if (_taken[i, j]) return false;
        return true;
    }
}
