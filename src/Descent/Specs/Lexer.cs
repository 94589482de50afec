using System.Globalization;

namespace Descent.Specs;

/// <summary>Splits text of Descent's small languages (functions, optimizer and model specs) into tokens.</summary>
internal static class Lexer
{
    /// <summary>The tokens of <paramref name="input"/>, ending with an <see cref="TokenKind.End"/> token.</summary>
    /// <exception cref="ParseException">A character that starts no token, a malformed number or an unterminated string.</exception>
    public static List<Token> Tokenize(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tokens = new List<Token>();
        int i = 0;
        while (i < input.Length)
        {
            char c = input[i];
            int column = i + 1;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < input.Length && char.IsAsciiDigit(input[i + 1])))
            {
                tokens.Add(ReadNumber(input, ref i));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < input.Length && (char.IsLetterOrDigit(input[i]) || input[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Identifier, input[start..i], column));
                continue;
            }
            if (c is '"' or '\'')
            {
                int end = input.IndexOf(c, i + 1);
                if (end < 0) throw new ParseException("unterminated string", input, column);
                tokens.Add(new Token(TokenKind.String, input[i..(end + 1)], column, Value: input[(i + 1)..end]));
                i = end + 1;
                continue;
            }
            if (c == '*' && i + 1 < input.Length && input[i + 1] == '*')
            {
                tokens.Add(new Token(TokenKind.Power, "**", column));
                i += 2;
                continue;
            }
            TokenKind? kind = c switch
            {
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Power,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                ',' => TokenKind.Comma,
                '=' => TokenKind.Equals,
                ';' => TokenKind.Semicolon,
                _ => null,
            };
            if (kind is null) throw new ParseException($"unexpected character {Describe(c)}", input, column);
            tokens.Add(new Token(kind.Value, c.ToString(), column));
            i++;
        }
        tokens.Add(new Token(TokenKind.End, "", input.Length + 1));
        return tokens;
    }

    /// <summary>A character as an error message shows it: printable ones quoted, others by code point, so no control character reaches the terminal.</summary>
    internal static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private static string Shorten(string text) => text.Length <= 24 ? text : $"{text[..10]}...{text[^10..]} ({text.Length} characters)";

    private static Token ReadNumber(string input, ref int i)
    {
        int start = i;
        while (i < input.Length && char.IsAsciiDigit(input[i])) i++;
        if (i < input.Length && input[i] == '.')
        {
            i++;
            while (i < input.Length && char.IsAsciiDigit(input[i])) i++;
        }
        if (i < input.Length && input[i] is 'e' or 'E')
        {
            int mark = i;
            i++;
            if (i < input.Length && input[i] is '+' or '-') i++;
            if (i >= input.Length || !char.IsAsciiDigit(input[i]))
                throw new ParseException($"malformed number '{input[start..i]}': the exponent needs digits", input, mark + 1);
            while (i < input.Length && char.IsAsciiDigit(input[i])) i++;
        }
        string text = input[start..i];
        double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
            throw new ParseException($"the number {Shorten(text)} is too large (the largest is about 1.8e308)", input, start + 1);
        return new Token(TokenKind.Number, text, start + 1, value);
    }
}
