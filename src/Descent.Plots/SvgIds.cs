using System.Text.RegularExpressions;

namespace Descent.Plots;

/// <summary>
/// Skia numbers the clip paths of its SVGs from one counter for the whole process, so the same picture gets other ids
/// when other pictures were drawn before it, or beside it on another thread. Renumbered in order of appearance, the
/// same picture is the same text every time.
/// </summary>
internal static partial class SvgIds
{
    /// <summary>The SVG with its clip-path ids renumbered cl_0, cl_1, ... in the order they first appear.</summary>
    public static string Renumber(string svg)
    {
        var ids = new Dictionary<string, string>();
        return ClipId().Replace(svg, m =>
        {
            string id = m.Groups["id"].Value;
            if (!ids.TryGetValue(id, out string? renumbered)) ids[id] = renumbered = $"cl_{ids.Count}";
            return m.Groups["before"].Value + renumbered + m.Groups["after"].Value;
        });
    }

    [GeneratedRegex("(?<before>id=\"|url\\(#)(?<id>cl_[0-9a-zA-Z]+)(?<after>[\")])")]
    private static partial Regex ClipId();
}
