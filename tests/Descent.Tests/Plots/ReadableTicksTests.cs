using Descent.Plots;
using ScottPlot;

namespace Descent.Tests.Plots;

public class ReadableTicksTests
{
    [Theory]
    [InlineData(0, double.NaN, "0")]
    [InlineData(0.25, double.NaN, "0.25")]
    [InlineData(1500, double.NaN, "1500")]
    [InlineData(25_000, double.NaN, "25k")]
    [InlineData(1_500_000, double.NaN, "1.5M")]
    [InlineData(3e9, double.NaN, "3G")]
    [InlineData(2e12, double.NaN, "2T")]
    [InlineData(2.5e21, double.NaN, "2.5e21")]
    [InlineData(1e240, double.NaN, "1e240")]
    [InlineData(1e-5, double.NaN, "1e-5")]
    [InlineData(-0.003, double.NaN, "-0.003")]
    [InlineData(123456789, double.NaN, "123M")]
    [InlineData(0.30000000000000004, 0.1, "0.3")]
    [InlineData(1.5e-5, 5e-6, "1.5e-5")]
    [InlineData(2e-5, 5e-6, "2.0e-5")]
    [InlineData(12_500, 2500, "12.5k")]
    [InlineData(1e-17, 0.5, "0")]
    [InlineData(double.PositiveInfinity, double.NaN, "inf")]
    public void LabelsAreShortAndShowTheDigitsTheSpacingNeeds(double value, double step, string expected) =>
        Assert.Equal(expected, ReadableTicks.Label(value, step));

    private static Tick[] Ticks(ReadableTicks ticks, double low, double high, float pixels)
    {
        using Paint paint = Paint.NewDisposablePaint();
        ticks.Regenerate(new CoordinateRange(low, high), Edge.Left, new PixelLength(pixels), paint, new LabelStyle());
        return [.. ticks.Ticks.Where(t => t.IsMajor)];
    }

    [Theory]
    [InlineData(-1.99, 1.42)]
    [InlineData(0, 1e200)]
    [InlineData(1e200, 1.1e200)]
    [InlineData(-3e-7, 5e-7)]
    [InlineData(0, 1_000_000)]
    public void LinearAxesGetAFewRoundTicksWithShortLabels(double low, double high)
    {
        Tick[] ticks = Ticks(ReadableTicks.Linear(), low, high, 600);
        Assert.InRange(ticks.Length, 3, 12);
        Assert.All(ticks, t => Assert.True(t.Label.Length <= 8, $"'{t.Label}'"));
        Assert.Equal(ticks.Length, ticks.Select(t => t.Label).Distinct().Count());
    }

    [Fact]
    public void LogAxesLabelPowersOfTenAndEveryFewDecadesWhenThereAreHundreds()
    {
        Assert.Equal(["0.01", "0.1", "1", "10", "100", "1000"], Ticks(ReadableTicks.Log10(), -2, 3, 500).OrderBy(t => t.Position).Select(t => t.Label));
        Tick[] wide = Ticks(ReadableTicks.Log10(), -10, 300, 500);
        Assert.InRange(wide.Length, 3, 14);
        Assert.All(wide, t => Assert.Matches("^1e[0-9]+0$|^1$", t.Label));
    }

    [Fact]
    public void AShiftedLogScaleIsLabelledAtRoundValuesOfF()
    {
        // Rosenbrock's colour scale: log10(f - min + δ), with f from about 0 to 1900.
        var scale = new HeightScale(true, 0, 1e-3);
        string[] labels = [.. scale.Ticks(scale.Apply(0), scale.Apply(1900), 500, 40).Select(t => t.Label)];
        Assert.Contains("1", labels);
        Assert.Contains("10", labels);
        Assert.Contains("100", labels);
        Assert.Contains("1000", labels);
    }
}
