using Descent.Specs;
namespace Descent.Expressions;

/// <summary>
/// Recursive-descent parser of the function language. Precedence from loosest to tightest:
/// <c>+ -</c>, <c>* /</c>, unary minus, <c>^</c> (right-associative; its exponent may carry a sign).
/// </summary>
internal sealed class ExpressionParser(string text)
{
    private readonly List<Token> _tokens = Lexer.Tokenize(text);
    private readonly List<string> _variables = [];
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
        ExpressionNode left = ParseProduct();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            _position++;
            left = new BinaryNode(op, left, ParseProduct());
        }
        return left;
    }

    private ExpressionNode ParseProduct()
    {
        ExpressionNode left = ParseSigned();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var op = Current.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            _position++;
            left = new BinaryNode(op, left, ParseSigned());
        }
        return left;
    }

    /// <summary>A unary sign binds looser than ^, so -x^2 is -(x^2).</summary>
    private ExpressionNode ParseSigned()
    {
        if (Current.Kind == TokenKind.Minus) { _position++; return new NegateNode(ParseSigned()); }
        if (Current.Kind == TokenKind.Plus) { _position++; return ParseSigned(); }
        return ParsePower();
    }

    private ExpressionNode ParsePower()
    {
        ExpressionNode baseNode = ParsePrimary();
        if (Current.Kind != TokenKind.Power) return baseNode;
        _position++;
        // The exponent is itself signed and right-associative: 2^-x^2 is 2^(-(x^2)).
        return new BinaryNode(BinaryOperator.Power, baseNode, ParseSigned());
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
        if (!_variables.Contains(id)) _variables.Add(id);
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
