using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// Binary cross-entropy on logits (PyTorch's <c>nn.BCEWithLogitsLoss</c>): per element
/// max(x, 0) - x y + log(1 + e^-|x|), stable for any x; targets are probabilities in [0, 1].
/// </summary>
public sealed record BceWithLogitsLoss : Loss
{
    /// <inheritdoc/>
    public override string Name => "bce_with_logits";

    /// <inheritdoc/>
    public override Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target) =>
        (prediction.Relu() - prediction * target + ((-prediction.Abs()).Exp() + T.One).Log()).Mean();

    internal override double ValueAndGradient<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, int rows, int width)
    {
        int n = rows * width;
        T scale = T.One / T.CreateChecked(n);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = double.CreateChecked(prediction[i]), y = double.CreateChecked(target[i]);
            sum += Math.Max(x, 0) - x * y + Math.Log(1 + Math.Exp(-Math.Abs(x)));
            T sigmoid = T.One / (T.One + T.Exp(-prediction[i]));
            gradient[i] = (sigmoid - target[i]) * scale;
        }
        return sum / n;
    }

    /// <inheritdoc/>
    public override int ModelOutputs<T>(int targetColumns, ReadOnlySpan<T> targets)
    {
        for (int i = 0; i < targets.Length; i++)
            if (!(targets[i] >= T.Zero && targets[i] <= T.One))
                throw new InputException($"bce_with_logits needs targets in [0, 1], but sample {i / targetColumns + 1} has {targets[i]}");
        return targetColumns;
    }
}
