using System.CommandLine;
using System.Text;

namespace Descent.Cli;

/// <summary>Corrections to System.CommandLine's help text.</summary>
internal static class HelpText
{
    /// <summary>
    /// Marks the optional arguments in the command list of <paramref name="root"/>'s help, e.g. <c>functions [&lt;name&gt;]</c>,
    /// as each command's own usage line already does; the columns stay aligned.
    /// </summary>
    /// <remarks>System.CommandLine lists subcommands with bare <c>&lt;name&gt;</c> whatever their arity, and its help builder is not public.</remarks>
    internal static string MarkOptionalArguments(string help, Command root)
    {
        string[] lines = help.Split('\n');
        int start = Array.FindIndex(lines, l => l.TrimEnd('\r') == "Commands:");
        if (start < 0) return help;
        int end = start + 1;
        while (end < lines.Length && lines[end].TrimEnd('\r').Length > 0) end++;

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Command command in root.Subcommands)
        {
            if (command.Arguments.Count == 0) continue;
            string bare = command.Name + string.Concat(command.Arguments.Select(a => $" <{a.Name}>"));
            string marked = command.Name + string.Concat(command.Arguments.Select(a => a.Arity.MinimumNumberOfValues == 0 ? $" [<{a.Name}>]" : $" <{a.Name}>"));
            if (bare != marked) labels[bare] = marked;
        }
        if (labels.Count == 0) return help;

        // The description column moves right only as far as the widest new label needs.
        const string indent = "  ";
        string[] rows = [.. lines[(start + 1)..end]
            .Where(l => l.StartsWith(indent, StringComparison.Ordinal) && l.Length > indent.Length && l[indent.Length] != ' ')
            .Select(l => Label(l[indent.Length..]))];
        int grow = Math.Max(0, rows.Max(r => labels.TryGetValue(r, out string? marked) ? marked.Length : r.Length) - rows.Max(r => r.Length));
        var text = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (i > start && i < end && line.StartsWith(indent, StringComparison.Ordinal))
            {
                string body = line[indent.Length..];
                string? bare = body.Length > 0 && body[0] != ' '
                    ? labels.Keys.FirstOrDefault(k => body.StartsWith(k + " ", StringComparison.Ordinal) || body.TrimEnd('\r') == k)
                    : null;
                int split = bare?.Length ?? 0;
                line = bare is null
                    // Another command's row, or a wrapped description: widen its gap where the label ends.
                    ? indent + InsertAtGap(body, grow)
                    : indent + labels[bare] + new string(' ', Math.Max(2, grow - (labels[bare].Length - bare.Length) + CountSpaces(body, split))) + body[(split + CountSpaces(body, split))..];
            }
            text.Append(line);
            if (i < lines.Length - 1) text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A command row's label: its text up to the gap before the description.</summary>
    private static string Label(string body)
    {
        int gap = body.IndexOf("  ", StringComparison.Ordinal);
        return (gap < 0 ? body : body[..gap]).TrimEnd('\r');
    }

    private static int CountSpaces(string text, int from)
    {
        int n = 0;
        while (from + n < text.Length && text[from + n] == ' ') n++;
        return n;
    }

    /// <summary>Inserts <paramref name="count"/> spaces into the first run of two or more spaces (the gap before the description).</summary>
    private static string InsertAtGap(string body, int count)
    {
        int gap = body.IndexOf("  ", StringComparison.Ordinal);
        return gap < 0 ? body : body.Insert(gap, new string(' ', count));
    }
}
