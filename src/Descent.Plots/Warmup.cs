namespace Descent.Plots;

/// <summary>
/// Prepares rendering (the JIT, Skia, the font, the plotly.js text) on another core while the caller
/// computes, so a short command that ends with pictures does not pay for that start-up afterwards.
/// </summary>
public static class Warmup
{
    /// <summary>Starts the preparation; awaiting the task is optional, and its failure (say, a missing font) is left for the real rendering to report.</summary>
    public static Task Start() => Task.Run(() =>
    {
        try
        {
            ScottPlot.Plot plot = PlotStyle.NewPlot();
            var line = plot.Add.Scatter(new double[] { 0, 1 }, new double[] { 0, 1 });
            line.LegendText = "warm-up";
            plot.Title("warm-up");
            plot.ShowLegend();
            _ = new Picture("warm-up", plot, 80, 60).Png();
            _ = PlotlyScript.Source;
        }
        catch (Exception)
        {
            // Nothing is drawn here; the real pictures will raise the same problem where it can be reported.
        }
    });
}
