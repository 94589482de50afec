using System.Numerics;

namespace Descent.Tensors;

/// <summary>In-place arithmetic on spans, for gradients accumulating into a tensor's data.</summary>
internal static class SpanArithmetic
{
    public static void Add<T>(this Span<T> destination, ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
        => System.Numerics.Tensors.TensorPrimitives.Add(destination, values, destination);
}
