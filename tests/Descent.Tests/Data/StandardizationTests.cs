using Descent.Data;
using Descent.Tensors;

namespace Descent.Tests.Data;

public class StandardizationTests
{
    // Features: a column of mean 2 and population std 1, and a constant; targets: mean 20, std 10.
    private static readonly Dataset<double> Train = new(
        Tensor<double>.FromArray([1.0, 5, 3, 5], 2, 2), Tensor<double>.FromArray([10.0, 30], 2, 1), ["a", "b"], ["y"]);

    [Theory]
    [InlineData(Standardize.Features, new[] { -1.0, 0, 1, 0 }, new[] { 10.0, 30 })]
    [InlineData(Standardize.All, new[] { -1.0, 0, 1, 0 }, new[] { -1.0, 1 })]
    public void ZScoresWithTheTrainingMeansAndPopulationDeviations(Standardize what, double[] features, double[] targets)
    {
        Standardization s = Standardization.Fit(Train, what)!;
        Assert.Equal([2.0, 5], s.FeatureMeans!);
        Assert.Equal([1.0, 1], s.FeatureScales!); // the constant column keeps scale 1 instead of dividing by 0
        Dataset<double> scaled = s.Apply(Train);
        Assert.Equal(features, scaled.Features.ToArray());
        Assert.Equal(targets, scaled.Targets.ToArray());
        Assert.Equal([1.0, 5, 3, 5], Train.Features.ToArray()); // the original is left as it was
        Assert.Equal(what == Standardize.All, s.TargetMeans is not null);
    }

    [Fact]
    public void NoneIsNoStandardization() => Assert.Null(Standardization.Fit(Train, Standardize.None));

    [Fact]
    public void OtherDataIsScaledWithTheTrainingStatistics()
    {
        Standardization s = Standardization.Fit(Train, Standardize.All)!;
        var test = new Dataset<double>(Tensor<double>.FromArray([4.0, 6], 1, 2), Tensor<double>.FromArray([50.0], 1, 1), ["a", "b"], ["y"]);
        Dataset<double> scaled = s.Apply(test);
        Assert.Equal([2.0, 1], scaled.Features.ToArray());
        Assert.Equal([3.0], scaled.Targets.ToArray());
        var back = new double[1];
        s.UnscaleTargets<double>(scaled.Targets.Data, back, 1);
        Assert.Equal([50.0], back);
    }

    [Fact]
    public void TheSpreadComparesTheFeaturesRootMeanSquares()
    {
        var data = new Dataset<float>(Tensor<float>.FromArray([300f, 1, 0, 400, 2, 0], 2, 3), Tensor<float>.FromArray([0f, 0], 2, 1), ["big", "small", "zero"], ["y"]);
        ScaleSpread spread = Standardization.Spread(data)!;
        Assert.Equal(("big", "small"), (spread.Largest, spread.Smallest));
        Assert.Equal(Math.Sqrt((300.0 * 300 + 400 * 400) / 2), spread.LargestSize, 1e-9);
        Assert.Equal(Math.Sqrt(2.5), spread.SmallestSize, 1e-9);
        Assert.True(spread.Ratio > Standardization.LargeSpread);
        Assert.Null(Standardization.Spread(new Dataset<float>(Tensor<float>.FromArray([1f, 0], 1, 2), Tensor<float>.FromArray([0f], 1, 1), ["a", "zero"], ["y"])));
    }
}
