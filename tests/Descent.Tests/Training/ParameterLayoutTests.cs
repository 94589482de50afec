using Descent.Expressions;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>Minimizations over vector variables: laid out as x[1], x[2], ... in the one parameter tensor.</summary>
public class ParameterLayoutTests
{
    private static IReadOnlyList<string> Elements(string vector, int n) => [.. Enumerable.Range(1, n).Select(k => Expression.ElementName(vector, k))];

    [Theory]
    [InlineData("float64")]
    [InlineData("float32")]
    public void AVectorRunTakesTheStepsOfTheSameFunctionWrittenOutInScalars(string dtype)
    {
        // The gradient of each term is the same arithmetic either way, so the points agree to the last bit.
        const int n = 6;
        var optimizers = new[] { OptimizerCatalog.Parse("adam(lr=0.1)"), OptimizerCatalog.Parse("sgd(lr=0.05, momentum=0.9)") };
        DType type = dtype == "float32" ? DType.Float32 : DType.Float64;
        var vector = new Minimizer
        {
            Function = Expression.Parse("sum(i, 1, n, (x[i] - i)^2 * i)"),
            Variables = Elements("x", n),
            Start = [.. Enumerable.Range(0, n).Select(k => 0.5 * k)],
            Optimizers = optimizers,
            Steps = 30,
            DType = type,
        };
        var scalars = vector with
        {
            Function = Expression.Parse(string.Join(" + ", Enumerable.Range(1, n).Select(i => $"(x{i} - {i})^2 * {i}"))),
            Variables = [.. Enumerable.Range(1, n).Select(i => $"x{i}")],
        };
        var (a, b) = (vector.Run(), scalars.Run());
        for (int r = 0; r < optimizers.Length; r++)
            for (int k = 0; k <= 30; k++)
            {
                Assert.Equal(b[r].Points[k], a[r].Points[k]);
                Assert.Equal(b[r].Values[k], a[r].Values[k], Math.Abs(b[r].Values[k]) * (dtype == "float32" ? 1e-6 : 1e-14));
            }
        Assert.Equal(Elements("x", n), a[0].Variables);
    }

    [Fact]
    public void ScalarAndVectorVariablesAndSizesTogether()
    {
        // f = (a - 2)^2 + the mean of (x[i] - a)^2, with n given: the minimum is x = a = 2.
        var minimizer = new Minimizer
        {
            Function = Expression.Parse("(a - 2)^2 + sum(i, 1, n, (x[i] - a)^2) / n"),
            Variables = ["a", .. Elements("x", 4)],
            Start = [0, 5, -1, 3, 7],
            Sizes = new Dictionary<string, int> { ["n"] = 4 },
            Optimizers = [OptimizerCatalog.Parse("lbfgs(lr=1)")],
            Steps = 20,
        };
        Trajectory run = minimizer.Run()[0];
        Assert.All(run.Points[^1], x => Assert.Equal(2, x, 4));
    }

    [Fact]
    public void KeptCoordinatesShortenThePointsBetweenTheStartAndTheEnd()
    {
        var minimizer = new Minimizer
        {
            Function = Expression.Parse("sum(i, 1, n, (x[i] - i)^2)"),
            Variables = Elements("x", 50),
            Start = new double[50],
            Optimizers = [OptimizerCatalog.Parse("sgd(lr=0.1)")],
            Steps = 5,
            KeptCoordinates = 3,
        };
        Trajectory run = minimizer.Run()[0];
        Assert.Equal([50, 3, 3, 3, 3, 50], run.Points.Select(p => p.Length));
        var csv = new StringWriter();
        run.WriteCsv(csv, 2);
        string[] lines = csv.ToString().TrimEnd().Split('\n');
        Assert.Equal("step,x[1],x[2],value,grad_norm", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Equal($"0,0,0,{Trajectory.Format(run.Values[0])},{Trajectory.Format(run.GradientNorms[0])}", lines[1]);
        Assert.Throws<InvalidOperationException>(() => run.WriteCsv(new StringWriter()));
        Assert.Equal("x[1] = 0, x[2] = 0, x[3] = 0, ... (47 more)", run.PointText(0));
    }

    [Fact]
    public void ARunThatStopsEarlyKeepsItsLastPointWhole()
    {
        var minimizer = new Minimizer
        {
            Function = Expression.Parse("sum(i, 1, n, x[i]^4)"),
            Variables = Elements("x", 20),
            Start = Enumerable.Repeat(3.0, 20).ToArray(),
            Optimizers = [OptimizerCatalog.Parse("sgd(lr=1)")],
            Steps = 50,
            KeptCoordinates = 2,
        };
        Trajectory run = minimizer.Run()[0];
        Assert.NotNull(run.StoppedEarly);
        Assert.Equal(20, run.Points[^1].Length);
    }

    [Theory]
    [InlineData("sum(i, 1, n, x[i])", "y", 3, "the vector 'x' of the function has no start value (x[1], x[2], ...)")]
    [InlineData("sum(i, 1, n, x[i]) + a", "x", 3, "the variable 'a' of the function has no start value")]
    [InlineData("sum(i, 1, n, x[i + 1])", "x", 3, "x[i + 1] reads position 4, outside 1..3 (x has 3 elements, counted from 1) at column 14")]
    [InlineData("sum(i, 1, n, x[i] * y[i])", "x,y", 3, "the size 'n' has no value, and the vectors have different lengths (x: 3, y: 4): give it (e.g. n=3)")]
    public void BadLayoutsAreSaidBeforeAnyRun(string text, string vectors, int n, string message)
    {
        string[] names = vectors.Split(',');
        var minimizer = new Minimizer
        {
            Function = Expression.Parse(text),
            Variables = [.. names.SelectMany((v, k) => Elements(v, n + k))],
            Start = new double[names.Select((_, k) => n + k).Sum()],
        };
        Assert.Equal(message, Assert.ThrowsAny<InputException>(minimizer.Validate).Message);
    }

    [Fact]
    public void AVectorsElementsMustFollowEachOther()
    {
        var minimizer = new Minimizer
        {
            Function = Expression.Parse("sum(i, 1, n, x[i])"),
            Variables = ["x[1]", "x[2]", "y", "x[3]"],
            Start = new double[4],
        };
        Assert.Equal("the elements of the vector 'x' must follow each other in order, x[1] to x[3] and on",
            Assert.Throws<InputException>(minimizer.Validate).Message);
    }
}
