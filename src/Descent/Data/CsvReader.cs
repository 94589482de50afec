namespace Descent.Data;

/// <summary>
/// Splits CSV text into records of fields (RFC 4180: a separator, ',' by default, between fields, '"' quotes, '""' is
/// a quote inside quotes), keeping the physical line of each record and field. Accepts \n, \r\n and \r line breaks
/// and skips a leading byte-order mark and blank lines. The current record's fields are views into a reused buffer.
/// </summary>
internal sealed class CsvReader
{
    private const char Quote = '"';

    /// <summary>The separators <see cref="CsvReader(TextReader, string, char?)"/> recognises in a header, in order of preference.</summary>
    internal static ReadOnlySpan<char> DetectedSeparators => ",;\t";

    private readonly TextReader _reader;
    private readonly string _path;
    private readonly char[] _input = new char[1 << 16];
    private int _inputPosition, _inputEnd;
    private int _line = 1;

    private char[] _text = new char[256];
    private int _textLength;
    private readonly List<(int Start, int End, int Line)> _fields = [];

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="path"/> names it in errors.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="path">The file, as errors name it.</param>
    /// <param name="separator">The field separator, or null to take the one of ',', ';' and tab that the first non-blank
    /// line holds most often (',' on a tie or when it holds none).</param>
    public CsvReader(TextReader reader, string path, char? separator = null)
    {
        _reader = reader;
        _path = path;
        if (Peek() == '\uFEFF') _inputPosition++;
        Separator = separator ?? Detect();
    }

    /// <summary>The field separator in use.</summary>
    public char Separator { get; }

    /// <summary>
    /// The separator the first non-blank line uses: Excel writes ';' where ',' is the decimal comma, and many tools write
    /// tabs. The line is read ahead into the input buffer (up to its size) and left there to be read as usual.
    /// </summary>
    private char Detect()
    {
        Span<int> counts = stackalloc int[DetectedSeparators.Length];
        bool quoted = false, content = false;
        for (int i = _inputPosition; ; i++)
        {
            if (i == _inputEnd)
            {
                if (_inputEnd == _input.Length) break;
                int read = _reader.Read(_input, _inputEnd, _input.Length - _inputEnd);
                if (read == 0) break;
                _inputEnd += read;
            }
            char c = _input[i];
            if (c == Quote) quoted = !quoted;
            else if (!quoted && c is '\n' or '\r')
            {
                if (content) break;
                counts.Clear();
            }
            else if (!quoted && DetectedSeparators.IndexOf(c) is int k and >= 0) counts[k]++;
            if (!char.IsWhiteSpace(c)) content = true;
        }
        int best = 0;
        for (int k = 1; k < counts.Length; k++) if (counts[k] > counts[best]) best = k;
        return DetectedSeparators[best];
    }

    /// <summary>The number of fields in the current record.</summary>
    public int Count => _fields.Count;

    /// <summary>The physical line where the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>The physical line after the last one read.</summary>
    public int NextLine => _line;

    /// <summary>The text of field <paramref name="index"/> of the current record, without its quotes.</summary>
    public ReadOnlySpan<char> this[int index] => _text.AsSpan(_fields[index].Start, _fields[index].End - _fields[index].Start);

    /// <summary>The physical line where field <paramref name="index"/> starts.</summary>
    public int FieldLine(int index) => _fields[index].Line;

    /// <summary>Moves to the next record that is not a blank line; false at the end of the text.</summary>
    public bool Read()
    {
        while (Peek() >= 0)
        {
            bool quoted = ReadRecord();
            if (quoted || _fields.Count > 1 || !this[0].IsWhiteSpace()) return true;
        }
        return false;
    }

    /// <summary>Reads one record and its line break; true if any field was quoted.</summary>
    private bool ReadRecord()
    {
        _fields.Clear();
        _textLength = 0;
        Line = _line;
        bool anyQuoted = false;
        while (true)
        {
            int start = _textLength, line = _line;
            while (IsPadding(Peek())) Append((char)Next());
            if (Peek() == Quote)
            {
                _textLength = start;
                ReadQuoted(line);
                anyQuoted = true;
            }
            else
            {
                while (Peek() is int c and >= 0 && c != Separator && c is not ('\r' or '\n')) Append((char)Next());
            }
            _fields.Add((start, _textLength, line));
            if (Peek() != Separator) break;
            Next();
        }
        if (Next() == '\r' && Peek() == '\n') Next();
        _line++;
        return anyQuoted;
    }

    /// <summary>Reads a quoted field from its opening quote to the separator or line break after its closing quote.</summary>
    private void ReadQuoted(int line)
    {
        int column = _fields.Count + 1;
        Next();
        while (true)
        {
            int c = Next();
            if (c < 0) throw new CsvException(_path, line, column, "a quoted field is not closed (missing '\"')");
            if (c == Quote)
            {
                if (Peek() != Quote) break;
                Next();
            }
            else if (c == '\n' || (c == '\r' && Peek() != '\n')) _line++;
            Append((char)c);
        }
        while (IsPadding(Peek())) Next();
        if (Peek() is int next and >= 0 && next != Separator && next is not ('\r' or '\n'))
            throw new CsvException(_path, _line, column, $"unexpected '{CsvException.Show([(char)Peek()])}' after a closing quote (a quote inside a quoted field is written '\"\"')");
    }

    /// <summary>Blanks around a field, which are not part of it: spaces and tabs, unless they separate fields.</summary>
    private bool IsPadding(int c) => c is ' ' or '\t' && c != Separator;

    /// <summary>The longest record read; longer ones (a file with no line breaks, such as /dev/zero) are an error, not an exhausted memory.</summary>
    public const int MaxRecordLength = 1 << 24;

    private void Append(char c)
    {
        if (_textLength == MaxRecordLength)
            throw new CsvException(_path, Line, _fields.Count + 1, $"a record longer than {MaxRecordLength:N0} characters: is this a CSV file?");
        if (_textLength == _text.Length) Array.Resize(ref _text, _text.Length * 2);
        _text[_textLength++] = c;
    }

    private int Peek()
    {
        if (_inputPosition == _inputEnd)
        {
            _inputPosition = 0;
            _inputEnd = _reader.Read(_input, 0, _input.Length);
            if (_inputEnd == 0) return -1;
        }
        return _input[_inputPosition];
    }

    private int Next()
    {
        int c = Peek();
        if (c >= 0) _inputPosition++;
        return c;
    }
}
