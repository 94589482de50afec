namespace Descent.Tensors;

// Reshape, transpose and slicing along the first axis.
public sealed partial class Tensor<T>
{
    /// <summary>The same elements with another shape of equal size; one extent may be -1 (inferred). Shares storage.</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        Tensor<T> x = this;
        int[] s = (int[])shape.Clone();
        int infer = Array.IndexOf(s, -1);
        if (Array.LastIndexOf(s, -1) != infer || Array.Exists(s, d => d < -1))
            throw new ArgumentException($"Cannot reshape {TensorShape.Format(_shape)} to {TensorShape.Format(shape)}: extents must be >= 0, with at most one -1.");
        if (infer >= 0)
        {
            s[infer] = 1;
            int known = TensorShape.SizeOf(s);
            if (known == 0 || Size % known != 0)
                throw new ArgumentException($"Cannot reshape {TensorShape.Format(_shape)} to {TensorShape.Format(shape)}.");
            s[infer] = Size / known;
        }
        if (TensorShape.SizeOf(s) != Size)
            throw new ArgumentException($"Cannot reshape {TensorShape.Format(_shape)} ({Size} elements) to {TensorShape.Format(shape)}.");
        return new Tensor<T>(_storage, _offset, s).Record([x], g => x.AccumulateGrad(g.Reshape(x._shape)));
    }

    /// <summary>The matrix transpose of a rank-2 tensor (or the tensor itself for rank 0 and 1), as a copy.</summary>
    public Tensor<T> Transpose()
    {
        Tensor<T> x = this;
        if (Rank < 2) return this;
        if (Rank != 2) throw new ArgumentException($"Transpose() needs a matrix, not shape {TensorShape.Format(_shape)}.");
        int rows = _shape[0], cols = _shape[1];
        var result = new Tensor<T>(new T[Size], [cols, rows]);
        ReadOnlySpan<T> src = Data;
        Span<T> dst = result.Data;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                dst[j * rows + i] = src[i * cols + j];
        return result.Record([x], g => x.AccumulateGrad(g.Transpose()));
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of the first axis. Shares storage.</summary>
    public Tensor<T> Rows(int start, int count)
    {
        Tensor<T> x = this;
        if (Rank == 0) throw new InvalidOperationException("Rows() needs a tensor with at least one axis.");
        if (start < 0 || count < 0 || start + count > _shape[0])
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows {start}..{start + count} are outside 0..{_shape[0]}.");
        int rowSize = Size / Math.Max(_shape[0], 1);
        int[] shape = (int[])_shape.Clone();
        shape[0] = count;
        // The gradient lands in its slice of the input's gradient in place: a full-size zero tensor per slice
        // would make n slices of an n-vector (a minimization's variables) cost O(n^2).
        return new Tensor<T>(_storage, _offset + start * rowSize, shape).Record([x], g => x.AccumulateGradSlice(start * rowSize, g.Data));
    }

    /// <summary>Element <paramref name="index"/> of the first axis, with that axis removed (<c>t[i]</c> in PyTorch). Shares storage.</summary>
    public Tensor<T> Index(int index)
    {
        Tensor<T> x = this;
        if (Rank == 0) throw new InvalidOperationException("Index() needs a tensor with at least one axis.");
        if ((uint)index >= (uint)_shape[0])
            throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is outside 0..{_shape[0] - 1}.");
        // A gather of one row; its backward scatter-adds into the input's gradient (see Rows).
        int rowSize = Size / _shape[0];
        return new Tensor<T>(_storage, _offset + index * rowSize, _shape[1..]).Record([x], g => x.AccumulateGradSlice(index * rowSize, g.Data));
    }

    /// <summary>
    /// The elements at positions <paramref name="indices"/> of the flattened tensor, in <paramref name="shape"/> (PyTorch's
    /// <c>torch.take</c>). Backward adds each element's gradient to its position, so repeated positions add up.
    /// </summary>
    public Tensor<T> Take(int[] indices, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(indices);
        Tensor<T> x = this;
        if (TensorShape.SizeOf(shape) != indices.Length)
            throw new ArgumentException($"{indices.Length} positions do not fill shape {TensorShape.Format(shape)}.");
        var result = new Tensor<T>(new T[indices.Length], (int[])shape.Clone());
        ReadOnlySpan<T> src = Data;
        Span<T> dst = result.Data;
        for (int k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)src.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), $"Position {indices[k]} is outside 0..{src.Length - 1}.");
            dst[k] = src[indices[k]];
        }
        return result.Record([x], g => x.AccumulateGradScatter(indices, g.Data));
    }
}
