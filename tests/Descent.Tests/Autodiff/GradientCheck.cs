using Descent.Autodiff;
using Descent.Tensors;

namespace Descent.Tests.Autodiff;

/// Compares reverse-mode gradients with central finite differences in float64.
internal static class GradientCheck
{
    private const double H = 1e-6;
    private const double AbsoluteTolerance = 1e-6;
    private const double RelativeTolerance = 1e-5;

    /// Checks d/dx of sum(f(inputs) * w) for every element of every input, where w is a fixed
    /// random weight of the output's shape, so that every output element contributes.
    public static void Verify(Func<Tensor<double>[], Tensor<double>> f, params Tensor<double>[] inputs)
    {
        Tensor<double>[] leaves = [.. inputs.Select(t => t.Clone().RequireGrad())];
        Tensor<double> output = f(leaves);
        Tensor<double> weight = RandomLike(output, seed: 12345);
        Tensor<double> loss = (output * weight).Sum();
        Assert.True(loss.RequiresGrad, "The function's output does not depend on any input through the graph.");
        loss.Backward();

        for (int i = 0; i < inputs.Length; i++)
        {
            Tensor<double>? grad = leaves[i].Grad;
            if (grad is not null)
                Assert.True(grad.Shape.SequenceEqual(inputs[i].Shape),
                    $"input {i}: gradient shape {TensorShape.Format(grad.Shape)} is not the input's {TensorShape.Format(inputs[i].Shape)}");
            for (int j = 0; j < inputs[i].Size; j++)
            {
                double analytic = grad?.Data[j] ?? 0.0;
                double numeric = (Loss(f, inputs, weight, i, j, +H) - Loss(f, inputs, weight, i, j, -H)) / (2 * H);
                Assert.True(Math.Abs(analytic - numeric) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(numeric),
                    $"input {i} {TensorShape.Format(inputs[i].Shape)}, element {j} {FormatIndex(inputs[i].Shape, j)}: " +
                    $"autodiff {analytic:R}, finite difference {numeric:R}");
            }
        }
    }

    /// sum(f(inputs) * w) with element j of input i shifted by delta, computed without a graph.
    private static double Loss(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs, Tensor<double> weight, int i, int j, double delta)
    {
        Tensor<double>[] copies = [.. inputs.Select(t => t.Clone())];
        copies[i].Data[j] += delta;
        using var _ = Autograd.NoGrad();
        ReadOnlySpan<double> y = f(copies).Data, w = weight.Data;
        double sum = 0;
        for (int k = 0; k < y.Length; k++) sum += y[k] * w[k];
        return sum;
    }

    /// Uniform values in [lo, hi) with the given shape (rank 0 for an empty shape).
    public static Tensor<double> Uniform(int seed, double lo, double hi, params int[] shape)
    {
        var random = new Random(seed);
        var values = new double[TensorShape.SizeOf(shape)];
        for (int k = 0; k < values.Length; k++) values[k] = lo + (hi - lo) * random.NextDouble();
        return shape.Length == 0 ? Tensor<double>.Scalar(values[0]) : Tensor<double>.FromArray(values, shape);
    }

    /// Values whose magnitude is in [lo, hi) with random signs: away from 0, where abs and relu kink.
    public static Tensor<double> AwayFromZero(int seed, double lo, double hi, params int[] shape)
    {
        var random = new Random(seed + 1);
        Tensor<double> t = Uniform(seed, lo, hi, shape);
        Span<double> d = t.Data;
        for (int k = 0; k < d.Length; k++) if (random.Next(2) == 0) d[k] = -d[k];
        return t;
    }

    private static Tensor<double> RandomLike(Tensor<double> t, int seed) => Uniform(seed, -1.5, 1.5, t.Shape.ToArray());

    private static string FormatIndex(ReadOnlySpan<int> shape, int flat)
    {
        var index = new int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return TensorShape.Format(index);
    }
}
