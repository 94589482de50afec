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
        MatrixKernels.Multiply<T>(a.Data, b.Data, result.Data, m, k, n);
        return result.Record([a, b], g =>
        {
            // dA = g Bᵀ and dB = Aᵀ g, reading the transposes in place.
            if (a._requiresGrad)
            {
                var da = new Tensor<T>(new T[m * k], [m, k]);
                MatrixKernels.Multiply<T>(g.Data, b.Data, da.Data, m, n, k, transposeB: true);
                a.AccumulateGrad(da);
            }
            if (b._requiresGrad)
            {
                var db = new Tensor<T>(new T[k * n], [k, n]);
                MatrixKernels.Multiply<T>(a.Data, g.Data, db.Data, k, m, n, transposeA: true);
                b.AccumulateGrad(db);
            }
        });
    }
}
