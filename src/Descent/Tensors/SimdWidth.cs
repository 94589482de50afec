using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Descent.Tensors;

/// <summary>
/// One SIMD register width as static operations, so that a kernel is written once and the JIT specialises it
/// for 256-bit and 512-bit vectors (<see cref="Width256{T}"/>, <see cref="Width512{T}"/>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TVector">The vector type of this width.</typeparam>
internal unsafe interface ISimdWidth<T, TVector> where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct
{
    /// <summary>Lanes in one vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether the CPU runs vectors of this width natively.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    static abstract TVector Zero { get; }

    static abstract TVector Load(T* source);

    static abstract void Store(TVector value, T* destination);

    static abstract TVector Broadcast(T value);

    /// <summary>a * b + c rounded once, in every lane.</summary>
    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector c);
}

/// <summary>256-bit vectors (AVX2).</summary>
internal readonly unsafe struct Width256<T> : ISimdWidth<T, Vector256<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) => Simd.FusedMultiplyAdd(a, b, c);
}

/// <summary>512-bit vectors (AVX-512).</summary>
internal readonly unsafe struct Width512<T> : ISimdWidth<T, Vector512<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c) => Simd.FusedMultiplyAdd(a, b, c);
}
