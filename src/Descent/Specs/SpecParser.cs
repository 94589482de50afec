namespace Descent.Specs;

/// <summary>Recursive-descent parser of <see cref="Spec"/> text.</summary>
internal sealed class SpecParser(string text)
{

    /// <summary>How deep specs and tuples may nest; deeper text is refused rather than risking the stack.</summary>
    public const int MaxDepth = 64;

    private int _depth;
    private readonly List<Token> _tokens = Lexer.Tokenize(text);
    private int _position;

    private Token Current => _tokens[_position];

    public Spec ParseSingle()
    {
        if (Current.Kind == TokenKind.End) throw Error("empty spec: expected a name such as sgd(lr=0.1)", Current);
        Spec spec = ParseSpec();
        if (Current.Kind != TokenKind.End)
            throw Error(Current.Kind == TokenKind.Semicolon
                ? "only one spec is expected here, but found ';'"
                : $"unexpected {Current.Describe()} after the spec", Current);
        return spec;
    }

    public IReadOnlyList<Spec> ParseList()
    {
        var specs = new List<Spec>();
        while (true)
        {
            if (Current.Kind is TokenKind.End or TokenKind.Semicolon)
                throw Error("expected a spec such as sgd(lr=0.1)", Current);
            specs.Add(ParseSpec());
            if (Current.Kind == TokenKind.End) return specs;
            if (Current.Kind != TokenKind.Semicolon) throw Error($"expected ';' between specs, but found {Current.Describe()}", Current);
            _position++;
            if (Current.Kind == TokenKind.End) return specs; // a trailing ';' is harmless
        }
    }

    private Spec ParseSpec()
    {
        Token name = Expect(TokenKind.Identifier, "a name such as sgd");
        using var _ = Deeper(name);
        int start = name.Column - 1;
        var arguments = new List<SpecArgument>();
        if (Current.Kind == TokenKind.LeftParen)
        {
            Token open = Current;
            _position++;
            while (Current.Kind != TokenKind.RightParen)
            {
                if (arguments.Count > 0)
                {
                    if (Current.Kind == TokenKind.End) throw Error($"expected ')' to close the '(' at column {open.Column}, but found end of input", Current);
                    Expect(TokenKind.Comma, "',' or ')'");
                }
                if (Current.Kind == TokenKind.End) throw Error($"expected ')' to close the '(' at column {open.Column}, but found end of input", Current);
                Token key = Expect(TokenKind.Identifier, "a hyperparameter name (key=value)");
                if (arguments.Any(a => a.Key == key.Text)) throw Error($"'{key.Text}' is given twice", key);
                if (Current.Kind != TokenKind.Equals)
                    throw Error($"expected '=' after '{key.Text}' (arguments are written key=value), but found {Current.Describe()}", Current);
                _position++;
                arguments.Add(new SpecArgument(key.Text, ParseValue(), key.Column));
            }
            _position++;
        }
        int end = _tokens[_position - 1].Column - 1 + _tokens[_position - 1].Text.Length;
        return new Spec(name.Text, arguments, text[start..end]);
    }

    private SpecValue ParseValue()
    {
        Token t = Current;
        switch (t.Kind)
        {
            case TokenKind.Minus or TokenKind.Plus:
                _position++;
                double magnitude;
                if (Current.Kind == TokenKind.Identifier && NamedNumber(Current.Text) is double named)
                {
                    magnitude = named;
                    _position++;
                }
                else magnitude = Expect(TokenKind.Number, $"a number after '{t.Text}'").Number;
                return new SpecValue.Number(t.Kind == TokenKind.Minus ? -magnitude : magnitude) { Column = t.Column };
            case TokenKind.Number:
                _position++;
                return new SpecValue.Number(t.Number) { Column = t.Column };
            case TokenKind.String:
                _position++;
                return new SpecValue.Text(t.Value!) { Column = t.Column };
            case TokenKind.Identifier when _tokens[_position + 1].Kind == TokenKind.LeftParen:
                return new SpecValue.Nested(ParseSpec()) { Column = t.Column };
            case TokenKind.Identifier:
                _position++;
                if (NamedNumber(t.Text) is double value) return new SpecValue.Number(value) { Column = t.Column };
                return t.Text.ToLowerInvariant() switch
                {
                    "true" => new SpecValue.Boolean(true) { Column = t.Column },
                    "false" => new SpecValue.Boolean(false) { Column = t.Column },
                    "none" or "null" => new SpecValue.None { Column = t.Column },
                    _ => new SpecValue.Text(t.Text) { Column = t.Column },
                };
            case TokenKind.LeftParen:
                return ParseTuple(t);
            default:
                throw Error($"expected a value (a number, true/false, a string, a tuple or a spec), but found {t.Describe()}", t);
        }
    }

    /// <summary>Python's spellings of the non-finite numbers, which specs print and read back.</summary>
    private static double? NamedNumber(string word) => word.ToLowerInvariant() switch
    {
        "inf" or "infinity" => double.PositiveInfinity,
        "nan" => double.NaN,
        _ => null,
    };

    private SpecValue.Tuple ParseTuple(Token open)
    {
        using var _ = Deeper(open);
        _position++;
        var items = new List<SpecValue>();
        while (Current.Kind != TokenKind.RightParen)
        {
            if (items.Count > 0) Expect(TokenKind.Comma, "',' or ')'");
            if (Current.Kind == TokenKind.RightParen) break; // (0.9,) like Python
            if (Current.Kind == TokenKind.End) throw Error($"expected ')' to close the '(' at column {open.Column}, but found end of input", Current);
            items.Add(ParseValue());
        }
        _position++;
        return new SpecValue.Tuple(items) { Column = open.Column };
    }

    /// <summary>Counts one more level of nesting until disposed; too deep a level is a parse error at <paramref name="at"/>.</summary>
    private Depth Deeper(Token at)
    {
        if (++_depth > MaxDepth) throw Error($"nesting deeper than {MaxDepth} levels", at);
        return new Depth(this);
    }

    private readonly struct Depth(SpecParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }

    private Token Expect(TokenKind kind, string what)
    {
        Token t = Current;
        if (t.Kind != kind) throw Error($"expected {what}, but found {t.Describe()}", t);
        _position++;
        return t;
    }

    private ParseException Error(string problem, Token at) => new(problem, text, at.Column);
}
