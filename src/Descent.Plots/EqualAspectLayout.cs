using ScottPlot;

namespace Descent.Plots;

/// <summary>
/// ScottPlot's automatic layout, with the data area narrowed (or shortened) around its centre so that one unit of x
/// is as long as one unit of y: circles look round. The axes and panels follow the data area.
/// </summary>
/// <param name="unitsWide">The x span divided by the y span of the axis limits.</param>
internal sealed class EqualAspectLayout(double unitsWide) : ILayoutEngine
{
    /// <inheritdoc/>
    public Layout GetLayout(PixelRect figureRect, Plot plot, Paint paint)
    {
        Layout automatic = new ScottPlot.LayoutEngines.Automatic().GetLayout(figureRect, plot, paint);
        PixelRect data = automatic.DataRect;
        float width = data.Width, height = data.Height;
        if (width / height > unitsWide) width = (float)(height * unitsWide);
        else height = (float)(width / unitsWide);
        float left = data.Left + (data.Width - width) / 2, top = data.Top + (data.Height - height) / 2;
        return new Layout(figureRect, new PixelRect(left, left + width, top + height, top), automatic.PanelSizes, automatic.PanelOffsets);
    }
}
