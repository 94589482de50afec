using System.Globalization;
using System.Numerics;
using System.Text;

namespace Descent.Tensors;

/// <summary>
/// A dense, row-major tensor of <c>float</c> or <c>double</c> with a shape, and a node of the autodiff graph.
/// Element-wise operators broadcast as NumPy and PyTorch do.
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed partial class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _storage;
    private readonly int _offset;
    private readonly int[] _shape;

    internal Tensor(T[] storage, int offset, int[] shape)
    {
        _storage = storage;
        _offset = offset;
        _shape = shape;
        Size = TensorShape.SizeOf(shape);
        if (offset < 0 || offset + Size > storage.Length)
            throw new ArgumentException("The shape does not fit the storage.", nameof(shape));
    }

    internal Tensor(T[] storage, int[] shape) : this(storage, 0, shape) { }

    /// <summary>The number of elements.</summary>
    public int Size { get; }

    /// <summary>The extent of each axis; empty for a scalar.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The number of axes (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>The elements in row-major order. Writing here changes the tensor in place, outside the graph.</summary>
    public Span<T> Data => _storage.AsSpan(_offset, Size);

    internal int[] ShapeArray => _shape;

    /// <summary>The elements as memory, for kernels that split work across threads.</summary>
    internal Memory<T> Memory => _storage.AsMemory(_offset, Size);

    /// <summary>A tensor of the given shape filled with zeros.</summary>
    public static Tensor<T> Zeros(params int[] shape) => new(new T[TensorShape.SizeOf(shape)], (int[])shape.Clone());

    /// <summary>A tensor of the given shape filled with ones.</summary>
    public static Tensor<T> Ones(params int[] shape) => Full(T.One, shape);

    /// <summary>A tensor of the given shape filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Full(T value, params int[] shape)
    {
        var data = new T[TensorShape.SizeOf(shape)];
        data.AsSpan().Fill(value);
        return new(data, (int[])shape.Clone());
    }

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor<T> Scalar(T value) => new([value], []);

    /// <summary>A tensor holding a copy of <paramref name="values"/> with the given shape (a vector if no shape is given).</summary>
    public static Tensor<T> FromArray(ReadOnlySpan<T> values, params int[] shape)
    {
        int[] s = shape.Length == 0 ? [values.Length] : (int[])shape.Clone();
        if (TensorShape.SizeOf(s) != values.Length)
            throw new ArgumentException(
                $"{values.Length} values do not fill shape {TensorShape.Format(s)}.", nameof(shape));
        return new(values.ToArray(), s);
    }

    /// <summary>The extent of axis <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => _shape[TensorShape.NormalizeAxis(axis, Rank)];

    /// <summary>The value of a one-element tensor.</summary>
    public T Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Item() needs a one-element tensor, not shape {TensorShape.Format(_shape)}.");
        return _storage[_offset];
    }

    /// <summary>The element at the given index (one integer per axis).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public T this[params int[] index]
    {
        get => _storage[_offset + TensorShape.FlatIndex(_shape, index)];
        set => _storage[_offset + TensorShape.FlatIndex(_shape, index)] = value;
    }

    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] ToArray() => Data.ToArray();

    /// <summary>A copy of this tensor's values that is not part of any graph.</summary>
    public Tensor<T> Clone() => new(ToArray(), (int[])_shape.Clone());

    /// <summary>This tensor's storage as a new tensor outside the graph (no gradient flows through it).</summary>
    public Tensor<T> Detach() => new(_storage, _offset, _shape);

    /// <summary>A copy converted to another element type (outside the graph).</summary>
    public Tensor<TOther> To<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var result = new TOther[Size];
        ReadOnlySpan<T> data = Data;
        for (int i = 0; i < result.Length; i++) result[i] = TOther.CreateChecked(data[i]);
        return new Tensor<TOther>(result, (int[])_shape.Clone());
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder("tensor(");
        ReadOnlySpan<T> data = Data;
        if (Rank == 0) sb.Append(data[0].ToString("R", CultureInfo.InvariantCulture));
        else
        {
            sb.Append('[');
            int shown = Math.Min(Size, 20);
            for (int i = 0; i < shown; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(data[i].ToString("R", CultureInfo.InvariantCulture));
            }
            if (shown < Size) sb.Append(", ...");
            sb.Append("], shape=").Append(TensorShape.Format(_shape));
        }
        if (RequiresGrad) sb.Append(", requires_grad");
        return sb.Append(')').ToString();
    }
}
