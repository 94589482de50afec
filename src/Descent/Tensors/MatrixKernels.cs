using System.Numerics;
using System.Runtime.Intrinsics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Tensors;

/// <summary>
/// Dense matrix products over row-major spans, allocation-free: the kernels behind MatMul and the
/// layers' forward and backward passes. C[m, n] = A[m, k] B[k, n] (optionally added to C), four rows
/// of A at a time against SIMD columns of B; narrow products fall back to scalar loops.
/// </summary>
internal static class MatrixKernels
{
    /// <summary>C = A B, or C += A B when <paramref name="accumulate"/>.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate) c[..(m * n)].Clear();
        int width = Vector256<T>.Count;
        if (n == 1)
        {
            // A matrix-vector product: one dot product per row.
            for (int i = 0; i < m; i++) c[i] += Dot(a.Slice(i * k, k), b[..k]);
            return;
        }
        if (n < width || !Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < m; i++)
            {
                Span<T> row = c.Slice(i * n, n);
                for (int p = 0; p < k; p++) TP.MultiplyAdd(b.Slice(p * n, n), a[i * k + p], row, row);
            }
            return;
        }
        int i0 = 0;
        for (; i0 + 4 <= m; i0 += 4) FourRows(a, b, c, i0, k, n);
        for (; i0 < m; i0++)
        {
            Span<T> row = c.Slice(i0 * n, n);
            for (int p = 0; p < k; p++) TP.MultiplyAdd(b.Slice(p * n, n), a[i0 * k + p], row, row);
        }
    }

    /// <summary>Rows i..i+3 of C += A B, with the four accumulators of each column block in registers.</summary>
    private static void FourRows<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int i, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector256<T>.Count, j = 0;
        ref T rb = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b);
        ref T rc = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(c);
        for (; j + width <= n; j += width)
        {
            Vector256<T> c0 = Vector256.LoadUnsafe(ref rc, (nuint)(i * n + j)), c1 = Vector256.LoadUnsafe(ref rc, (nuint)((i + 1) * n + j));
            Vector256<T> c2 = Vector256.LoadUnsafe(ref rc, (nuint)((i + 2) * n + j)), c3 = Vector256.LoadUnsafe(ref rc, (nuint)((i + 3) * n + j));
            for (int p = 0; p < k; p++)
            {
                Vector256<T> bv = Vector256.LoadUnsafe(ref rb, (nuint)(p * n + j));
                c0 = Simd.FusedMultiplyAdd(Vector256.Create(a[i * k + p]), bv, c0);
                c1 = Simd.FusedMultiplyAdd(Vector256.Create(a[(i + 1) * k + p]), bv, c1);
                c2 = Simd.FusedMultiplyAdd(Vector256.Create(a[(i + 2) * k + p]), bv, c2);
                c3 = Simd.FusedMultiplyAdd(Vector256.Create(a[(i + 3) * k + p]), bv, c3);
            }
            c0.StoreUnsafe(ref rc, (nuint)(i * n + j));
            c1.StoreUnsafe(ref rc, (nuint)((i + 1) * n + j));
            c2.StoreUnsafe(ref rc, (nuint)((i + 2) * n + j));
            c3.StoreUnsafe(ref rc, (nuint)((i + 3) * n + j));
        }
        for (; j < n; j++)
            for (int r = i; r < i + 4; r++)
            {
                T sum = c[r * n + j];
                for (int p = 0; p < k; p++) sum += a[r * k + p] * b[p * n + j];
                c[r * n + j] = sum;
            }
    }

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length >= 16) return TP.Dot(x, y);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>Writes the transpose of the [rows, cols] matrix <paramref name="source"/> into <paramref name="destination"/> ([cols, rows]).</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                destination[j * rows + i] = source[i * cols + j];
    }
}
