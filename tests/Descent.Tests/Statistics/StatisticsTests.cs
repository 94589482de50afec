using Descent.Statistics;

namespace Descent.Tests.Statistics;

public class StatisticsTests
{
    // t(0.975, df) by mpmath at 30 digits: findroot of betainc(df/2, 1/2, 0, df/(df+t^2), regularized)/2 = 0.025.
    [Theory]
    [InlineData(1, 12.706204736174704646)]
    [InlineData(2, 4.3026527297494638523)]
    [InlineData(3, 3.1824463052837095927)]
    [InlineData(4, 2.7764451051977943578)]
    [InlineData(5, 2.5705818356363155147)]
    [InlineData(9, 2.2621571627982055426)]
    [InlineData(10, 2.2281388519862747484)]
    [InlineData(29, 2.0452296421327042982)]
    [InlineData(30, 2.04227245630123831)]
    [InlineData(100, 1.9839715185235522866)]
    [InlineData(1000, 1.962339080826408485)]
    public void TheQuantileMatchesMpmath(int df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(0.975, df), expected * 1e-11);
        Assert.Equal(-expected, StudentT.Quantile(0.025, df), expected * 1e-11);
        Assert.Equal(0.975, StudentT.Cdf(expected, df), 1e-12);
    }

    [Theory]
    [InlineData(0.5, 3, 0)]
    [InlineData(0.9, 1, 3.0776835371752534)] // tan(0.4 pi), the Cauchy distribution's quantile
    [InlineData(0.999, 2, 22.327124770119877)] // df 2 in closed form: (2p - 1) * sqrt(2 / (1 - (2p - 1)^2))
    public void TheQuantileMatchesClosedForms(double p, int df, double expected) =>
        Assert.Equal(expected, StudentT.Quantile(p, df), Math.Max(1, Math.Abs(expected)) * 1e-11);

    [Fact]
    public void TheEstimateOfASmallSampleHasItsTInterval()
    {
        Estimate e = Estimate.Of([1, 2, 3, 4, 5]);
        double sd = Math.Sqrt(2.5), half = 2.7764451051977943578 * sd / Math.Sqrt(5);
        Assert.Equal((5, 3.0), (e.Count, e.Mean));
        Assert.Equal(sd, e.StandardDeviation, 1e-14);
        Assert.Equal(3 - half, e.Low, 1e-12);
        Assert.Equal(3 + half, e.High, 1e-12);
        Assert.True(e.HasInterval);

        Estimate one = Estimate.Of([7]);
        Assert.Equal(7, one.Mean);
        Assert.False(one.HasInterval);
        Assert.True(double.IsNaN(one.StandardDeviation) && double.IsNaN(one.Low) && double.IsNaN(one.High));
        Assert.Equal(0, Estimate.Of([]).Count);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 1.5, 2.5, 3.5 }, "worse", 3, 0)] // always 0.5 worse: a zero-width interval above 0
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 1.1, 1.9, 3.05 }, "tied", 2, 1)]
    [InlineData(new double[] { 1, 2, 3 }, new double[] { 1, 2, 3 }, "identical", 0, 0)]
    [InlineData(new double[] { 1 }, new double[] { 2 }, "no interval", 1, 0)]
    [InlineData(new double[] { 5, 6, 7, 8 }, new double[] { 4, 5.1, 5.9, 7.05 }, "better", 0, 4)]
    public void PairedComparisonsJudgeByTheIntervalOfTheDifferences(double[] reference, double[] other, string verdict, int referenceBetter, int otherBetter)
    {
        PairedComparison p = PairedComparison.Of(reference, other);
        Assert.Equal(verdict, p.Verdict);
        Assert.Equal((referenceBetter, otherBetter), (p.ReferenceBetter, p.OtherBetter));
        Assert.Equal(other.Zip(reference, (o, r) => o - r).Average(), p.Difference.Mean, 1e-12);
    }

    [Theory]
    [InlineData(10, 0, 0.001953125)] // 2 / 2^10
    [InlineData(1, 4, 0.375)] // 2 (1 + 5) / 32
    [InlineData(3, 3, 1)]
    [InlineData(0, 0, 1)]
    [InlineData(600, 400, 2.72846415607e-10)] // 2 P(X <= 400), X ~ B(1000, 1/2), by mpmath; many seeds must not underflow
    public void TheSignTestIsTheExactTwoSidedBinomialTest(int referenceBetter, int otherBetter, double p) =>
        Assert.Equal(p, new PairedComparison(default, referenceBetter, otherBetter).SignTestP, p * 1e-4);

    [Fact]
    public void PairingSeesADifferenceThatUnpairedIntervalsHide()
    {
        // Seeds shift both methods alike (another data set, another loss level); the second is always 0.01 worse.
        double[] a = [0.8, 1.1, 0.95, 1.3, 0.7], b = [.. a.Select(v => v + 0.01 + 0.001 * v)];
        Estimate ea = Estimate.Of(a), eb = Estimate.Of(b);
        Assert.True(eb.Low < ea.High, "the unpaired intervals overlap");
        Assert.Equal("worse", PairedComparison.Of(a, b).Verdict);
    }
}
