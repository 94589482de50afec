using Descent.Tensors;

namespace Descent.Nn;

/// <summary>Mean squared error, mean((prediction - target)²) (PyTorch's <c>nn.MSELoss</c>).</summary>
public sealed record MseLoss : Loss
{
    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target) => (prediction - target).Square().Mean();

    internal override double ValueAndGradient<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, int rows, int width)
    {
        int n = rows * width;
        T scale = T.CreateChecked(2.0 / n);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            T d = prediction[i] - target[i];
            double dd = double.CreateChecked(d);
            sum += dd * dd;
            gradient[i] = d * scale;
        }
        return sum / n;
    }
}
