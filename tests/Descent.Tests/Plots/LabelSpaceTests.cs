using Descent.Plots;
using ScottPlot;

namespace Descent.Tests.Plots;

public class LabelSpaceTests
{
    /// <summary>A path leaving the anchor toward one corner of the picture, and the label corners that would put the label on it.</summary>
    public static TheoryData<double, double, Alignment> Paths() => new()
    {
        // toward (x, y); a label hanging from this corner of itself would cover the path
        { 10, 10, Alignment.LowerLeft },
        { -10, 10, Alignment.LowerRight },
        { 10, -10, Alignment.UpperLeft },
        { -10, -10, Alignment.UpperRight },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void AStartLabelHangsAwayFromThePathsLeavingIt(double x, double y, Alignment covering)
    {
        var space = new LabelSpace(new CoordinateRect(-10, 10, -10, 10), 400, 400);
        var start = new Coordinates(0, 0);
        space.TakeLine([start, new Coordinates(x, y)], 6);
        Alignment chosen = space.Corner(start, 50, 22, 10);
        Assert.NotEqual(covering, chosen);
        // The label's box is taken: a second label there finds no free room.
        Assert.Null(space.Place([new Coordinates(x > 0 ? -1.6 : 1.6, y > 0 ? -0.9 : 0.9)], 50, 22));
    }
}
