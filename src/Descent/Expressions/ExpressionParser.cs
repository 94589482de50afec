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
    // Names by name, in order of first appearance: a function of n variables parses in O(n).
    private readonly Dictionary<string, Symbol> _symbols = [];
    private readonly List<Symbol> _order = [];
    // The indices of the sums being parsed, outermost first, with the column of their sum.
    private readonly List<(string Name, int Column)> _indices = [];
    private int _inBounds, _inIndex;
    private readonly List<string> _bounded = []; // the indices of sums whose bounds are being parsed
    private int _position;

    private Token Current => _tokens[_position];

    /// <summary>The tree, the variables (scalar and vector) in order of first appearance, and the sizes.</summary>
    public (ExpressionNode Root, IReadOnlyList<Symbol> Variables, IReadOnlyList<Symbol> Sizes) Parse()
    {
        if (Current.Kind == TokenKind.End) throw new ParseException("empty expression: type a function such as x^2 + 4*x + 1", text, 1);
        ExpressionNode root = ParseSum();
        if (Current.Kind != TokenKind.End) throw Trailing();
        var (variables, sizes) = Resolve();
        return (root, variables, sizes);
    }

    /// <summary>
    /// Decides what each name is, now that all its uses are known: a name in a sum's bounds is a size; an indexed name is a
    /// vector; any other is a scalar variable. A name inside an index must be a sum's index or a size.
    /// </summary>
    private (List<Symbol> Variables, List<Symbol> Sizes) Resolve()
    {
        var variables = new List<Symbol>();
        var sizes = new List<Symbol>();
        foreach (Symbol s in _order)
        {
            if (s.BoundAt > 0)
            {
                if (s.IndexedAt > 0)
                    throw new ParseException($"'{s.Name}' is a size (in a sum's bounds at column {s.BoundAt}), so it cannot be indexed", text, s.IndexedAt);
                s.Kind = SymbolKind.Size;
                s.Slot = sizes.Count;
                sizes.Add(s);
                continue;
            }
            if (s.InIndexAt > 0)
                throw new ParseException($"unknown index '{s.Name}': an index is made of numbers, the indices of enclosing sums and sizes (names in a sum's bounds)", text, s.InIndexAt);
            if (s.IndexedAt > 0 && s.BareAt > 0)
                throw new ParseException($"'{s.Name}' is a vector (indexed at column {s.IndexedAt}): write {s.Name}[...] for one of its elements", text, s.BareAt);
            s.Kind = s.IndexedAt > 0 ? SymbolKind.Vector : SymbolKind.Scalar;
            s.Slot = variables.Count;
            variables.Add(s);
        }
        return (variables, sizes);
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
        if (id == "sum" && Current.Kind == TokenKind.LeftParen) return ParseSumOf(name);
        if (_bounded.Contains(id)) throw Error($"a sum's bounds are made of numbers and sizes, not the index '{id}' of the sum", name);
        int depth = _indices.FindLastIndex(index => index.Name == id) + 1;
        if (depth > 0)
        {
            if (Current.Kind == TokenKind.LeftBracket) throw Error($"'{id}' is the index of the sum at column {_indices[depth - 1].Column}, not a vector", Current);
            if (_inBounds > 0) throw Error($"a sum's bounds are made of numbers and sizes, not the index '{id}' of an enclosing sum", name);
            return new IndexNode(id, depth);
        }
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
        if (!_symbols.TryGetValue(id, out Symbol? symbol))
        {
            symbol = new Symbol(id);
            _symbols.Add(id, symbol);
            _order.Add(symbol);
        }
        if (Current.Kind == TokenKind.LeftBracket) return ParseElement(symbol, name);
        if (_inBounds > 0) { if (symbol.BoundAt == 0) symbol.BoundAt = name.Column; }
        else if (_inIndex > 0) { if (symbol.InIndexAt == 0) symbol.InIndexAt = name.Column; }
        else if (symbol.BareAt == 0) symbol.BareAt = name.Column;
        return new VariableNode(symbol);
    }

    /// <summary><c>x[index]</c>, after the name.</summary>
    private ElementNode ParseElement(Symbol vector, Token name)
    {
        Token open = Current;
        if (_inBounds > 0 || _inIndex > 0) throw Error($"an index or a bound cannot read a variable such as {vector.Name}[...]", name);
        if (vector.IndexedAt == 0) vector.IndexedAt = name.Column;
        using var _ = Deeper(open);
        _position++;
        if (Current.Kind == TokenKind.RightBracket) throw Error($"'{vector.Name}[]' needs an index, e.g. {vector.Name}[1] or {vector.Name}[i] inside sum(i, 1, n, ...)", Current);
        _inIndex++;
        ExpressionNode index = ParseSum();
        _inIndex--;
        if (Current.Kind != TokenKind.RightBracket)
            throw Error($"expected ']' to close the '[' at column {open.Column}, but found {Current.Describe()}", Current);
        _position++;
        return new ElementNode(vector, index, name.Column);
    }

    /// <summary><c>sum(i, first, last, body)</c>, after the name.</summary>
    private SumNode ParseSumOf(Token name)
    {
        Token open = Current;
        using var _ = Deeper(open);
        _position++;
        Token index = Current;
        const string Form = "sum(i, first, last, body), e.g. sum(i, 1, n, x[i]^2)";
        if (index.Kind != TokenKind.Identifier) throw Error($"expected the name of the sum's index, as in {Form}, but found {index.Describe()}", index);
        if (index.Text == "sum" || MathFunction.All.ContainsKey(index.Text) || MathFunction.Constants.ContainsKey(index.Text) || _symbols.ContainsKey(index.Text) || _indices.Exists(i => i.Name == index.Text))
            throw Error($"'{index.Text}' is already a name of the function: give the sum's index a name of its own", index);
        _position++;
        _bounded.Add(index.Text);
        ExpressionNode first = Bound("first");
        ExpressionNode last = Bound("last");
        _bounded.RemoveAt(_bounded.Count - 1);
        ExpectComma("the body");
        _indices.Add((index.Text, name.Column));
        ExpressionNode body = ParseSum();
        _indices.RemoveAt(_indices.Count - 1);
        if (Current.Kind == TokenKind.Comma) throw Error($"sum takes four arguments: {Form}", Current);
        ExpectClosing(open);
        return new SumNode(index.Text, first, last, body, _indices.Count + 1, name.Column);

        ExpressionNode Bound(string which)
        {
            ExpectComma($"the {which} value of '{index.Text}'");
            _inBounds++;
            ExpressionNode bound = ParseSum();
            _inBounds--;
            return bound;
        }

        void ExpectComma(string what)
        {
            if (Current.Kind != TokenKind.Comma) throw Error($"expected ',' and {what}, as in {Form}, but found {Current.Describe()}", Current);
            _position++;
        }
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
            TokenKind.RightBracket => Error("unmatched ']'", t),
            TokenKind.Number or TokenKind.Identifier or TokenKind.LeftParen =>
                Error($"missing operator before {t.Describe()} (write 2*x, not 2x)", t),
            _ => Error($"unexpected {t.Describe()}", t),
        };
    }

    private ParseException Error(string problem, Token at) => new(problem, text, at.Column);
}
