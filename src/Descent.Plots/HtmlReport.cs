using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Descent.IO;

namespace Descent.Plots;

/// <summary>
/// A self-contained HTML page of headings, text, tables, pictures and interactive plotly.js charts.
/// plotly.js (shipped inside this assembly) is inlined, so the page works offline and loads nothing from the network,
/// or, with <see cref="Plotly"/> = <see cref="PlotlyPlacement.Beside"/>, written once beside the page.
/// </summary>
public sealed class HtmlReport(string title)
{
    /// <summary>The name of the plotly.js file a page with <see cref="PlotlyPlacement.Beside"/> loads and <see cref="Save"/> writes beside it.</summary>
    public const string PlotlyFile = "plotly.min.js";

    private readonly StringBuilder _body = new();
    private int _charts;

    /// <summary>Whether plotly.js goes inside the page (the default) or into <see cref="PlotlyFile"/> beside it.</summary>
    public PlotlyPlacement Plotly { get; init; } = PlotlyPlacement.Inline;

    /// <summary>Whether the page has an interactive chart, and so needs plotly.js.</summary>
    public bool HasCharts => _charts > 0;

    /// <summary>Adds a heading (level 2 by default).</summary>
    public HtmlReport Heading(string text, int level = 2)
    {
        _body.Append($"<h{level}>{WebUtility.HtmlEncode(text)}</h{level}>\n");
        return this;
    }

    /// <summary>Adds a paragraph of plain text.</summary>
    public HtmlReport Paragraph(string text)
    {
        _body.Append($"<p>{WebUtility.HtmlEncode(text)}</p>\n");
        return this;
    }

    /// <summary>Adds a preformatted line, such as a command.</summary>
    public HtmlReport Code(string text)
    {
        _body.Append($"<pre>{WebUtility.HtmlEncode(text)}</pre>\n");
        return this;
    }

    /// <summary>Adds a table; the first column is left-aligned, the others right-aligned.</summary>
    public HtmlReport Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<table><thead><tr>");
        foreach (string h in headers) _body.Append($"<th>{WebUtility.HtmlEncode(h)}</th>");
        _body.Append("</tr></thead><tbody>\n");
        foreach (IReadOnlyList<string> row in rows)
        {
            _body.Append("<tr>");
            foreach (string cell in row) _body.Append($"<td>{WebUtility.HtmlEncode(cell)}</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>Adds pictures side by side, each given by a path relative to the page.</summary>
    public HtmlReport Images(params string[] files)
    {
        _body.Append("<div class=\"images\">");
        foreach (string file in files)
            _body.Append($"<a href=\"{WebUtility.HtmlEncode(file)}\"><img src=\"{WebUtility.HtmlEncode(file)}\" alt=\"{WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(file))}\"></a>");
        _body.Append("</div>\n");
        return this;
    }

    /// <summary>Adds pictures side by side, each given by a path relative to the page, with its caption under it.</summary>
    public HtmlReport Images(IEnumerable<(string File, string Caption)> pictures)
    {
        _body.Append("<div class=\"images\">");
        foreach (var (file, caption) in pictures)
        {
            string src = WebUtility.HtmlEncode(file);
            _body.Append($"<figure><a href=\"{src}\"><img src=\"{src}\" alt=\"{WebUtility.HtmlEncode(Path.GetFileNameWithoutExtension(file))}\"></a>" +
                $"<figcaption>{WebUtility.HtmlEncode(caption)}</figcaption></figure>");
        }
        _body.Append("</div>\n");
        return this;
    }

    /// <summary>
    /// Adds pictures side by side, embedded in the page as PNG data (so the page stands alone when moved), each with
    /// its caption under it.
    /// </summary>
    public HtmlReport Pictures(IEnumerable<(string Name, byte[] Png, string Caption)> pictures)
    {
        _body.Append("<div class=\"images\">");
        foreach (var (name, png, caption) in pictures)
            _body.Append($"<figure><img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{WebUtility.HtmlEncode(name)}\">" +
                $"<figcaption>{WebUtility.HtmlEncode(caption)}</figcaption></figure>");
        _body.Append("</div>\n");
        return this;
    }

    /// <summary>
    /// Adds an interactive chart from a plotly figure (<c>data</c> and <c>layout</c>, and <c>frames</c> for an animated one),
    /// with <paramref name="caption"/> under it when given.
    /// </summary>
    public HtmlReport Chart(JsonObject figure, int height = 560, string? caption = null)
    {
        string id = $"chart-{++_charts}";
        _body.Append($"<div id=\"{id}\" class=\"chart\" style=\"height:{height}px\"></div>\n");
        if (figure["frames"] is JsonNode frames)
            _body.Append($"<script>Plotly.newPlot(\"{id}\", {{data: {figure["data"]!.ToJsonString()}, layout: {figure["layout"]!.ToJsonString()}, " +
                $"frames: {frames.ToJsonString()}, config: {{responsive: true, displaylogo: false}}}});</script>\n");
        else
            _body.Append($"<script>Plotly.newPlot(\"{id}\", {figure["data"]!.ToJsonString()}, {figure["layout"]!.ToJsonString()}, " +
                "{responsive: true, displaylogo: false});</script>\n");
        if (caption is not null) _body.Append($"<p class=\"caption\">{WebUtility.HtmlEncode(caption)}</p>\n");
        return this;
    }

    /// <summary>The whole page.</summary>
    public string Render()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append($"<title>{WebUtility.HtmlEncode(title)}</title>\n");
        page.Append("""
            <style>
            body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
            h1 { border-bottom: 2px solid #ddd; padding-bottom: .3em; }
            h2 { margin-top: 2em; border-bottom: 1px solid #eee; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: .35em .7em; }
            th { background: #f3f3f3; }
            td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
            pre { background: #f6f6f6; padding: .6em; overflow-x: auto; }
            .images { display: flex; flex-wrap: wrap; gap: 1em; }
            .images img { max-width: 520px; width: 100%; border: 1px solid #ddd; }
            figure { margin: 0; max-width: 520px; }
            figcaption, .caption { color: #555; font-size: .92em; line-height: 1.4; margin: .4em 0 1.2em; }
            .chart { width: 100%; margin: 1em 0; }
            </style>

            """);
        // A chart that fails to draw says so on the page instead of leaving a silent gap.
        page.Append("""
            <script>
            window.addEventListener("error", function (e) {
              var note = document.createElement("p");
              note.className = "script-error";
              note.textContent = "A chart could not be drawn: " + e.message;
              note.style.color = "#b00";
              (document.body || document.documentElement).appendChild(note);
            });
            </script>

            """);
        if (_charts > 0 && Plotly == PlotlyPlacement.Beside) page.Append($"<script src=\"{PlotlyFile}\"></script>\n");
        else if (_charts > 0) page.Append("<script>\n").Append(PlotlyScript.Source).Append("\n</script>\n");
        page.Append("</head>\n<body>\n");
        page.Append($"<h1>{WebUtility.HtmlEncode(title)}</h1>\n");
        page.Append(_body);
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>
    /// Writes the page to <paramref name="path"/> atomically, and with <see cref="PlotlyPlacement.Beside"/> and a chart,
    /// <see cref="PlotlyFile"/> into the same directory (the same bytes for every page, so pages sharing it may each write it).
    /// </summary>
    public void Save(string path)
    {
        string html = Render();
        AtomicFile.WriteText(path, w => w.Write(html));
        if (_charts > 0 && Plotly == PlotlyPlacement.Beside)
            AtomicFile.WriteText(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, PlotlyFile), w => w.Write(PlotlyScript.Source));
    }
}

/// <summary>The plotly.js bundle shipped inside this assembly, read once.</summary>
internal static class PlotlyScript
{
    private static readonly Lazy<string> s_source = new(Load);

    public static string Source => s_source.Value;

    private static string Load()
    {
        // plotly.js 4.1.2 (MIT, Assets/LICENSE-plotly.js.txt), shipped inside this assembly.
        using Stream stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream("Descent.Plots.Assets.plotly.min.js")
            ?? throw new InvalidOperationException("plotly.min.js is missing from the build");
        using var reader = new StreamReader(stream);
        string js = reader.ReadToEnd();
        // The bundle mentions URLs in strings (the SVG namespace, links in messages, map tile servers) that
        // these charts never fetch. Written as http:\/\/ they mean the same to JavaScript, and the page text
        // holds no http:// address at all. "</script" would end the inline script early.
        return js.Replace("http://", "http:\\/\\/", StringComparison.Ordinal)
                 .Replace("https://", "https:\\/\\/", StringComparison.Ordinal)
                 .Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
