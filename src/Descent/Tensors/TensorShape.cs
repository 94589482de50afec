namespace Descent.Tensors;

/// <summary>Shape arithmetic: sizes, flat indices and NumPy/PyTorch broadcasting rules.</summary>
public static class TensorShape
{
    /// <summary>The number of elements of a tensor of this shape (1 for a scalar).</summary>
    public static int SizeOf(ReadOnlySpan<int> shape)
    {
        int size = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"Negative extent {d} in a shape.");
            size = checked(size * d);
        }
        return size;
    }

    /// <summary>The shape written as PyTorch prints it, e.g. <c>[3, 2]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>An axis index in [0, rank); negative values count from the end.</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for a rank-{rank} tensor.");
        return a;
    }

    internal static int FlatIndex(int[] shape, int[] index)
    {
        if (index.Length != shape.Length)
            throw new ArgumentException($"{index.Length} indices for a rank-{shape.Length} tensor.");
        int flat = 0;
        for (int i = 0; i < shape.Length; i++)
        {
            if ((uint)index[i] >= (uint)shape[i])
                throw new IndexOutOfRangeException($"Index {index[i]} is out of range for axis {i} of extent {shape[i]}.");
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /// <summary>Row-major strides of a contiguous tensor of this shape.</summary>
    internal static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
        return strides;
    }

    /// <summary>The shape two shapes broadcast to, aligning trailing axes; throws if they are incompatible.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"Shapes {Format(a)} and {Format(b)} cannot be broadcast together (axis {i}: {da} vs {db}).");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    internal static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>Copies <paramref name="source"/> (of shape <paramref name="sourceShape"/>) expanded to <paramref name="targetShape"/>.</summary>
    internal static void Expand<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> sourceShape, ReadOnlySpan<int> targetShape, Span<T> destination)
    {
        if (source.Length == 1) { destination.Fill(source[0]); return; }
        int rank = targetShape.Length;
        // Strides of the source aligned to the target's axes; a broadcast axis has stride 0.
        Span<int> strides = stackalloc int[rank];
        int s = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            int si = i - (rank - sourceShape.Length);
            int extent = si >= 0 ? sourceShape[si] : 1;
            strides[i] = extent == 1 ? 0 : s;
            s *= extent;
        }
        int inner = targetShape.Length == 0 ? 1 : targetShape[rank - 1];
        Span<int> index = stackalloc int[rank];
        int srcBase = 0;
        for (int outPos = 0; outPos < destination.Length; outPos += inner)
        {
            var row = destination.Slice(outPos, inner);
            if (rank == 0 || strides[rank - 1] != 0) source.Slice(srcBase, inner).CopyTo(row);
            else row.Fill(source[srcBase]);
            // Advance the multi-index over all axes but the last.
            for (int axis = rank - 2; axis >= 0; axis--)
            {
                index[axis]++;
                srcBase += strides[axis];
                if (index[axis] < targetShape[axis]) break;
                srcBase -= strides[axis] * index[axis];
                index[axis] = 0;
            }
        }
    }
}
