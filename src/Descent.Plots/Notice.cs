using Descent.Training;
using ScottPlot;

namespace Descent.Plots;

/// <summary>Pictures that say, in place of a figure, why there is nothing to draw.</summary>
internal static class Notice
{
    /// <summary>The picture for runs whose start point has no finite f: there is no path and no view to draw.</summary>
    public static Picture NotFiniteAtStart(string name, string title, Trajectory run)
    {
        string start = run.PointText(0);
        return Message(name, title, $"f is not finite at the start ({start}): f = {Trajectory.Format(run.Values[0])}",
            "so there is no path to draw. Start where f has a finite value.");
    }

    /// <summary>A grey, empty panel with <paramref name="lines"/> of text in its middle, under <paramref name="title"/>.</summary>
    public static Picture Message(string name, string title, params string[] lines)
    {
        Plot plot = PlotStyle.NewPlot();
        plot.Title(title);
        plot.DataBackground.Color = Color.FromHex("#ececec");
        plot.Axes.SetLimits(0, 1, 0, 1);
        foreach (ScottPlot.IAxis axis in new ScottPlot.IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.IsVisible = false;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
        }
        plot.HideGrid();
        var text = plot.Add.Text(string.Join("\n", lines), 0.5, 0.5);
        text.LabelFontSize = 17;
        text.LabelFontColor = Color.FromHex("#8b0000");
        text.LabelAlignment = Alignment.MiddleCenter;
        return new Picture(name, plot, 900, 600) { Caption = string.Join(" ", lines) };
    }
}
