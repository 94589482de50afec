using System.Numerics;
using Descent.Autodiff;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// Cross-entropy over classes (PyTorch's <c>nn.CrossEntropyLoss</c>): the model gives one logit per
/// class, the target is one column of class indices 0..C-1; per row log(Σ e^x) - x[target], then the mean over rows.
/// </summary>
public sealed record CrossEntropyLoss : Loss
{
    /// <inheritdoc/>
    public override string Name => "cross_entropy";

    /// <inheritdoc/>
    public override Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target)
    {
        int rows = prediction.Dim(0), classes = prediction.Dim(1);
        Tensor<T> rowMax, oneHot = Tensor<T>.Zeros(rows, classes);
        using (Autograd.NoGrad())
        {
            // Shifting by each row's maximum keeps exp from overflowing; as a constant it changes no gradient.
            rowMax = Tensor<T>.Zeros(rows, 1);
            for (int r = 0; r < rows; r++)
            {
                T max = T.NegativeInfinity;
                for (int c = 0; c < classes; c++) max = T.Max(max, prediction.Data[r * classes + c]);
                rowMax.Data[r] = max;
                oneHot.Data[r * classes + ClassOf(target.Data[r], classes, r)] = T.One;
            }
        }
        Tensor<T> logSumExp = (prediction - rowMax).Exp().Sum(1, keepDim: true).Log() + rowMax;
        Tensor<T> picked = (prediction * oneHot).Sum(1, keepDim: true);
        return (logSumExp - picked).Mean();
    }

    internal override double ValueAndGradient<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, int rows, int width)
    {
        T scale = T.One / T.CreateChecked(rows);
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> x = prediction.Slice(r * width, width);
            Span<T> g = gradient.Slice(r * width, width);
            int label = ClassOf(target[r], width, r);
            T max = T.NegativeInfinity;
            foreach (T v in x) max = T.Max(max, v);
            T total = T.Zero;
            for (int c = 0; c < width; c++) total += g[c] = T.Exp(x[c] - max);
            sum += double.CreateChecked(T.Log(total) + max - x[label]);
            for (int c = 0; c < width; c++) g[c] = (g[c] / total - (c == label ? T.One : T.Zero)) * scale;
        }
        return sum / rows;
    }

    /// <inheritdoc/>
    public override int ModelOutputs<T>(int targetColumns, ReadOnlySpan<T> targets)
    {
        if (targetColumns != 1) throw new InputException($"cross_entropy needs one target column of class indices, not {targetColumns}");
        int classes = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            T t = targets[i];
            if (!(t >= T.Zero) || t != T.Floor(t) || t > T.CreateChecked(1e6))
                throw new InputException($"cross_entropy needs class indices 0, 1, 2, ... as targets, but sample {i + 1} has {t}");
            classes = Math.Max(classes, int.CreateChecked(t) + 1);
        }
        return Math.Max(classes, 2);
    }

    private static int ClassOf<T>(T value, int classes, int row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero) || value != T.Floor(value) || !(value < T.CreateChecked(classes)))
            throw new InputException($"cross_entropy: sample {row + 1} has target {value}, which is not a class index 0..{classes - 1}");
        return int.CreateChecked(value);
    }
}
