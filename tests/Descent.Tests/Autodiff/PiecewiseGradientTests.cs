using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Tests.Autodiff;

/// <summary>
/// Gradients at the kinks and edges of piecewise ops, where PyTorch selects a value rather than multiplying
/// by a mask; every expected number is what torch 1.13.1 gives in float64.
/// </summary>
public class PiecewiseGradientTests
{
    /// <summary>f's value and gradient at the point, each variable a scalar leaf.</summary>
    private static (double Value, double[] Grad) At(string function, params (string Name, double Value)[] point)
    {
        var bindings = point.ToDictionary(p => p.Name, p => Tensor<double>.Scalar(p.Value).RequireGrad());
        Tensor<double> value = Expression.Parse(function).Evaluate(bindings);
        value.Backward();
        return (value.Item(), [.. point.Select(p => bindings[p.Name].Grad?.Item() ?? 0)]);
    }

    [Theory]
    [InlineData(-1, -2)]
    [InlineData(-3, -6)]
    [InlineData(0, 0)]
    public void ReluStopsTheInfiniteGradientOfSqrtAtZero(double x, double expected)
    {
        // sqrt's gradient at relu(x) = 0 is inf; relu's backward selects 0 there rather than computing inf * 0 = NaN.
        Assert.Equal(expected, At("sqrt(relu(x)) + x^2", ("x", x)).Grad[0]);
    }

    [Fact]
    public void ReluPassesTheGradientWhereItsResultIsNaN()
    {
        // threshold_backward(grad, result, 0) zeroes where result <= 0, which NaN is not.
        Assert.Equal(1.0, At("relu(x)", ("x", double.NaN)).Grad[0]);
        // relu(log(x)) at x < 0: the gradient 1/x reaches x through relu.
        Assert.Equal(-0.5, At("relu(log(x))", ("x", -2.0)).Grad[0]);
    }

    [Fact]
    public void ReluKeepsNegativeZeroAsPyTorchsClampMinDoes()
    {
        Assert.Equal(double.NegativeInfinity, At("1/relu(-x)", ("x", 0.0)).Value);
        Tensor<double> y = Tensor<double>.FromArray([-0.0, double.NaN, -1, 2]).Relu();
        Assert.True(double.IsNegative(y.Data[0]));
        Assert.True(double.IsNaN(y.Data[1]));
        Assert.Equal([0.0, 2], [y.Data[2], y.Data[3]]);
        // Constants fold the same way.
        Assert.Equal(double.NegativeInfinity, Expression.Parse("1/relu(-0) + x").Evaluate(new Dictionary<string, double> { ["x"] = 1 }));
    }

    [Fact]
    public void AbsOfNaNPassesNoGradientAsPyTorchsSignOfNaNIsZero()
    {
        // abs(log(x)) at x = -1: abs's backward is grad * sgn(NaN) = 0, then log's 0 / x = -0.
        double grad = At("abs(log(x))", ("x", -1.0)).Grad[0];
        Assert.Equal(0.0, grad);
        Assert.True(double.IsNegative(grad));
    }

    [Fact]
    public void PowBaseGradientIsZeroWhereTheExponentIsZero()
    {
        // pow_backward_self selects 0 where the exponent is 0: here p * x^(p - 1) would be 0 * inf = NaN.
        var (value, grad) = At("x^relu(y)", ("x", 0.0), ("y", -3.0));
        Assert.Equal(1.0, value);
        Assert.Equal([0.0, 0], grad);
        Assert.Equal([0.0, double.NaN], At("x^y", ("x", double.NaN), ("y", 0.0)).Grad);
    }

    [Theory]
    [InlineData(-0.5, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity)]
    [InlineData(0.5, 0, double.PositiveInfinity, 0)]
    [InlineData(0, 1, 0, 0)]
    public void PowExponentGradientAtAZeroBaseIsZeroOnlyForExponentsFromZeroUp(double p, double value, double dx, double dp)
    {
        // pow_backward_exponent: 0 where x == 0 and p >= 0; below, x^p * log(x) = inf * -inf = -inf.
        var (v, grad) = At("x^p", ("x", 0.0), ("p", p));
        Assert.Equal(value, v);
        Assert.Equal([dx, dp], grad);
    }
}
