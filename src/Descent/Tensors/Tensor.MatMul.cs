using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Tensors;

// Matrix product of two matrices.
public sealed partial class Tensor<T>
{
    /// <summary>The matrix product of an [m, k] and a [k, n] tensor, giving [m, n].</summary>
    public Tensor<T> MatMul(Tensor<T> other)
    {
        Tensor<T> a = this, b = other;
        if (a.Rank != 2 || b.Rank != 2)
            throw new ArgumentException($"MatMul needs two matrices, not shapes {TensorShape.Format(a._shape)} and {TensorShape.Format(b._shape)}.");
        if (a._shape[1] != b._shape[0])
            throw new ArgumentException($"MatMul shapes {TensorShape.Format(a._shape)} and {TensorShape.Format(b._shape)} do not chain ({a._shape[1]} vs {b._shape[0]}).");
        int m = a._shape[0], k = a._shape[1], n = b._shape[1];
        var result = new Tensor<T>(new T[m * n], [m, n]);
        Multiply(a.Data, b.Data, result.Data, m, k, n);
        return result.Record([a, b], g =>
        {
            if (a._requiresGrad) a.AccumulateGrad(g.MatMul(b.Transpose()));
            if (b._requiresGrad) b.AccumulateGrad(a.Transpose().MatMul(g));
        });
    }

    /// <summary>C = A B for row-major A [m, k], B [k, n]: each row of C accumulates scaled rows of B (SIMD over n).</summary>
    private static void Multiply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        c.Clear();
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
                TP.MultiplyAdd(b.Slice(p * n, n), a[i * k + p], row, row);
        }
    }
}
