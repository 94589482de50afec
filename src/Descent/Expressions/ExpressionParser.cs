using Descent.Specs;
namespace Descent.Expressions;

/// <summary>
/// Recursive-descent parser of the function language. Precedence from loosest to tightest:
/// <c>+ -</c>, <c>* /</c>, unary minus, <c>^</c> (right-associative; its exponent may carry a sign).
/// Chains of <c>+ -</c> and of <c>* /</c> become one node each, so a sum of any length stays shallow;
/// what nests (parentheses, calls, signs, powers) may nest <see cref="MaxDepth"/> levels deep, so that
/// parsing, evaluating and printing never run out of stack.
/// </summary>
internal sealed class ExpressionParser(string text)
{
    /// <summary>How deep parentheses, function calls, signs and powers may nest.</summary>
    public const int MaxDepth = 256;

    private int _depth;
    private readonly List<Token> _tokens = Lexer.Tokenize(text);
    private readonly List<string> _variables = [];
    private readonly HashSet<string> _known = []; // _variables as a set: a function of n variables parses in O(n)
    private int _position;

    private Token Current => _tokens[_position];

    public (ExpressionNode Root, IReadOnlyList<string> Variables) Parse()
    {
        if (Current.Kind == TokenKind.End) throw new ParseException("empty expression: type a function such as x^2 + 4*x + 1", text, 1);
        ExpressionNode root = ParseSum();
        if (Current.Kind != TokenKind.End) throw Trailing();
        return (root, _variables);
    }

    private ExpressionNode ParseSum()
    {
        ExpressionNode first = ParseProduct();
        if (Current.Kind is not (TokenKind.Plus or TokenKind.Minus)) return first;
        var rest = new List<(BinaryOperator, ExpressionNode)>();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            _position++;
            rest.Add((op, ParseProduct()));
        }
        return new ChainNode(first, rest);
    }

    private ExpressionNode ParseProduct()
    {
        ExpressionNode first = ParseSigned();
        if (Current.Kind is not (TokenKind.Star or TokenKind.Slash)) return first;
        var rest = new List<(BinaryOperator, ExpressionNode)>();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Current.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            _position++;
            rest.Add((op, ParseSigned()));
        }
        return new ChainNode(first, rest);
    }

    /// <summary>A unary sign binds looser than ^, so -x^2 is -(x^2).</summary>
    private ExpressionNode ParseSigned()
    {
        Token sign = Current;
        if (sign.Kind is not (TokenKind.Minus or TokenKind.Plus)) return ParsePower();
        _position++;
        using var _ = Deeper(sign);
        ExpressionNode operand = ParseSigned();
        return sign.Kind == TokenKind.Minus ? new NegateNode(operand) : operand;
    }

    private ExpressionNode ParsePower()
    {
        ExpressionNode baseNode = ParsePrimary();
        if (Current.Kind != TokenKind.Power) return baseNode;
        Token power = Current;
        _position++;
        using var _ = Deeper(power);
        // The exponent is itself signed and right-associative: 2^-x^2 is 2^(-(x^2)).
        return new BinaryNode(BinaryOperator.Power, baseNode, ParseSigned());
    }

    /// <summary>Counts one more level of nesting until disposed; deeper than <see cref="MaxDepth"/> is a parse error at <paramref name="at"/>.</summary>
    private Depth Deeper(Token at)
    {
        if (++_depth > MaxDepth) throw Error($"nesting deeper than {MaxDepth} levels (parentheses, functions, signs and powers)", at);
        return new Depth(this);
    }

    private readonly struct Depth(ExpressionParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }

    private ExpressionNode ParsePrimary()
    {
        Token token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _position++;
                return new NumberNode(token.Number, token.Text);
            case TokenKind.LeftParen:
                {
                    using var _ = Deeper(token);
                    _position++;
                    if (Current.Kind == TokenKind.RightParen) throw Error("empty parentheses: expected an expression", Current);
                    ExpressionNode inner = ParseSum();
                    ExpectClosing(token);
                    return inner;
                }
            case TokenKind.Identifier:
                _position++;
                return ParseName(token);
            default:
                throw Error($"expected a number, a variable, a function or '(', but found {token.Describe()}", token);
        }
    }

    private ExpressionNode ParseName(Token name)
    {
        string id = name.Text;
        if (MathFunction.All.TryGetValue(id, out MathFunction? function))
        {
            if (Current.Kind != TokenKind.LeftParen)
                throw Error($"the function '{id}' needs its argument in parentheses: {id}(...)", Current);
            Token open = Current;
            using var _ = Deeper(open);
            _position++;
            if (Current.Kind == TokenKind.RightParen) throw Error($"'{id}' needs an argument", Current);
            ExpressionNode argument = ParseSum();
            if (Current.Kind == TokenKind.Comma) throw Error($"'{id}' takes one argument", Current);
            ExpectClosing(open);
            return new CallNode(function, argument);
        }
        if (MathFunction.Constants.TryGetValue(id, out double value))
        {
            if (Current.Kind == TokenKind.LeftParen) throw Error($"'{id}' is a constant, not a function", name);
            return new ConstantNode(id, value);
        }
        if (Current.Kind == TokenKind.LeftParen)
        {
            string? guess = Spelling.Closest(id, MathFunction.All.Keys);
            string known = string.Join(", ", MathFunction.All.Keys);
            throw Error(guess is null
                ? $"unknown function '{id}' (known: {known})"
                : $"unknown function '{id}'; did you mean '{guess}'?", name);
        }
        if (_known.Add(id)) _variables.Add(id);
        return new VariableNode(id);
    }

    private void ExpectClosing(Token open)
    {
        if (Current.Kind == TokenKind.RightParen) { _position++; return; }
        throw Error($"expected ')' to close the '(' at column {open.Column}, but found {Current.Describe()}", Current);
    }

    /// <summary>The error for a token left over after a complete expression.</summary>
    private ParseException Trailing()
    {
        Token t = Current;
        return t.Kind switch
        {
            TokenKind.RightParen => Error("unmatched ')'", t),
            TokenKind.Number or TokenKind.Identifier or TokenKind.LeftParen =>
                Error($"missing operator before {t.Describe()} (write 2*x, not 2x)", t),
            _ => Error($"unexpected {t.Describe()}", t),
        };
    }

    private ParseException Error(string problem, Token at) => new(problem, text, at.Column);
}
