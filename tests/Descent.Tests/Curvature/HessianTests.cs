using Descent.Curvature;
using Descent.Expressions;
using Descent.Functions;
using Descent.Tests.Functions;

namespace Descent.Tests.Curvature;

/// <summary>Exact Hessian-vector products (forward over reverse on dual numbers), checked against central differences of the autodiff gradient in float64.</summary>
public class HessianTests
{
    /// <summary>Every operation and function of the language, away from kinks and poles.</summary>
    public static TheoryData<string> Functions() => new()
    {
        "x^2 + 4*x + 1",
        "(1 - x)^2 + 100*(y - x^2)^2",
        "x*y*z - x/y + z/(1 + x^2)",
        "-x^3 + x^-2 + y^0.5 + z^-0.5 + x^1",
        "2^x + e^(x*y) + x^y + y^(z/3)",
        "sin(x)*cos(y) + tan(z/3)",
        "exp(-x^2 - y^2) + log(1 + x^2 + z)",
        "sqrt(x^2 + y^2 + z^2) + tanh(x - y) + sigmoid(x*z)",
        "abs(x - 3) * y^2 + relu(y - 0.1) * z + relu(-y - 5)",
        "-(x + pi)*sin(sqrt(abs(x/2 + y + 47)))",
    };

    private static readonly double[][] Points = [[0.7, 1.3, 0.4], [1.9, 0.6, 2.1], [0.3, 2.5, 1.2]];

    [Theory]
    [MemberData(nameof(Functions))]
    public void ProductsMatchCentralDifferencesOfTheAutodiffGradient(string text)
    {
        Expression f = Expression.Parse(text);
        string[] variables = [.. new[] { "x", "y", "z" }.Take(Math.Max(1, f.Variables.Count))];
        if (!f.Variables.All(variables.Contains)) variables = [.. f.Variables];
        var hessian = new Hessian(f, variables);
        var random = new Random(3);
        foreach (double[] full in Points)
        {
            double[] point = full[..variables.Length];
            double[] v = [.. variables.Select(_ => random.NextDouble() * 2 - 1)];
            double[] exact = hessian.Product(point, v);
            const double H = 1e-5;
            double[] plus = FunctionCatalogTests.Gradient(f, variables, [.. point.Zip(v, (p, d) => p + H * d)]);
            double[] minus = FunctionCatalogTests.Gradient(f, variables, [.. point.Zip(v, (p, d) => p - H * d)]);
            for (int i = 0; i < exact.Length; i++)
            {
                double numeric = (plus[i] - minus[i]) / (2 * H);
                Assert.True(Math.Abs(exact[i] - numeric) <= 1e-6 * (1 + Math.Abs(numeric)),
                    $"{text} at ({string.Join(", ", point)}), component {i}: exact {exact[i]:R}, central difference {numeric:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void TheGradientIsTheAutodiffsAndTheMatrixIsSymmetric(string text)
    {
        Expression f = Expression.Parse(text);
        string[] variables = [.. f.Variables.Order()];
        var hessian = new Hessian(f, variables);
        double[] point = Points[1][..variables.Length];
        double[] expected = FunctionCatalogTests.Gradient(f, variables, point);
        double[] got = hessian.Gradient(point);
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 1e-13 * (1 + Math.Abs(expected[i])));
        double[,] m = hessian.Matrix(point);
        for (int i = 0; i < variables.Length; i++)
            for (int j = 0; j < i; j++) Assert.Equal(m[i, j], m[j, i], 1e-12 * (1 + Math.Abs(m[i, j])));
    }

    [Theory]
    [InlineData("parabola", new[] { 0.0 }, new[] { 2.0 })]
    [InlineData("booth", new[] { 0.0, 0.0 }, new[] { 2.0, 18.0 })]
    [InlineData("matyas", new[] { 3.0, -1.0 }, new[] { 0.04, 1.0 })]
    [InlineData("trid(n=3)", new[] { 0.0, 0.0, 0.0 }, new[] { 0.5857864376269049, 2.0, 3.414213562373095 })] // 2 - 2 cos(k pi / 4)
    public void QuadraticsHaveTheirEigenvaluesEverywhere(string spec, double[] point, double[] eigenvalues)
    {
        TestFunction f = FunctionCatalog.Parse(spec);
        Spectrum s = new Hessian(f.ToExpression(), f.Variables).Spectrum(point);
        Assert.True(s.IsDefined);
        Assert.Equal(eigenvalues.Length, s.Eigenvalues!.Count);
        for (int i = 0; i < eigenvalues.Length; i++) Assert.Equal(eigenvalues[i], s.Eigenvalues[i], 1e-12);
        Assert.Equal(eigenvalues[^1], s.Largest, 1e-12);
        Assert.Equal(eigenvalues[0], s.Smallest, 1e-12);
        Assert.Equal(eigenvalues[^1] / eigenvalues[0], s.ConditionNumber, 1e-9);
    }

    [Fact]
    public void RosenbrocksHessianAtItsMinimumIsTheTextbooksMatrix()
    {
        var hessian = new Hessian(Expression.Parse("(1 - x)^2 + 100*(y - x^2)^2"), ["x", "y"]);
        double[,] m = hessian.Matrix([1.0, 1.0]);
        Assert.Equal(new double[,] { { 802, -400 }, { -400, 200 } }, m);
        Spectrum s = hessian.Spectrum([1.0, 1.0]);
        double mean = 501, root = Math.Sqrt(301 * 301 + 400 * 400);
        Assert.Equal(mean + root, s.Largest, 1e-10);
        Assert.Equal(mean - root, s.Smallest, 1e-10);
        // The top eigenvector is (2, -1)/sqrt(5) up to its sign: the direction across the valley.
        Assert.Equal(2 / Math.Sqrt(5), Math.Abs(s.LargestVector[0]), 1e-3);
        Assert.Equal(-1, Math.Sign(s.LargestVector[0] * s.LargestVector[1]));
    }

    [Theory]
    [InlineData("trid(n=50)")]
    [InlineData("rastrigin(n=30)")]
    [InlineData("rosenbrock(n=20)")]
    [InlineData("levy(n=12)")]
    public void LanczosFindsTheExtremeEigenvaluesOfALargeHessian(string spec)
    {
        TestFunction f = FunctionCatalog.Parse(spec);
        var hessian = new Hessian(f.ToExpression(), f.Variables);
        var random = new Random(5);
        double[] point = [.. f.Domain.Select(d => d.Low + (d.High - d.Low) * (0.4 + 0.2 * random.NextDouble()))];
        Spectrum lanczos = hessian.Spectrum(point);
        Assert.Null(lanczos.Eigenvalues);
        var (values, _) = SymmetricEigen.Decompose(hessian.Matrix(point));
        double scale = values.Max(Math.Abs);
        Assert.Equal(values[^1], lanczos.Largest, 1e-8 * scale);
        Assert.Equal(values[0], lanczos.Smallest, 1e-8 * scale);
        double[] hv = hessian.Product(point, [.. lanczos.LargestVector]);
        for (int i = 0; i < hv.Length; i++) Assert.Equal(lanczos.Largest * lanczos.LargestVector[i], hv[i], 1e-6 * scale);
    }

    [Theory]
    [InlineData("abs(x)", 0.0, "abs(...) has a kink where its argument is 0")]
    [InlineData("relu(x) + x^2", 0.0, "relu(...) has a kink")]
    [InlineData("sqrt(x)", 0.0, "not finite")]
    [InlineData("log(x)", -1.0, "f is not finite there")]
    public void WhereTheHessianIsNotDefinedItSaysWhy(string text, double x, string why)
    {
        var hessian = new Hessian(Expression.Parse(text), ["x"]);
        Spectrum s = hessian.Spectrum([x]);
        Assert.False(s.IsDefined);
        Assert.Contains(why, s.Undefined);
        Assert.True(double.IsNaN(s.Largest));
        Assert.True(new Hessian(Expression.Parse(text), ["x"]).Spectrum([x + 2]).IsDefined);
    }

    [Fact]
    public void ANotANumberArgumentOfAbsIsNotDefinedRatherThanAnError()
    {
        Spectrum s = new Hessian(Expression.Parse("abs(sqrt(x))"), ["x"]).Spectrum([-1.0]);
        Assert.Contains("not finite", s.Undefined);
    }

    [Fact]
    public void AVariableTheFunctionUsesMustBeGiven() =>
        Assert.Contains("'y'", Assert.Throws<InputException>(() => new Hessian(Expression.Parse("x*y"), ["x"])).Message);
}
