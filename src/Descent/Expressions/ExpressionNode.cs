using System.Numerics;
using Descent.Tensors;

namespace Descent.Expressions;

/// <summary>A node of a parsed function. Evaluation folds constant subtrees in double, as Python would before calling PyTorch.</summary>
internal abstract record ExpressionNode
{
    /// <summary>The node's value: a constant, or a tensor when it depends on a variable.</summary>
    public abstract Operand<T> Evaluate<T>(Scope<T> scope) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The node written back in the language, fully parenthesised where precedence needs it.</summary>
    public abstract string Format(int parentPrecedence = 0);
}

/// <summary>Either a constant (kept in double) or a tensor.</summary>
internal readonly record struct Operand<T>(double Constant, Tensor<T>? Tensor) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static implicit operator Operand<T>(double constant) => new(constant, null);

    public static implicit operator Operand<T>(Tensor<T> tensor) => new(0, tensor);

    public T AsScalar => T.CreateChecked(Constant);
}

internal sealed record NumberNode(double Value, string Text) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope) => Value;

    public override string Format(int parentPrecedence = 0) => Text;
}

internal sealed record ConstantNode(string Name, double Value) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope) => Value;

    public override string Format(int parentPrecedence = 0) => Name;
}

/// <summary>A name standing alone: a scalar variable, or a size (a constant once the sizes are known).</summary>
internal sealed record VariableNode(Symbol Symbol) : ExpressionNode
{
    public string Name => Symbol.Name;

    public override Operand<T> Evaluate<T>(Scope<T> scope) =>
        Symbol.Kind == SymbolKind.Size ? scope.Size(Symbol) : scope.Variable(Symbol);

    public override string Format(int parentPrecedence = 0) => Name;
}

internal sealed record NegateNode(ExpressionNode Operand) : ExpressionNode
{
    public const int Precedence = 3;

    public override Operand<T> Evaluate<T>(Scope<T> scope)
    {
        Operand<T> x = Operand.Evaluate(scope);
        return x.Tensor is { } t ? -t : -x.Constant;
    }

    public override string Format(int parentPrecedence = 0) =>
        Wrap("-" + Operand.Format(Precedence), Precedence, parentPrecedence);

    internal static string Wrap(string text, int precedence, int parentPrecedence) =>
        precedence < parentPrecedence ? $"({text})" : text;
}

internal enum BinaryOperator { Add, Subtract, Multiply, Divide, Power }

internal sealed record BinaryNode(BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope) =>
        Apply(Operator, Left.Evaluate(scope), Right.Evaluate(scope));

    /// <summary>a op b: folded in double when both are constants, else a tensor operation.</summary>
    internal static Operand<T> Apply<T>(BinaryOperator op, Operand<T> a, Operand<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        return (a.Tensor, b.Tensor) switch
        {
            (null, null) => Fold(op, a.Constant, b.Constant),
            ({ } x, null) => op switch
            {
                BinaryOperator.Add => x + b.AsScalar,
                BinaryOperator.Subtract => x - b.AsScalar,
                BinaryOperator.Multiply => x * b.AsScalar,
                BinaryOperator.Divide => x / b.AsScalar,
                _ => x.Pow(b.AsScalar),
            },
            (null, { } y) => op switch
            {
                BinaryOperator.Add => a.AsScalar + y,
                BinaryOperator.Subtract => a.AsScalar - y,
                BinaryOperator.Multiply => a.AsScalar * y,
                BinaryOperator.Divide => a.AsScalar / y,
                _ => Tensor<T>.Pow(a.AsScalar, y),
            },
            ({ } x, { } y) => op switch
            {
                BinaryOperator.Add => x + y,
                BinaryOperator.Subtract => x - y,
                BinaryOperator.Multiply => x * y,
                BinaryOperator.Divide => x / y,
                _ => x.Pow(y),
            },
        };
    }

    private static double Fold(BinaryOperator op, double a, double b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / b,
        _ => Math.Pow(a, b),
    };

    internal static int PrecedenceOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Add or BinaryOperator.Subtract => 1,
        BinaryOperator.Multiply or BinaryOperator.Divide => 2,
        _ => 4,
    };

    internal static string SymbolOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => " + ",
        BinaryOperator.Subtract => " - ",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        _ => "^",
    };

    public override string Format(int parentPrecedence = 0)
    {
        int precedence = PrecedenceOf(Operator);
        string symbol = SymbolOf(Operator);
        // Left-associative operators need parentheses on a right operand of equal precedence; ^ is right-associative.
        bool power = Operator == BinaryOperator.Power;
        string left = Left.Format(power ? precedence + 1 : precedence);
        string right = Right.Format(power ? NegateNode.Precedence : precedence + 1);
        return NegateNode.Wrap(left + symbol + right, precedence, parentPrecedence);
    }
}

/// <summary>
/// A chain of one precedence level, <c>a + b - c</c> or <c>a * b / c</c>, evaluated left to right exactly
/// as the nested binary operations it stands for, but without their depth: a sum of 100,000 terms is one node.
/// </summary>
internal sealed record ChainNode(ExpressionNode First, IReadOnlyList<(BinaryOperator Operator, ExpressionNode Operand)> Rest) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope)
    {
        Operand<T> value = First.Evaluate(scope);
        foreach (var (op, operand) in Rest) value = BinaryNode.Apply(op, value, operand.Evaluate(scope));
        return value;
    }

    public override string Format(int parentPrecedence = 0)
    {
        int precedence = BinaryNode.PrecedenceOf(Rest[0].Operator);
        var text = new System.Text.StringBuilder(First.Format(precedence));
        // Left-associative: a right operand of equal precedence needs parentheses.
        foreach (var (op, operand) in Rest) text.Append(BinaryNode.SymbolOf(op)).Append(operand.Format(precedence + 1));
        return NegateNode.Wrap(text.ToString(), precedence, parentPrecedence);
    }
}

internal sealed record CallNode(MathFunction Function, ExpressionNode Argument) : ExpressionNode
{
    public override Operand<T> Evaluate<T>(Scope<T> scope)
    {
        Operand<T> x = Argument.Evaluate(scope);
        return x.Tensor is { } t ? Function.Apply(t) : Function.OnNumber(x.Constant);
    }

    public override string Format(int parentPrecedence = 0) => $"{Function.Name}({Argument.Format()})";
}
