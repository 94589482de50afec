namespace Descent.Tests.Cli;

/// <summary>Runs the descent command line in-process and captures what it prints.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Descent.Cli.Cli.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh directory for a test's files.</summary>
    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "descent-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
