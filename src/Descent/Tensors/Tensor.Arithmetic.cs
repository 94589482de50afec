using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Descent.Tensors;

// Element-wise + - * / with broadcasting, negation, and their tensor-scalar forms.
public sealed partial class Tensor<T>
{
    private enum BinaryKind { Add, Subtract, Multiply, Divide }

    /// <summary>Element-wise sum, broadcasting.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) =>
        Binary(a, b, BinaryKind.Add).Record([a, b], g =>
        {
            if (a._requiresGrad) a.AccumulateGrad(g.SumTo(a._shape));
            if (b._requiresGrad) b.AccumulateGrad(g.SumTo(b._shape));
        });

    /// <summary>Element-wise difference, broadcasting.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) =>
        Binary(a, b, BinaryKind.Subtract).Record([a, b], g =>
        {
            if (a._requiresGrad) a.AccumulateGrad(g.SumTo(a._shape));
            if (b._requiresGrad) b.AccumulateGrad((-g).SumTo(b._shape));
        });

    /// <summary>Element-wise product, broadcasting.</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) =>
        Binary(a, b, BinaryKind.Multiply).Record([a, b], g =>
        {
            if (a._requiresGrad) a.AccumulateGrad((g * b).SumTo(a._shape));
            if (b._requiresGrad) b.AccumulateGrad((g * a).SumTo(b._shape));
        });

    /// <summary>Element-wise quotient, broadcasting.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) =>
        Binary(a, b, BinaryKind.Divide).Record([a, b], g =>
        {
            if (a._requiresGrad) a.AccumulateGrad((g / b).SumTo(a._shape));
            // PyTorch's order: -grad * ((a / b) / b).
            if (b._requiresGrad) b.AccumulateGrad((-g * (a / b / b)).SumTo(b._shape));
        });

    /// <summary>Element-wise negation.</summary>
    public static Tensor<T> operator -(Tensor<T> a)
    {
        var result = new Tensor<T>(new T[a.Size], a._shape);
        TP.Negate(a.Data, result.Data);
        return result.Record([a], g => a.AccumulateGrad(-g));
    }

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor<T> operator +(Tensor<T> a, T s) =>
        Map(a, (x, d) => TP.Add(x, s, d)).Record([a], g => a.AccumulateGrad(g));

    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor<T> operator +(T s, Tensor<T> a) => a + s;

    /// <summary>Subtracts a scalar from every element.</summary>
    public static Tensor<T> operator -(Tensor<T> a, T s) =>
        Map(a, (x, d) => TP.Subtract(x, s, d)).Record([a], g => a.AccumulateGrad(g));

    /// <summary>A scalar minus every element.</summary>
    public static Tensor<T> operator -(T s, Tensor<T> a) =>
        Map(a, (x, d) => TP.Subtract(s, x, d)).Record([a], g => a.AccumulateGrad(-g));

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor<T> operator *(Tensor<T> a, T s) =>
        Map(a, (x, d) => TP.Multiply(x, s, d)).Record([a], g => a.AccumulateGrad(g * s));

    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor<T> operator *(T s, Tensor<T> a) => a * s;

    /// <summary>Divides every element by a scalar.</summary>
    public static Tensor<T> operator /(Tensor<T> a, T s) =>
        Map(a, (x, d) => TP.Divide(x, s, d)).Record([a], g => a.AccumulateGrad(g / s));

    /// <summary>A scalar divided by every element; computed as PyTorch does, <c>reciprocal(a) * s</c>.</summary>
    public static Tensor<T> operator /(T s, Tensor<T> a) => a.Reciprocal() * s;

    /// <summary>Element-wise 1 / x.</summary>
    public Tensor<T> Reciprocal()
    {
        Tensor<T> x = this;
        Tensor<T> y = Map(x, (v, d) => TP.Reciprocal(v, d));
        return y.Record([x], g => x.AccumulateGrad(-g * (y * y)));
    }

    private delegate void SpanMap(ReadOnlySpan<T> x, Span<T> destination);

    private static Tensor<T> Map(Tensor<T> a, SpanMap kernel)
    {
        var result = new Tensor<T>(new T[a.Size], a._shape);
        kernel(a.Data, result.Data);
        return result;
    }

    private static Tensor<T> Binary(Tensor<T> a, Tensor<T> b, BinaryKind kind)
    {
        if (TensorShape.SameShape(a._shape, b._shape))
        {
            var same = new Tensor<T>(new T[a.Size], a._shape);
            Apply(kind, a.Data, b.Data, same.Data);
            return same;
        }
        int[] shape = TensorShape.Broadcast(a._shape, b._shape);
        var result = new Tensor<T>(new T[TensorShape.SizeOf(shape)], shape);
        Span<T> d = result.Data;
        // A one-element operand that does not raise the rank is a scalar: no expansion needed.
        if (b.Size == 1 && b.Rank <= a.Rank && a.Size == d.Length) ApplyScalarRight(kind, a.Data, b.Data[0], d);
        else if (a.Size == 1 && a.Rank <= b.Rank && b.Size == d.Length) ApplyScalarLeft(kind, a.Data[0], b.Data, d);
        else
        {
            ReadOnlySpan<T> x = ExpandTo(a, shape), y = ExpandTo(b, shape);
            Apply(kind, x, y, d);
        }
        return result;
    }

    private static ReadOnlySpan<T> ExpandTo(Tensor<T> t, int[] shape)
    {
        if (TensorShape.SameShape(t._shape, shape)) return t.Data;
        var expanded = new T[TensorShape.SizeOf(shape)];
        TensorShape.Expand<T>(t.Data, t._shape, shape, expanded);
        return expanded;
    }

    private static void Apply(BinaryKind kind, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
    {
        switch (kind)
        {
            case BinaryKind.Add: TP.Add(x, y, d); break;
            case BinaryKind.Subtract: TP.Subtract(x, y, d); break;
            case BinaryKind.Multiply: TP.Multiply(x, y, d); break;
            default: TP.Divide(x, y, d); break;
        }
    }

    private static void ApplyScalarRight(BinaryKind kind, ReadOnlySpan<T> x, T y, Span<T> d)
    {
        switch (kind)
        {
            case BinaryKind.Add: TP.Add(x, y, d); break;
            case BinaryKind.Subtract: TP.Subtract(x, y, d); break;
            case BinaryKind.Multiply: TP.Multiply(x, y, d); break;
            default: TP.Divide(x, y, d); break;
        }
    }

    private static void ApplyScalarLeft(BinaryKind kind, T x, ReadOnlySpan<T> y, Span<T> d)
    {
        switch (kind)
        {
            case BinaryKind.Add: TP.Add(y, x, d); break;
            case BinaryKind.Subtract: TP.Subtract(x, y, d); break;
            case BinaryKind.Multiply: TP.Multiply(y, x, d); break;
            default: TP.Divide(x, y, d); break;
        }
    }

    /// <summary>This tensor summed down to <paramref name="shape"/>, undoing a broadcast (used by backward passes).</summary>
    internal Tensor<T> SumTo(int[] shape)
    {
        if (TensorShape.SameShape(_shape, shape)) return this;
        Tensor<T> t = this;
        int lead = Rank - shape.Length;
        for (int i = 0; i < lead; i++) t = t.Sum(0);
        for (int axis = 0; axis < shape.Length; axis++)
            if (shape[axis] == 1 && t._shape[axis] != 1) t = t.Sum(axis, keepDim: true);
        return t;
    }
}
