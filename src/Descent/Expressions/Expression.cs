using System.Numerics;
using Descent.Autodiff;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Expressions;

/// <summary>
/// A function typed by a user, such as <c>(1 - x)^2 + 100*(y - x^2)^2</c>, evaluated on tensors so
/// that autodiff gives its exact gradient. Numbers, variables, <c>+ - * /</c>, <c>^</c> or <c>**</c>
/// (right-associative; <c>-x^2</c> is <c>-(x^2)</c>), parentheses, the functions of
/// <see cref="Functions"/> and the constants <c>pi</c> and <c>e</c>. Sums over index ranges, <c>sum(i, 1, n, (x[i] - i)^2)</c>,
/// read vector variables element by element (<c>x[i]</c>, counted from 1); names in a sum's bounds, such as <c>n</c>, are
/// <see cref="Sizes"/>: whole numbers given when the function is evaluated. A sum is evaluated on all its index values at
/// once, so its cost is a few tensor operations of its length, not a node per term.
/// </summary>
public sealed class Expression
{
    private readonly ExpressionNode _root;

    private readonly Symbol[] _variables, _sizes;

    private Expression(string text, ExpressionNode root, IReadOnlyList<Symbol> variables, IReadOnlyList<Symbol> sizes)
    {
        Text = text;
        _root = root;
        _variables = [.. variables];
        _sizes = [.. sizes];
        Variables = [.. variables.Select(v => v.Name)];
        Vectors = [.. variables.Where(v => v.Kind == SymbolKind.Vector).Select(v => v.Name)];
        Sizes = [.. sizes.Select(v => v.Name)];
    }

    /// <summary>The parsed tree, for the exact second derivatives (<see cref="DualTape"/>).</summary>
    internal ExpressionNode Root => _root;

    /// <summary>The text as the user typed it (trimmed).</summary>
    public string Text { get; }

    /// <summary>The variables, scalar and vector, in order of first appearance.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The variables that are vectors (indexed, as <c>x</c> in <c>x[i]</c>), in order of first appearance.</summary>
    public IReadOnlyList<string> Vectors { get; }

    /// <summary>The sizes: names in the bounds of sums, as <c>n</c> in <c>sum(i, 1, n, ...)</c>, which take whole numbers, not variables.</summary>
    public IReadOnlyList<string> Sizes { get; }

    /// <summary>The name of element <paramref name="index"/> (from 1) of a vector variable, as it is written: <c>x[3]</c>.</summary>
    public static string ElementName(string vector, int index) => $"{vector}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";

    /// <summary>The variables by slot, for <see cref="Scope{T}"/>.</summary>
    internal IReadOnlyList<Symbol> VariableSymbols => _variables;

    /// <summary>The names of the functions the language knows.</summary>
    public static IReadOnlyCollection<string> Functions => (IReadOnlyCollection<string>)MathFunction.All.Keys;

    /// <summary>The names of the constants the language knows (<c>pi</c>, <c>e</c>).</summary>
    public static IReadOnlyCollection<string> Constants => (IReadOnlyCollection<string>)MathFunction.Constants.Keys;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ParseException">The text is not a valid function; the exception names the problem and its column.</exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, variables, sizes) = new ExpressionParser(text).Parse();
        return new Expression(text.Trim(), root, variables, sizes);
    }

    /// <summary>
    /// The function's value with each variable bound to a tensor (all bindings of scalar variables broadcast together;
    /// a vector variable is bound to a rank-1 tensor of its elements), recording the autodiff graph when a binding
    /// requires gradients. A constant function gives a rank-0 tensor.
    /// </summary>
    /// <param name="bindings">The value of each variable, by name.</param>
    /// <param name="sizes">The value of each size (see <see cref="Sizes"/>); a size left out is the length of the vectors, when they all have one length.</param>
    /// <exception cref="InputException">A variable or size of the function has no value, or an index reads outside its vector.</exception>
    public Tensor<T> Evaluate<T>(IReadOnlyDictionary<string, Tensor<T>> bindings, IReadOnlyDictionary<string, int>? sizes = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var lengths = new Dictionary<string, int>();
        foreach (Symbol v in _variables)
            if (v.Kind == SymbolKind.Vector && bindings.TryGetValue(v.Name, out Tensor<T>? value))
                lengths[v.Name] = value.Rank == 1 ? value.Size : throw new InputException($"the vector '{v.Name}' needs a rank-1 tensor, not one of shape [{string.Join(", ", value.Shape.ToArray())}]");
        Scope<T> scope = CreateScope<T>(ResolveSizes(sizes, lengths));
        foreach (Symbol v in _variables)
            if (bindings.TryGetValue(v.Name, out Tensor<T>? value)) scope.Bind(v.Slot, value);
        return EvaluateIn(scope);
    }

    /// <summary>
    /// The same function with its sums written out term by term and each element of a vector a scalar variable named as
    /// <see cref="ElementName"/> writes it (<c>x[1]</c>, <c>x[2]</c>, ...); its text stays this one's. What evaluates a
    /// function on grids of scalar values (a picture of one or two coordinates) needs that form.
    /// </summary>
    /// <param name="lengths">The length of each vector variable.</param>
    /// <param name="sizes">The value of each size; a size left out is the vectors' common length.</param>
    /// <exception cref="InputException">A size has no value, or an index reads outside its vector.</exception>
    public Expression Unrolled(IReadOnlyDictionary<string, int> lengths, IReadOnlyDictionary<string, int>? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        int[] values = ResolveSizes(sizes, lengths);
        // Evaluating once checks every bound and index, so the writing out meets only valid ones.
        using (Autograd.NoGrad())
            Evaluate(_variables.ToDictionary(v => v.Name, v => v.Kind == SymbolKind.Vector && lengths.TryGetValue(v.Name, out int m) ? Tensor<double>.Zeros(m) : Tensor<double>.Scalar(0)), sizes);
        var unrolling = new Unrolling(values);
        ExpressionNode root = unrolling.Unroll(_root);
        return new Expression(Text, root, unrolling.Variables, []);
    }

    /// <summary>A scope for evaluating this function again and again with the same sizes (a minimization's steps).</summary>
    internal Scope<T> CreateScope<T>(int[] sizes) where T : unmanaged, IFloatingPointIeee754<T> => new(_variables, sizes) { Text = Text };

    /// <summary>The function's value with the variables bound in <paramref name="scope"/>.</summary>
    internal Tensor<T> EvaluateIn<T>(Scope<T> scope) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Operand<T> value = _root.Evaluate(scope);
        return value.Tensor ?? Tensor<T>.Scalar(value.AsScalar);
    }

    /// <summary>
    /// The value of each size, in the order of <see cref="Sizes"/>: as <paramref name="given"/>, else the length of the
    /// vectors (<paramref name="lengths"/>, by name) when they all have one length.
    /// </summary>
    /// <exception cref="InputException">A size is not given and the vectors do not decide it, a given size is negative, or a given name is not a size.</exception>
    public int[] ResolveSizes(IReadOnlyDictionary<string, int>? given, IReadOnlyDictionary<string, int> lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        foreach (var (name, value) in given ?? new Dictionary<string, int>())
        {
            if (!Sizes.Contains(name))
                throw new InputException($"'{name}' is not a size of the function ({(Sizes.Count == 0 ? "it has none" : "its sizes are " + string.Join(", ", Sizes))}; a size is a name in a sum's bounds)");
            if (value < 0) throw new InputException($"the size {name} = {value} is invalid: it must be 0 or more");
        }
        int[] distinct = [.. lengths.Values.Distinct()];
        return [.. Sizes.Select(name =>
            given is not null && given.TryGetValue(name, out int value) ? value
            : distinct.Length == 1 ? distinct[0]
            : throw new InputException(distinct.Length == 0
                ? $"the size '{name}' has no value: give it (e.g. {name}=10), or a vector whose length it is"
                : $"the size '{name}' has no value, and the vectors have different lengths ({string.Join(", ", lengths.Select(l => $"{l.Key}: {l.Value}"))}): give it (e.g. {name}={distinct[0]})"))];
    }

    /// <summary>The function's value at one point, in double precision.</summary>
    public double Evaluate(IReadOnlyDictionary<string, double> point)
    {
        using var _ = Autograd.NoGrad();
        var bindings = point.ToDictionary(kv => kv.Key, kv => Tensor<double>.Scalar(kv.Value));
        return Evaluate(bindings).Item();
    }

    /// <summary>The function written back with minimal parentheses, e.g. <c>x^2 + 4*x + 1</c>.</summary>
    public string Canonical => _root.Format();

    /// <inheritdoc/>
    public override string ToString() => Text;
}
