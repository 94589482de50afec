using System.Numerics;
using Descent.Tensors;

namespace Descent.Expressions;

/// <summary>
/// What one evaluation of a function needs: the value of each variable by slot, the sizes, and the sums being evaluated.
/// A scope lives as long as its bindings keep their lengths (a whole minimization): what depends only on the sizes, such as
/// a sum's bounds, its index values and the positions an indexed variable reads, is worked out at the first evaluation and
/// kept, so later evaluations do only the arithmetic on the variables.
/// </summary>
internal sealed class Scope<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>?[] _variables;
    private readonly Symbol[] _symbols;
    private readonly int[] _sizes;
    private readonly List<IndexRange<T>> _sums = [];
    private readonly Dictionary<ExpressionNode, object> _cache = new(ReferenceEqualityComparer.Instance);

    /// <param name="variables">The function's variables, by slot.</param>
    /// <param name="sizes">The value of each size, by slot.</param>
    public Scope(IReadOnlyList<Symbol> variables, int[] sizes)
    {
        _symbols = [.. variables];
        _variables = new Tensor<T>?[variables.Count];
        _sizes = sizes;
    }

    /// <summary>The text of the function, for error messages.</summary>
    public string Text { get; init; } = "";

    /// <summary>Binds the variable of <paramref name="slot"/>: a rank-0 tensor for a scalar, a rank-1 tensor for a vector.</summary>
    public void Bind(int slot, Tensor<T> value) => _variables[slot] = value;

    public Tensor<T> Variable(Symbol symbol) =>
        _variables[symbol.Slot] ?? throw new InputException($"no value given for the variable '{symbol.Name}'");

    public int Size(Symbol symbol) => _sizes[symbol.Slot];

    /// <summary>The sums being evaluated, outermost first: what an index node of depth d reads.</summary>
    public IndexRange<T> Sum(int depth) => _sums[depth - 1];

    public void Enter(IndexRange<T> range) => _sums.Add(range);

    public void Leave() => _sums.RemoveAt(_sums.Count - 1);

    /// <summary>What <paramref name="node"/> worked out at the first evaluation, or what <paramref name="make"/> makes of it now.</summary>
    public TValue Cached<TValue>(ExpressionNode node, Func<TValue> make) where TValue : notnull
    {
        if (_cache.TryGetValue(node, out object? kept)) return (TValue)kept;
        TValue value = make();
        _cache[node] = value;
        return value;
    }

    /// <summary>
    /// A scope of the same sizes and sums, in double and without variables, for index expressions: an index is worked out
    /// exactly whatever the dtype (float32 holds whole numbers only up to 2^24).
    /// </summary>
    public Scope<double> ForIndices()
    {
        var scope = new Scope<double>(_symbols, _sizes) { Text = Text };
        foreach (IndexRange<T> range in _sums) scope.Enter(range.Sum.Range(scope));
        return scope;
    }
}
