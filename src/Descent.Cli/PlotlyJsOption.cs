using System.CommandLine;
using Descent.Plots;

namespace Descent.Cli;

/// <summary>--plotly-js inline|beside, for every command that writes an HTML page: where the page gets plotly.js from.</summary>
internal static class PlotlyJsOption
{
    /// <summary>The option's name, for commands that read it from another command's options.</summary>
    public const string Name = "--plotly-js";

    /// <summary>A new --plotly-js option (default inline).</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>(Name)
        {
            Description = $"inline: plotly.js inside each HTML page (a page that works alone, offline); beside: written once as {HtmlReport.PlotlyFile} next to the pages, which load it.",
            DefaultValueFactory = _ => "inline",
        };
        option.AcceptOnlyFromAmong("inline", "beside");
        return option;
    }

    /// <summary>The placement the parsed command line asks for (inline when the command has no such option).</summary>
    public static PlotlyPlacement Read(ParseResult parsed) =>
        parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == Name) is Option<string> option && parsed.GetValue(option) == "beside"
            ? PlotlyPlacement.Beside : PlotlyPlacement.Inline;
}
