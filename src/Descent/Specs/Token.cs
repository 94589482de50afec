namespace Descent.Specs;

/// <summary>The kinds of token of Descent's small languages.</summary>
internal enum TokenKind
{
    /// <summary>A number such as <c>2</c>, <c>0.5</c>, <c>1e-3</c>.</summary>
    Number,
    /// <summary>A name: letters, digits and underscores, not starting with a digit.</summary>
    Identifier,
    /// <summary>A double- or single-quoted string.</summary>
    String,
    /// <summary><c>+</c></summary>
    Plus,
    /// <summary><c>-</c></summary>
    Minus,
    /// <summary><c>*</c></summary>
    Star,
    /// <summary><c>/</c></summary>
    Slash,
    /// <summary><c>^</c> or <c>**</c></summary>
    Power,
    /// <summary><c>(</c></summary>
    LeftParen,
    /// <summary><c>)</c></summary>
    RightParen,
    /// <summary><c>[</c></summary>
    LeftBracket,
    /// <summary><c>]</c></summary>
    RightBracket,
    /// <summary><c>,</c></summary>
    Comma,
    /// <summary><c>=</c></summary>
    Equals,
    /// <summary><c>;</c></summary>
    Semicolon,
    /// <summary>The end of the input.</summary>
    End,
}

/// <summary>One token: its kind, its text as written, its 1-based column, and its value if it is a number or string.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Column, double Number = 0, string? Value = null)
{
    /// <summary>How the token is named in error messages.</summary>
    public string Describe() => Kind == TokenKind.End ? "end of input" : $"'{Text}'";
}
