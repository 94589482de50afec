namespace Descent.Data;

/// <summary>
/// Splits CSV text into records of fields (RFC 4180: ',' separates, '"' quotes, '""' is a quote inside quotes),
/// keeping the physical line of each record and field. Accepts \n, \r\n and \r line breaks and skips a leading
/// byte-order mark and blank lines. The current record's fields are views into a reused buffer.
/// </summary>
internal sealed class CsvReader
{
    private const char Separator = ',', Quote = '"';

    private readonly TextReader _reader;
    private readonly string _path;
    private readonly char[] _input = new char[1 << 16];
    private int _inputPosition, _inputEnd;
    private int _line = 1;

    private char[] _text = new char[256];
    private int _textLength;
    private readonly List<(int Start, int End, int Line)> _fields = [];

    public CsvReader(TextReader reader, string path)
    {
        _reader = reader;
        _path = path;
        if (Peek() == '\uFEFF') _inputPosition++;
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
            while (Peek() is ' ' or '\t') Append((char)Next());
            if (Peek() == Quote)
            {
                _textLength = start;
                ReadQuoted(line);
                anyQuoted = true;
            }
            else
            {
                while (Peek() is >= 0 and not (Separator or '\r' or '\n')) Append((char)Next());
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
        while (Peek() is ' ' or '\t') Next();
        if (Peek() is >= 0 and not (Separator or '\r' or '\n'))
            throw new CsvException(_path, _line, column, $"unexpected '{CsvException.Show([(char)Peek()])}' after a closing quote (a quote inside a quoted field is written '\"\"')");
    }

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
