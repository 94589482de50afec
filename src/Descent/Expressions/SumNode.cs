using System.Globalization;
using System.Numerics;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Expressions;

/// <summary>
/// <c>sum(i, first, last, body)</c>: the body added up for i = first, ..., last (none when last &lt; first). The bounds are
/// whole numbers made of numbers and sizes. The body is evaluated once, on all values of i together: i is a tensor of
/// them along an axis of its own (axis 0 of a rank-<see cref="Depth"/> tensor, so nested sums broadcast to a grid), and
/// the sum adds that axis up. A sum over 10,000 values is a handful of tensor operations, not 10,000 nodes.
/// </summary>
internal sealed record SumNode(string Index, ExpressionNode First, ExpressionNode Last, ExpressionNode Body, int Depth, int Column) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope)
    {
        IndexRange<T> range = scope.Cached(this, () => Range(scope));
        scope.Enter(range);
        Operand<T> body = Body.Evaluate(scope);
        scope.Leave();
        int count = range.Count;
        if (body.Tensor is not { } t) return body.Constant * count;
        // A body that does not depend on i (of lower rank, or of extent 1 along i's axis) counts once for every i.
        if (t.Rank < Depth) return t * T.CreateChecked(count);
        Tensor<T> total = Depth == 1 ? t.Sum() : t.Sum(0);
        return t.Dim(0) == count ? total : total * T.CreateChecked(count);
    }

    /// <summary>
    /// The most terms a sum and its enclosing sums may have together: the body is evaluated on all of them at once, a
    /// tensor of that many numbers (400 MB in double).
    /// </summary>
    public const long MaxTerms = 50_000_000;

    /// <summary>The bounds, and i's values first, ..., last along axis 0 of a rank-<see cref="Depth"/> tensor.</summary>
    internal IndexRange<T> Range<T>(Scope<T> scope) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (first, count) = Bounds(scope);
        long terms = count;
        for (int depth = 1; depth < Depth; depth++) terms *= scope.Sum(depth).Count;
        if (terms > MaxTerms)
            throw new ParseException($"this sum{(Depth > 1 ? " and the sums around it" : "")} would add {terms.ToString("N0", CultureInfo.InvariantCulture)} terms, more than the {MaxTerms.ToString("N0", CultureInfo.InvariantCulture)} evaluated at once", scope.Text, Column);
        var values = new T[count];
        for (int k = 0; k < count; k++) values[k] = T.CreateChecked(first + k);
        return new IndexRange<T>(this, first, count, Tensor<T>.FromArray(values, [count, .. Enumerable.Repeat(1, Depth - 1)]));
    }

    private (int First, int Count) Bounds<T>(Scope<T> scope) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int first = Whole(First.Evaluate(scope), "first"), last = Whole(Last.Evaluate(scope), "last");
        return (first, (int)Math.Clamp((long)last - first + 1, 0, int.MaxValue));

        int Whole(Operand<T> bound, string which)
        {
            double value = bound.Constant;
            if (value != Math.Round(value))
                throw new ParseException($"the {which} value of the sum's index '{Index}' is {SpecFormat.Number(value)}, not a whole number", scope.Text, Column);
            if (Math.Abs(value) > 1e9)
                throw new ParseException($"the {which} value of the sum's index '{Index}' is {SpecFormat.Number(value)}, beyond +-1e9", scope.Text, Column);
            return (int)value;
        }
    }

    public override string Format(int parentPrecedence = 0) => $"sum({Index}, {First.Format()}, {Last.Format()}, {Body.Format()})";
}

/// <summary>The values a sum's index takes: first, ..., first + count - 1, also as a tensor along the sum's axis.</summary>
internal sealed record IndexRange<T>(SumNode Sum, int First, int Count, Tensor<T> Values) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The index of the enclosing sum at <see cref="Depth"/> (1 for the outermost): all its values at once, as a tensor.</summary>
internal sealed record IndexNode(string Name, int Depth) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope)
    {
        return scope.Sum(Depth).Values;
    }

    public override string Format(int parentPrecedence = 0) => Name;
}
