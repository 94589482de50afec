using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Descent.Tensors;

/// <summary>
/// The transpose of a square block of one 256-bit vector's lanes (8 x 8 floats, 4 x 4 doubles) in registers, with
/// AVX's unpack, shuffle and lane permutes: how packing reads a matrix across its rows at vector speed. Only values
/// move, so the result is exact.
/// </summary>
internal static unsafe class BlockTranspose
{
    /// <summary>Whether the CPU has the instructions (x86 with AVX); callers copy element by element otherwise.</summary>
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// Reads <paramref name="rows"/> rows of <see cref="Vector256{T}.Count"/> elements (row r at
    /// <paramref name="source"/> + r * <paramref name="sourceStride"/>; missing rows count as zeros) and writes column q
    /// of that block as one full vector at <paramref name="destination"/> + q * <paramref name="destinationStride"/>,
    /// for q in increasing order. A stride below the lane count overlaps each store with the next one's start, which
    /// the next store overwrites; the last store writes a full vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose<T>(T* source, nint sourceStride, int rows, T* destination, nint destinationStride)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) Transpose8((float*)source, sourceStride, rows, (float*)destination, destinationStride);
        else Transpose4((double*)source, sourceStride, rows, (double*)destination, destinationStride);
    }

    private static void Transpose8(float* s, nint stride, int rows, float* d, nint dStride)
    {
        Vector256<float> Row(int r) => r < rows ? Avx.LoadVector256(s + r * stride) : Vector256<float>.Zero;
        Vector256<float> r0 = Row(0), r1 = Row(1), r2 = Row(2), r3 = Row(3), r4 = Row(4), r5 = Row(5), r6 = Row(6), r7 = Row(7);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + dStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * dStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * dStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * dStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * dStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * dStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * dStride, Avx.Permute2x128(u3, u7, 0x31));
    }

    private static void Transpose4(double* s, nint stride, int rows, double* d, nint dStride)
    {
        Vector256<double> Row(int r) => r < rows ? Avx.LoadVector256(s + r * stride) : Vector256<double>.Zero;
        Vector256<double> r0 = Row(0), r1 = Row(1), r2 = Row(2), r3 = Row(3);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(d + dStride, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(d + 2 * dStride, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(d + 3 * dStride, Avx.Permute2x128(t1, t3, 0x31));
    }
}
