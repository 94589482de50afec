using System.Numerics;
using Descent.Autodiff;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Expressions;

/// <summary>
/// A function typed by a user, such as <c>(1 - x)^2 + 100*(y - x^2)^2</c>, evaluated on tensors so
/// that autodiff gives its exact gradient. Numbers, variables, <c>+ - * /</c>, <c>^</c> or <c>**</c>
/// (right-associative; <c>-x^2</c> is <c>-(x^2)</c>), parentheses, the functions of
/// <see cref="Functions"/> and the constants <c>pi</c> and <c>e</c>.
/// </summary>
public sealed class Expression
{
    private readonly ExpressionNode _root;

    private Expression(string text, ExpressionNode root, IReadOnlyList<string> variables)
    {
        Text = text;
        _root = root;
        Variables = variables;
    }

    /// <summary>The parsed tree, for the exact second derivatives (<see cref="DualTape"/>).</summary>
    internal ExpressionNode Root => _root;

    /// <summary>The text as the user typed it (trimmed).</summary>
    public string Text { get; }

    /// <summary>The variables, in order of first appearance.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The names of the functions the language knows.</summary>
    public static IReadOnlyCollection<string> Functions => (IReadOnlyCollection<string>)MathFunction.All.Keys;

    /// <summary>The names of the constants the language knows (<c>pi</c>, <c>e</c>).</summary>
    public static IReadOnlyCollection<string> Constants => (IReadOnlyCollection<string>)MathFunction.Constants.Keys;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="ParseException">The text is not a valid function; the exception names the problem and its column.</exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, variables) = new ExpressionParser(text).Parse();
        return new Expression(text.Trim(), root, variables);
    }

    /// <summary>
    /// The function's value with each variable bound to a tensor (all bindings broadcast together),
    /// recording the autodiff graph when a binding requires gradients. A constant function gives a rank-0 tensor.
    /// </summary>
    /// <exception cref="InputException">A variable of the function has no binding.</exception>
    public Tensor<T> Evaluate<T>(IReadOnlyDictionary<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(bindings);
        Operand<T> value = _root.Evaluate(bindings);
        return value.Tensor ?? Tensor<T>.Scalar(value.AsScalar);
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
