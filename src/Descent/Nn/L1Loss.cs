using Descent.Tensors;

namespace Descent.Nn;

/// <summary>Mean absolute error, mean(|prediction - target|) (PyTorch's <c>nn.L1Loss</c>); its gradient at 0 is 0.</summary>
public sealed record L1Loss : Loss
{
    /// <inheritdoc/>
    public override string Name => "l1";

    /// <inheritdoc/>
    public override Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target) => (prediction - target).Abs().Mean();

    internal override double ValueAndGradient<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, int rows, int width)
    {
        int n = rows * width;
        T scale = T.One / T.CreateChecked(n);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            T d = prediction[i] - target[i];
            sum += Math.Abs(double.CreateChecked(d));
            gradient[i] = (d > T.Zero ? T.One : d < T.Zero ? -T.One : T.Zero) * scale;
        }
        return sum / n;
    }
}
