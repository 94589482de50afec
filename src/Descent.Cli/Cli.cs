using System.CommandLine;
using Descent.Cli.Commands;
using Descent.Specs;
using Descent.Tensors;
using Spectre.Console;

namespace Descent.Cli;

/// <summary>The <c>descent</c> command line: builds the commands, runs one, and turns user errors into one message and exit code 2.</summary>
public static class Cli
{
    /// <summary>Exit code for bad input (an expression, spec, option or file a user supplied).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code after Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Set by Ctrl-C: long work checks it at its next epoch and stops, writing nothing.</summary>
    internal static CancellationToken Interruption => s_interruption.Token;

    private static CancellationTokenSource s_interruption = new();

    /// <summary>Runs the command line <paramref name="args"/>, writing results to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    /// <returns>The process exit code: 0 on success, 2 on bad input.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        // Redirected output is read by scripts and people alike: do not wrap it at 80 columns.
        if (output != Console.Out || Console.IsOutputRedirected) console.Profile.Width = 160;
        var terminal = new Terminal(console, output, error, output == Console.Out && !Console.IsOutputRedirected);
        // The root command brings --help, --version and the [suggest] directive that dotnet-suggest completes with;
        // its usage line says "descent" however the program was started.
        var root = new RootCommand("Descent: gradient descent and PyTorch's optimizers for .NET; minimize functions, compare optimizers, see the paths.")
        {
            DemoCommand.Create(terminal),
            FunctionsCommand.Create(terminal),
            LrFindCommand.Create(terminal),
            MinimizeCommand.Create(terminal),
            OptimizersCommand.Create(terminal),
            PredictCommand.Create(terminal),
            ScheduleCommand.Create(terminal),
            SchedulersCommand.Create(terminal),
            SweepCommand.Create(terminal),
            TrainCommand.Create(terminal),
        };
        root.HelpName = "descent";
        // A bare 'descent' is a question about what it can do: answer with the help.
        ParseResult parsed = root.Parse(args.Length == 0 ? ["--help"] : args, Parsing());
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"error: {Describe(parsed, root, args)}");
            return UsageError;
        }
        // Ctrl-C asks the work to stop where it can (the end of an epoch) instead of killing the process mid-write.
        s_interruption = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            s_interruption.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (parsed.Action is System.CommandLine.Help.HelpAction && parsed.CommandResult.Command == root)
            {
                var help = new StringWriter();
                int code = parsed.Invoke(new InvocationConfiguration { Output = help, Error = error, EnableDefaultExceptionHandler = false });
                output.Write(HelpText.MarkOptionalArguments(help.ToString(), root));
                return code;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException) when (s_interruption.IsCancellationRequested)
        {
            error.WriteLine("interrupted: stopped at the end of an epoch; nothing was written");
            return Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// The parser's settings: <c>@FILE.rsp</c> is a response file (arguments, split at spaces as a shell would), and any
    /// other <c>@FILE</c> stays as typed, for the commands that read it as a file's text (the function of 'minimize',
    /// --from), since splitting a function at its spaces would only break it.
    /// </summary>
    private static ParserConfiguration Parsing()
    {
        var configuration = new ParserConfiguration();
        System.CommandLine.Parsing.TryReplaceToken? responseFiles = configuration.ResponseFileTokenReplacer;
        configuration.ResponseFileTokenReplacer = (string token, out IReadOnlyList<string>? replacement, out string? error) =>
        {
            (replacement, error) = (null, null);
            return token.EndsWith(".rsp", StringComparison.OrdinalIgnoreCase) && responseFiles is not null && responseFiles(token, out replacement, out error);
        };
        return configuration;
    }

    /// <summary>The first parse error as one line; an unknown command gets a suggestion.</summary>
    private static string Describe(ParseResult parsed, Command root, string[] args)
    {
        Command command = parsed.CommandResult.Command;
        string help = command == root ? "descent --help" : $"descent {command.Name} --help";
        if (command == root && parsed.UnmatchedTokens.Count > 0)
        {
            string word = parsed.UnmatchedTokens[0];
            string? guess = Spelling.Closest(word, root.Subcommands.Select(c => c.Name));
            return guess is null
                ? $"unknown command '{word}' (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))})"
                : $"unknown command '{word}'; did you mean '{guess}'?";
        }
        // System.CommandLine lists allowed values on separate lines; an error is one line here.
        string message = System.Text.RegularExpressions.Regex.Replace(parsed.Errors[0].Message, @"\s*\n\s*", " ");
        // An option's value outside its list: name the option, as every other error does.
        var listed = System.Text.RegularExpressions.Regex.Match(message, @"^Argument '(.*)' not recognized\. Must be one of: (.*)$");
        if (listed.Success && parsed.Errors[0].SymbolResult is System.CommandLine.Parsing.OptionResult { Option: var option })
            message = $"{option.Name}: '{listed.Groups[1].Value}' is not one of {string.Join(", ", System.Text.RegularExpressions.Regex.Matches(listed.Groups[2].Value, "'([^']*)'").Select(m => m.Groups[1].Value))}";
        var typed = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'\.?$");
        if (typed.Success)
        {
            string expected = typed.Groups[3].Value switch
            {
                "System.Int32" => "a whole number",
                "System.UInt64" => "a whole number >= 0",
                "System.Double" or "System.Nullable`1[System.Double]" => "a number",
                var other => other,
            };
            message = $"{typed.Groups[2].Value}: '{typed.Groups[1].Value}' is not {expected}";
        }
        // A response file (@file) splits its lines at spaces as a shell would, so an unquoted function falls apart into pieces.
        if (message.StartsWith("Unrecognized command or argument '@", StringComparison.Ordinal) && !message.Contains(".rsp'", StringComparison.OrdinalIgnoreCase))
            message = message.TrimEnd('.') + "; a response file's name ends in .rsp (any other @FILE is read only as minimize's function or --from)";
        else if (Array.Exists(args, a => a.StartsWith('@')) && message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))
            message = message.TrimEnd('.') + "; a response file splits its lines at spaces, so put the function in double quotes there";
        return $"{message} (see '{help}')";
    }

    /// <summary>A dtype as the options spell it: float32 or float64.</summary>
    internal static string Name(DType dtype) => dtype.ToString().ToLowerInvariant();

    /// <summary>The dtype an option names (the option accepts only float32 and float64).</summary>
    internal static DType ParseDType(string text) => Enum.Parse<DType>(text, ignoreCase: true);

    /// <summary>Runs <paramref name="parse"/>; a parse error is reported as "<paramref name="what"/>: problem", with the text and a caret under the spot.</summary>
    internal static T Parsing<T>(string what, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ParseException e)
        {
            throw new InputException($"{what}: {e.Display()}");
        }
    }
}

/// <summary>Where a command writes: Spectre's console for results, plain writers for raw text and errors.</summary>
/// <param name="Console">Spectre's console for tables and progress.</param>
/// <param name="Output">Plain results.</param>
/// <param name="Error">Error messages.</param>
/// <param name="IsInteractive">Whether output goes to a terminal (progress bars) rather than a file or pipe (plain lines).</param>
internal sealed record Terminal(IAnsiConsole Console, TextWriter Output, TextWriter Error, bool IsInteractive)
{
    /// <summary>The pictures <paramref name="draw"/> makes, or none, with a warning, on a machine that cannot render: the other outputs are written regardless.</summary>
    public IReadOnlyList<Descent.Plots.Picture> Draw(Func<IEnumerable<Descent.Plots.Picture>> draw) =>
        Descent.Plots.Rendering.Draw(draw, reason =>
        {
            // Said once, however many figures a command draws.
            if (_warnedCannotRender) return;
            _warnedCannotRender = true;
            Error.WriteLine($"warning: no pictures (.png/.svg) drawn, this machine cannot render them ({reason}); the other files are written");
        });

    private bool _warnedCannotRender;

    /// <summary>Whether standard error is a terminal, where progress is redrawn in place rather than logged line by line.</summary>
    public bool ErrorIsInteractive => Error == System.Console.Error && !System.Console.IsErrorRedirected;
}
