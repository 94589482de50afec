using System.ComponentModel;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// The Huber loss (PyTorch's <c>nn.HuberLoss</c>): per element with d = prediction - target,
/// d²/2 where |d| &lt; delta, else delta (|d| - delta/2); the mean over elements.
/// </summary>
public sealed record HuberLoss : Loss
{
    /// <inheritdoc/>
    public override string Name => "huber";

    /// <summary>Where the loss turns from quadratic to linear (&gt; 0).</summary>
    [Description("where the loss turns from quadratic to linear")]
    public double Delta { get; init; } = 1.0;

    /// <inheritdoc/>
    public override void Validate() => Require(Delta > 0 && double.IsFinite(Delta), "delta", Delta, "it must be a finite number > 0");

    /// <inheritdoc/>
    public override Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target)
    {
        Tensor<T> d = prediction - target;
        // A constant 0/1 mask picks the branch per element; the gradient flows through both branches' formulas.
        var inside = Tensor<T>.Zeros([.. d.Shape]);
        ReadOnlySpan<T> dd = d.Data;
        Span<T> mask = inside.Data;
        T delta = T.CreateChecked(Delta);
        for (int i = 0; i < mask.Length; i++) mask[i] = T.Abs(dd[i]) < delta ? T.One : T.Zero;
        Tensor<T> quadratic = d.Square() * T.CreateChecked(0.5);
        Tensor<T> linear = (d.Abs() - T.CreateChecked(0.5 * Delta)) * delta;
        return (inside * quadratic + (T.One - inside) * linear).Mean();
    }

    internal override double ValueAndGradient<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, int rows, int width)
    {
        int n = rows * width;
        T scale = T.One / T.CreateChecked(n), delta = T.CreateChecked(Delta);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            T d = prediction[i] - target[i];
            double dd = double.CreateChecked(d);
            if (T.Abs(d) < delta)
            {
                sum += 0.5 * dd * dd;
                gradient[i] = d * scale;
            }
            else
            {
                sum += Delta * (Math.Abs(dd) - 0.5 * Delta);
                gradient[i] = (d > T.Zero ? delta : -delta) * scale;
            }
        }
        return sum / n;
    }
}
