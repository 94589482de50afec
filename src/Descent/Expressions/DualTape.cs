namespace Descent.Expressions;

/// <summary>
/// One evaluation of a function's tree in dual numbers, recorded as a tape of scalar operations, each with the
/// partial derivatives with respect to its (at most two) inputs, as duals. The reverse sweep over the tape then
/// gives the gradient in the values and the Hessian times the direction in the tangents: exact, in double.
/// </summary>
internal sealed class DualTape
{
    private readonly List<Dual> _values = [];
    private readonly List<(int A, Dual DA, int B, Dual DB)> _inputs = [];
    private readonly Dictionary<string, int> _variables = [];
    private int[] _sizes = [];
    private readonly List<int> _indices = []; // the value of each enclosing sum's index, outermost first

    /// <summary>Where the function is not twice differentiable, e.g. "abs(...) at 0", or null.</summary>
    public string? Kink { get; private set; }

    /// <summary>f at <paramref name="point"/>, its gradient, and its Hessian times <paramref name="direction"/>, with the first kink met (or null).</summary>
    public static (double Value, double[] Gradient, double[] HessianTimesDirection, string? Kink) Run(
        ExpressionNode root, IReadOnlyList<string> variables, IReadOnlyList<double> point, IReadOnlyList<double> direction, int[]? sizes = null)
    {
        var tape = new DualTape { _sizes = sizes ?? [] };
        for (int i = 0; i < variables.Count; i++)
        {
            tape._variables[variables[i]] = i;
            tape.Record(new Dual(point[i], direction[i]), -1, 0, -1, 0);
        }
        Slot result = tape.Evaluate(root);
        var adjoint = new Dual[tape._values.Count];
        if (result.Index >= 0) adjoint[result.Index] = 1;
        for (int i = adjoint.Length - 1; i >= variables.Count; i--)
        {
            var (a, da, b, db) = tape._inputs[i];
            if (a >= 0) adjoint[a] += adjoint[i] * da;
            if (b >= 0) adjoint[b] += adjoint[i] * db;
        }
        return (result.Value.Value, [.. adjoint[..variables.Count].Select(d => d.Value)], [.. adjoint[..variables.Count].Select(d => d.Tangent)], tape.Kink);
    }

    /// <summary>A value on the tape (Index &gt;= 0) or a constant (Index -1), which needs no entry.</summary>
    private readonly record struct Slot(int Index, Dual Value);

    private Slot Record(Dual value, int a, Dual da, int b, Dual db)
    {
        _values.Add(value);
        _inputs.Add((a, da, b, db));
        return new Slot(_values.Count - 1, value);
    }

    private Slot Evaluate(ExpressionNode node) => node switch
    {
        NumberNode n => new Slot(-1, n.Value),
        ConstantNode c => new Slot(-1, c.Value),
        VariableNode { Symbol.Kind: SymbolKind.Size } v => new Slot(-1, _sizes[v.Symbol.Slot]),
        VariableNode v => Variable(v.Name),
        IndexNode i => new Slot(-1, _indices[i.Depth - 1]),
        ElementNode e => Variable(Expression.ElementName(e.Vector.Name, (int)Evaluate(e.Index).Value.Value)),
        SumNode s => Sum(s),
        NegateNode n => Unary(Evaluate(n.Operand), x => (-x, -1)),
        BinaryNode b => Binary(b.Operator, Evaluate(b.Left), Evaluate(b.Right)),
        ChainNode c => c.Rest.Aggregate(Evaluate(c.First), (value, next) => Binary(next.Operator, value, Evaluate(next.Operand))),
        CallNode call => Call(call.Function, Evaluate(call.Argument)),
        _ => throw new InvalidOperationException($"No second-order rule for {node.GetType().Name}."),
    };

    private Slot Variable(string name) => _variables.TryGetValue(name, out int i)
        ? new Slot(i, _values[i])
        : throw new InputException($"no value given for the variable '{name}'");

    // Term by term, in order: the tape holds scalars, so a sum of n terms records n of each of its body's operations.
    private Slot Sum(SumNode sum)
    {
        int first = (int)Evaluate(sum.First).Value.Value, last = (int)Evaluate(sum.Last).Value.Value;
        Slot total = new(-1, 0);
        _indices.Add(0);
        for (int k = first; k <= last; k++)
        {
            _indices[^1] = k;
            total = Binary(BinaryOperator.Add, total, Evaluate(sum.Body));
        }
        _indices.RemoveAt(_indices.Count - 1);
        return total;
    }

    private Slot Unary(Slot x, Func<Dual, (Dual Value, Dual Slope)> rule)
    {
        var (value, slope) = rule(x.Value);
        return x.Index < 0 ? new Slot(-1, value) : Record(value, x.Index, slope, -1, 0);
    }

    private Slot Call(MathFunction function, Slot x)
    {
        if (Kink is null && x.Index >= 0 && function.HasKinkAt(x.Value.Value)) Kink = $"{function.Name}(...) has a kink where its argument is {x.Value.Value}";
        return Unary(x, function.OnDual);
    }

    // Each operation's value and its partial derivatives with respect to both operands, as duals, side by side.
    private Slot Binary(BinaryOperator op, Slot a, Slot b)
    {
        Dual x = a.Value, y = b.Value;
        var (value, dx, dy) = op switch
        {
            BinaryOperator.Add => (x + y, (Dual)1, (Dual)1),
            BinaryOperator.Subtract => (x - y, 1, -1),
            BinaryOperator.Multiply => (x * y, y, x),
            BinaryOperator.Divide => (x / y, 1 / y, -x / (y * y)),
            _ when b.Index < 0 => (Dual.Pow(x, y.Value), y.Value == 0 ? 0 : y.Value * Dual.Pow(x, y.Value - 1), 0),
            _ when a.Index < 0 => (Dual.Pow(x.Value, y), 0, x.Value == 0 && y.Value >= 0 ? 0 : Dual.Pow(x.Value, y) * Math.Log(x.Value)),
            _ => (Dual.Pow(x, y), y.Value == 0 ? 0 : y * Dual.Pow(x, y - 1), x.Value == 0 && y.Value >= 0 ? 0 : Dual.Pow(x, y) * Dual.Log(x)),
        };
        if (a.Index < 0 && b.Index < 0) return new Slot(-1, value);
        return Record(value, a.Index, dx, b.Index, dy);
    }
}
