using System.Text.Json.Nodes;
using Descent.Nn;
using Descent.Plots;
using Descent.Training;
using ScottPlot;

namespace Descent.Tests.Plots;

public class LossPlotTests
{
    private static readonly TrainingReport Tutorial6 = (Tutorial.Training with { Epochs = 12 }).Run();

    [Fact]
    public void TrainAndTestAreTwoPanelsOnOneEpochAxisWithTheLeastSquaresFloorOfEachSplitAndNoLegend()
    {
        Picture picture = LossPlot.Create(Tutorial6);
        Assert.NotNull(picture.Below);
        Assert.InRange(picture.BelowHeight, picture.Height / 3, picture.Height * 2 / 3);
        Plot[] panels = [picture.Plot, picture.Below!];
        Assert.Equal(panels[0].Axes.Bottom.Range.Min, panels[1].Axes.Bottom.Range.Min);
        Assert.Equal(panels[0].Axes.Bottom.Range.Max, panels[1].Axes.Bottom.Range.Max);
        double[] floors = [.. panels.Select(p => p.GetPlottables<ScottPlot.Plottables.HorizontalLine>().Single().Y)];
        Assert.Equal(Tutorial6.LeastSquaresTrainLoss!.Value, floors[0]);
        Assert.Equal(Tutorial6.LeastSquaresTestLoss!.Value, floors[1]);
        Assert.All(panels, p => Assert.DoesNotContain(p.GetPlottables().SelectMany(x => x.LegendItems), i => !string.IsNullOrEmpty(i.LabelText)));
        // Every line's end is in view (the labels beside the picture read them).
        foreach (Plot p in panels)
        {
            AxisLimits view = p.Axes.GetLimits();
            foreach (var line in p.GetPlottables<ScottPlot.Plottables.Scatter>())
            {
                Coordinates end = line.Data.GetScatterPoints()[^1];
                Assert.InRange(end.Y, view.Bottom, view.Top);
            }
        }
        Assert.Contains("least-squares", picture.Caption);
        Assert.StartsWith("<?xml", picture.Svg(), StringComparison.Ordinal);
        Assert.Equal(picture.Svg(), picture.Svg());
    }

    [Fact]
    public void AnMlpGetsNoFloorAndNoTestSetGetsOnePanel()
    {
        TrainingReport mlp = (Tutorial.Training with { Epochs = 3, Model = ModelCatalog.Parse("mlp(hidden=(8,))") }).Run();
        Assert.Null(mlp.LeastSquaresTrainLoss);
        Assert.Null(mlp.LeastSquaresTestLoss);
        Picture picture = LossPlot.Create(mlp);
        Assert.Empty(picture.Plot.GetPlottables<ScottPlot.Plottables.HorizontalLine>());
        TrainingReport noTest = (Tutorial.Training with { Epochs = 3, TrainFraction = 1 }).Run();
        Assert.Null(noTest.LeastSquaresTestLoss);
        Assert.Null(LossPlot.Create(noTest).Below);
    }

    [Theory]
    // A spike, a diverging run, a first epoch far above: none sets the top of the view.
    [InlineData(new[] { 1.03, 5.4, 1.0, 0.98, 0.97 }, 1.2)]
    [InlineData(new[] { 1.03, 1.01, 1.0, 0.98, 0.97 }, 1.031)]
    public void TheViewIsWhereTheRunsEndNotWhereASpikeGoes(double[] losses, double most)
    {
        var spiky = new OptimizerResult("lbfgs(lr=0.1)");
        spiky.TrainLosses.AddRange(losses);
        var steady = new OptimizerResult("sgd(lr=0.01)");
        steady.TrainLosses.AddRange([1.02, 1.0, 0.99, 0.975, 0.969]);
        var diverged = new OptimizerResult("sgd(lr=10)") { Stopped = "stopped at epoch 2" };
        diverged.TrainLosses.Add(1.19e68);
        TrainingReport report = Tutorial6 with { Results = [spiky, steady, diverged], LeastSquaresTrainLoss = 0.9675 };
        var (low, high) = LossPlot.Range(report, r => r.TrainLosses, 0.9675, v => v);
        Assert.Equal(0.9675, low);
        Assert.InRange(high, 1.02, most);
    }

    [Theory]
    [InlineData(new float[] { 100, 101, 102, 103 }, 0, 300)]
    [InlineData(new float[] { 0, 0, 0, 290, 300 }, 0, 300)]
    [InlineData(new float[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140 }, 0, 100)]
    public void EndLabelsArePushedApartInsideTheirPanel(float[] wanted, float top, float bottom)
    {
        float[] at = EndLabels.Spread(wanted, top, bottom);
        float gap = Math.Min(EndLabels.FontSize + 4, (bottom - top) / (wanted.Length - 1));
        Assert.All(at, y => Assert.InRange(y, top, bottom));
        for (int i = 1; i < at.Length; i++) Assert.True(at[i] - at[i - 1] >= gap - 1e-3, $"{at[i - 1]} and {at[i]}");
    }

    [Fact]
    public void TheInteractiveChartHasTheSamePanelsSharingTheEpochAxis()
    {
        JsonObject figure = PlotlyFigures.Losses(Tutorial6);
        JsonObject layout = figure["layout"]!.AsObject();
        Assert.Equal("x2", (string?)layout["xaxis"]!["matches"]);
        Assert.NotNull(layout["yaxis2"]);
        JsonArray data = figure["data"]!.AsArray();
        // Six optimizers twice, the floor twice; one legend entry per optimizer.
        Assert.Equal(14, data.Count);
        Assert.Equal(7, data.Count(t => (bool?)t!["showlegend"] == true));
    }
}
