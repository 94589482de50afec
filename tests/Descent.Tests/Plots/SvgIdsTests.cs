using Descent.Plots;

namespace Descent.Tests.Plots;

public class SvgIdsTests
{
    private static Picture Line(string name)
    {
        ScottPlot.Plot plot = PlotStyle.NewPlot();
        plot.Add.Scatter(new double[] { 0, 1, 2 }, new double[] { 1, 0, 2 });
        plot.Title(name);
        return new Picture(name, plot, 300, 200);
    }

    [Fact]
    public void APicturesSvgIsTheSameWhateverWasDrawnBeforeOrBesideIt()
    {
        string first = Line("a").Svg();
        Assert.Contains("clip-path=\"url(#cl_0)\"", first);
        Parallel.For(0, 8, _ => Line("other").Svg()); // Skia's process-wide clip counter moves on
        Assert.Equal(first, Line("a").Svg());
    }

    [Fact]
    public void RenumberingKeepsEachIdWithItsUses() =>
        Assert.Equal("<clipPath id=\"cl_0\"/><g clip-path=\"url(#cl_0)\"/><clipPath id=\"cl_1\"/><g clip-path=\"url(#cl_1)\"/><text>cl_9</text>",
            SvgIds.Renumber("<clipPath id=\"cl_9\"/><g clip-path=\"url(#cl_9)\"/><clipPath id=\"cl_a\"/><g clip-path=\"url(#cl_a)\"/><text>cl_9</text>"));
}
