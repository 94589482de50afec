namespace Descent.Expressions;

/// <summary>
/// Writes a function's sums out term by term and its vector elements as scalar variables named <c>x[k]</c>: the same
/// function of the same coordinates, for what evaluates a function on grids of scalars (pictures of one or two variables).
/// </summary>
internal sealed class Unrolling(int[] sizes)
{
    private readonly Dictionary<string, Symbol> _elements = [];
    private readonly List<Symbol> _variables = [];
    private readonly List<int> _indices = []; // the value of each enclosing sum's index, outermost first

    /// <summary>The variables of the written-out function, in order of first appearance.</summary>
    public IReadOnlyList<Symbol> Variables => _variables;

    public ExpressionNode Unroll(ExpressionNode node) => node switch
    {
        NumberNode or ConstantNode => node,
        VariableNode { Symbol.Kind: SymbolKind.Size } v => Number(sizes[v.Symbol.Slot]),
        VariableNode v => new VariableNode(Scalar(v.Name)),
        IndexNode i => Number(_indices[i.Depth - 1]),
        ElementNode e => new VariableNode(Scalar(Expression.ElementName(e.Vector.Name, Whole(e.Index)))),
        NegateNode n => new NegateNode(Unroll(n.Operand)),
        BinaryNode b => new BinaryNode(b.Operator, Unroll(b.Left), Unroll(b.Right)),
        ChainNode c => new ChainNode(Unroll(c.First), [.. c.Rest.Select(r => (r.Operator, Unroll(r.Operand)))]),
        CallNode call => new CallNode(call.Function, Unroll(call.Argument)),
        SumNode s => Sum(s),
        _ => throw new InvalidOperationException($"No unrolling for {node.GetType().Name}."),
    };

    private ExpressionNode Sum(SumNode sum)
    {
        int first = Whole(sum.First), last = Whole(sum.Last);
        if (last < first) return Number(0);
        var terms = new List<ExpressionNode>();
        _indices.Add(0);
        for (int k = first; k <= last; k++)
        {
            _indices[^1] = k;
            terms.Add(Unroll(sum.Body));
        }
        _indices.RemoveAt(_indices.Count - 1);
        return terms.Count == 1 ? terms[0] : new ChainNode(terms[0], [.. terms.Skip(1).Select(t => (BinaryOperator.Add, t))]);
    }

    /// <summary>A bound or an index, now that the sizes and the enclosing indices are numbers (checked when the function was first evaluated).</summary>
    private int Whole(ExpressionNode node)
    {
        var scope = new Scope<double>([], sizes);
        Operand<double> value = Unroll(node).Evaluate(scope);
        return (int)value.Constant;
    }

    private static NumberNode Number(double value) => new(value, Specs.SpecFormat.Number(value));

    private Symbol Scalar(string name)
    {
        if (_elements.TryGetValue(name, out Symbol? symbol)) return symbol;
        symbol = new Symbol(name) { Kind = SymbolKind.Scalar, Slot = _variables.Count };
        _elements.Add(name, symbol);
        _variables.Add(symbol);
        return symbol;
    }
}
