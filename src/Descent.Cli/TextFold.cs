namespace Descent.Cli;

/// <summary>Folding text into the 80 columns every table and note keeps to, breaking only where a reader expects.</summary>
internal static class TextFold
{
    /// <summary>
    /// Text on lines of at most <paramref name="width"/> characters, broken only after <paramref name="separator"/> (between
    /// coordinates, or words), later lines indented two spaces.
    /// </summary>
    public static string Fold(string text, int width, string separator = ", ")
    {
        var lines = new List<string>();
        string line = "";
        foreach (string piece in text.Split(separator))
        {
            string next = line.Length == 0 ? piece : line + separator + piece;
            if (line.Length > 0 && next.Length > width)
            {
                lines.Add(line + separator.TrimEnd());
                line = "  " + piece;
            }
            else line = next;
        }
        lines.Add(line);
        return string.Join("\n", lines);
    }
}
