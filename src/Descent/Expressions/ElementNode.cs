using System.Numerics;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Expressions;

/// <summary>
/// <c>x[index]</c>: an element of a vector variable, counted from 1. Inside sums the index is a tensor of positions (one
/// per value of the sums' indices), so the node reads them all at once: a slice when they are consecutive, as in
/// <c>x[i]</c> or <c>x[i + 1]</c>, else a gather. The positions depend only on the sizes, so they are worked out once
/// per scope, in double, and checked against the vector's length there.
/// </summary>
internal sealed record ElementNode(Symbol Vector, ExpressionNode Index, int Column) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope)
    {
        Tensor<T> x = scope.Variable(Vector);
        Positions at = scope.Cached(this, () => Locate(scope, x.Size));
        if (at.Flat is null) return at.Shape.Length switch
        {
            0 => x.Index(at.Start),
            1 => x.Rows(at.Start, at.Shape[0]),
            _ => x.Rows(at.Start, at.Shape[0]).Reshape(at.Shape),
        };
        return x.Take(at.Flat, at.Shape);
    }

    /// <summary>Where the node reads: positions Start, Start + 1, ... in <see cref="Shape"/> when <see cref="Flat"/> is null, else those of Flat.</summary>
    private sealed record Positions(int Start, int[]? Flat, int[] Shape);

    private Positions Locate<T>(Scope<T> scope, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Operand<double> index = Index.Evaluate(scope.ForIndices());
        if (index.Tensor is not { } t) return new Positions(Check(index.Constant), null, []);
        ReadOnlySpan<double> values = t.Data;
        var flat = new int[values.Length];
        bool consecutive = true;
        for (int k = 0; k < flat.Length; k++)
        {
            flat[k] = Check(values[k]);
            consecutive &= k == 0 || flat[k] == flat[k - 1] + 1;
        }
        // Consecutive positions along one axis are a slice: no copy forward, and an in-place add backward.
        bool slice = consecutive && flat.Length > 0 && t.Shape.ToArray().Skip(1).All(d => d == 1);
        return slice ? new Positions(flat[0], null, t.Shape.ToArray()) : new Positions(0, flat, t.Shape.ToArray());

        int Check(double position)
        {
            if (position != Math.Round(position))
                throw new ParseException($"{Vector.Name}[{Index.Format()}] reads position {SpecFormat.Number(position)}, not a whole number", scope.Text, Column);
            if (position < 1 || position > length)
                throw new ParseException($"{Vector.Name}[{Index.Format()}] reads position {SpecFormat.Number(position)}, outside 1..{length} ({Vector.Name} has {length} elements, counted from 1)", scope.Text, Column);
            return (int)position - 1;
        }
    }

    public override string Format(int parentPrecedence = 0) => $"{Vector.Name}[{Index.Format()}]";
}
