using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Tensors;

/// <summary>
/// Dense matrix products over row-major spans, allocation-free in steady state: the kernels behind MatMul and the
/// layers' forward and backward passes. C[m, n] = A[m, k] B[k, n] (optionally added to C), either operand
/// optionally read as the transpose of the matrix given. Products of at least 4 rows and one 256-bit vector of
/// columns run <see cref="PackedMatrixMultiply"/>: one fused multiply-add chain over k per element, as the four-row
/// kernel before it computed all but the last m mod 4 rows and n mod 8 (float) or 4 (double) columns. Smaller ones
/// (n = 1, n below the lanes of a 256-bit vector, or fewer than 4 rows) keep the dot products and row updates they
/// always had (each product rounded, then added), so that narrow layers, such as the tutorial's Linear(2, 1) and a
/// model's one-output last layer, give the numbers they always gave.
/// </summary>
internal static class MatrixKernels
{
    /// <summary>
    /// C = A B, or C += A B when <paramref name="accumulate"/>. A is [m, k], or [k, m] read as its transpose when
    /// <paramref name="transposeA"/>; B is [k, n], or [n, k] read as its transpose when <paramref name="transposeB"/>.
    /// </summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate = false,
        bool transposeA = false, bool transposeB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m >= 4 && n != 1 && n >= Vector256<T>.Count && PackedMatrixMultiply.IsSupported)
        {
            PackedMatrixMultiply.Multiply(a, b, c, m, k, n, accumulate, transposeA, transposeB);
            return;
        }
        // The narrow kernels read plain row-major operands; a transposed one is copied (it is small: n < 8 columns,
        // or A of a narrow product), as the transpose-then-multiply they replaced did.
        T[]? rentedA = null, rentedB = null;
        if (transposeA && m > 1)
        {
            rentedA = ArrayPool<T>.Shared.Rent(m * k);
            Transpose(a[..(k * m)], rentedA, k, m);
            a = rentedA.AsSpan(0, m * k);
        }
        if (transposeB && n > 1)
        {
            rentedB = ArrayPool<T>.Shared.Rent(k * n);
            Transpose(b[..(n * k)], rentedB, n, k);
            b = rentedB.AsSpan(0, k * n);
        }
        Narrow(a, b, c, m, k, n, accumulate);
        if (rentedA is not null) ArrayPool<T>.Shared.Return(rentedA);
        if (rentedB is not null) ArrayPool<T>.Shared.Return(rentedB);
    }

    /// <summary>C = A B or C += A B for row-major A and B without the packed kernel: dot products for a vector, row updates otherwise.</summary>
    private static void Narrow<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate) c[..(m * n)].Clear();
        if (n == 1)
        {
            // A matrix-vector product: one dot product per row.
            for (int i = 0; i < m; i++) c[i] += Dot(a.Slice(i * k, k), b[..k]);
            return;
        }
        // Each element as the row updates c += a[i, p] * b[p, :] always computed it: the product rounded, then the sum.
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> aRow = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                T sum = c[i * n + j];
                for (int p = 0; p < k; p++) sum += aRow[p] * b[p * n + j];
                c[i * n + j] = sum;
            }
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
    public static unsafe void Transpose<T>(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector256<T>.Count, whole = rows - rows % lanes;
        if (BlockTranspose.IsSupported)
        {
            // Whole lane-square blocks in registers, going down the source's columns so that the destination is written
            // row after row; the last columns element by element.
            int j0 = 0;
            fixed (T* s = source, d = destination)
            {
                for (; j0 + lanes <= cols; j0 += lanes)
                    for (int i0 = 0; i0 < whole; i0 += lanes) BlockTranspose.Transpose(s + i0 * cols + j0, cols, lanes, d + j0 * rows + i0, rows);
                for (int i = 0; i < whole; i++)
                    for (int j = j0; j < cols; j++) d[j * rows + i] = s[i * cols + j];
            }
        }
        else whole = 0;
        for (int i = whole; i < rows; i++)
            for (int j = 0; j < cols; j++)
                destination[j * rows + i] = source[i * cols + j];
    }
}
