namespace Descent.Plots;

/// <summary>
/// Prepares rendering (the JIT, Skia, the font, the plotly.js text) on another core while the caller
/// computes, so a short command that ends with pictures does not pay for that start-up afterwards.
/// </summary>
/// <remarks>
/// Public only because the command-line tool, another assembly, starts it; it is no drawing API.
/// </remarks>
public static class Warmup
{
    /// <summary>
    /// Starts the preparation. Waiting for the task is optional. It does not fault when the machine cannot
    /// render (the font or Skia's native library is missing): that is left for the real rendering to report.
    /// Any other failure is a bug, and faults the task.
    /// </summary>
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
        catch (Exception e) when (CannotRenderHere(e))
        {
            // Nothing is drawn here; the real pictures will raise the same problem where it can be reported.
        }
    });

    /// <summary>
    /// Whether <paramref name="e"/> says this machine cannot render (Skia's native library missing, of another
    /// architecture or version), rather than that Descent has a bug.
    /// </summary>
    internal static bool CannotRenderHere(Exception e) => e switch
    {
        DllNotFoundException or BadImageFormatException or EntryPointNotFoundException => true,
        // Skia's static constructors load the native library, so its failures arrive wrapped.
        TypeInitializationException { InnerException: { } inner } => CannotRenderHere(inner),
        _ => false,
    };
}
