using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Tensors;

// Sums and means, over everything or along one axis.
public sealed partial class Tensor<T>
{
    /// <summary>The sum of all elements, as a rank-0 tensor.</summary>
    public Tensor<T> Sum()
    {
        Tensor<T> x = this;
        return Scalar(TP.Sum<T>(x.Data)).Record([x], g => x.AccumulateGrad(Full(g.Item(), x._shape)));
    }

    /// <summary>The mean of all elements, as a rank-0 tensor.</summary>
    public Tensor<T> Mean() => Sum() / T.CreateChecked(Size);

    /// <summary>Sums along <paramref name="axis"/> (negative counts from the end), dropping it unless <paramref name="keepDim"/>.</summary>
    public Tensor<T> Sum(int axis, bool keepDim = false)
    {
        Tensor<T> x = this;
        int a = TensorShape.NormalizeAxis(axis, Rank);
        int outer = TensorShape.SizeOf(_shape.AsSpan(0, a)), n = _shape[a], inner = TensorShape.SizeOf(_shape.AsSpan(a + 1));
        int[] keptShape = (int[])_shape.Clone();
        keptShape[a] = 1;
        int[] outShape = keepDim ? keptShape : [.. _shape[..a], .. _shape[(a + 1)..]];
        var result = new Tensor<T>(new T[outer * inner], outShape);
        ReadOnlySpan<T> src = Data;
        Span<T> dst = result.Data;
        for (int o = 0; o < outer; o++)
        {
            Span<T> row = dst.Slice(o * inner, inner);
            if (inner == 1) { row[0] = TP.Sum(src.Slice(o * n, n)); continue; }
            for (int k = 0; k < n; k++) TP.Add(row, src.Slice((o * n + k) * inner, inner), row);
        }
        return result.Record([x], g =>
        {
            var expanded = new Tensor<T>(new T[x.Size], x._shape);
            TensorShape.Expand<T>(g.Data, keptShape, x._shape, expanded.Data);
            x.AccumulateGrad(expanded);
        });
    }

    /// <summary>Means along <paramref name="axis"/> (negative counts from the end), dropping it unless <paramref name="keepDim"/>.</summary>
    public Tensor<T> Mean(int axis, bool keepDim = false) =>
        Sum(axis, keepDim) / T.CreateChecked(_shape[TensorShape.NormalizeAxis(axis, Rank)]);
}
