using System.CommandLine;
using Descent.IO;
using Descent.Nn;
using Spectre.Console;

namespace Descent.Cli.Commands;

/// <summary><c>descent predict</c>: a model saved by <c>descent train --save-model</c> predicts the rows of a CSV file.</summary>
internal static class PredictCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = new Option<string>("--model")
        {
            Description = "The saved model: its .json spec or its .safetensors weights (the spec beside them), as train --save-model writes them.",
            Required = true,
        };
        var data = new Option<string>("--data") { Description = "CSV file with the columns the model reads (by name; others are ignored).", Required = true };
        var delimiter = new Option<string?>("--delimiter") { Description = "The CSV field separator: one character, or 'tab' (default: ',', ';' or tab, detected from the header)." };
        var output = new Option<string>("--out") { Description = "Write the predictions (CSV, one column per target) to this file; '-' for standard output.", DefaultValueFactory = _ => "-" };
        var command = new Command("predict", "Predict the targets of each row of a CSV file with a model saved by 'descent train --save-model'.") { model, data, delimiter, output };
        command.SetAction(parsed =>
        {
            char? separator = TrainCommand.ParseDelimiter(parsed.GetValue(delimiter));
            TrainedModel trained = TrainedModel.Load(parsed.GetValue(model)!);
            string path = parsed.GetValue(output)!, csv = parsed.GetValue(data)!;
            if (path == "-")
            {
                // Predict into memory first: a bad row must not leave half a table on standard output.
                var text = new StringWriter();
                trained.PredictCsv(csv, text, separator);
                terminal.Output.Write(text.ToString());
            }
            else
            {
                int rows = 0;
                AtomicFile.WriteText(path, writer => rows = trained.PredictCsv(csv, writer, separator));
                terminal.Console.MarkupLine($"wrote {rows} predictions of {Markup.Escape(string.Join(", ", trained.Targets))} to [bold]{Markup.Escape(path)}[/]");
            }
            return 0;
        });
        return command;
    }
}
