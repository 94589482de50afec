using Descent.Plots;
using ScottPlot;
using PlotStyle = Descent.Plots.PlotStyle;

namespace Descent.Tests.Plots;

public class PlotStyleTests
{
    [Theory]
    [InlineData("f(x) = x^2 + 4*x + 1", 900, 17, 17, false)] // fits as it is
    [InlineData("f(x, y) = (1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2", 597, 16, 11, false)] // Beale's narrow map: smaller
    [InlineData("f(x[1], x[2]) = sum(i, 1, 2, (x[i] - i)^2 + 0.5*sin(3*x[i])*cos(2*x[i]) + 0.01*x[i]^4 + exp(-x[i]^2) * log(1 + x[i]^2))", 597, 11, 11, true)]
    public void ATitleFitsItsFigure(string title, int width, float largest, float smallest, bool twoLines)
    {
        Plot plot = PlotStyle.NewPlot();
        PlotStyle.Title(plot, title, width);
        LabelStyle label = plot.Axes.Title.Label;
        Assert.Equal(twoLines, label.Text.Contains('\n', StringComparison.Ordinal));
        Assert.Equal(title, label.Text.Replace('\n', ' '));
        Assert.InRange(label.FontSize, smallest, largest);
        using Paint paint = Paint.NewDisposablePaint();
        Assert.True(label.Measure(paint).Width <= width - 40, "the title is wider than its room");
    }

    [Fact]
    public void EveryRunOfARaceHasALegendEntry()
    {
        Descent.Training.Minimizer race = Descent.Training.Minimizer.For(Descent.Functions.FunctionCatalog.Parse("beale")) with
        {
            Optimizers = Descent.Optimizers.OptimizerCatalog.ParseList("sgd(lr=0.01); momentum(lr=0.005); adam(lr=0.05); rmsprop(lr=0.01); adagrad(lr=0.5); sgd(lr=0.1)"),
            Steps = 50,
        };
        Picture contour = MinimizeFigures.Pictures(race.Function, race.Run()).Single(p => p.Name == "contour");
        // One entry a row, so a narrow map's legend is as tall as its panel was made for.
        Assert.Equal(Orientation.Vertical, contour.Plot.Legend.Orientation);
        Assert.Equal(7, contour.Plot.Legend.GetItems().Length); // the minimum and six runs
    }
}
