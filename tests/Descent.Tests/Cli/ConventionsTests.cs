namespace Descent.Tests.Cli;

/// <summary>The .NET command-line conventions: -o is the output, --version, completion through [suggest].</summary>
public class ConventionsTests
{
    [Fact]
    public void DashOIsTheOutputDirectory()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        CliResult r = CliRunner.Run("train", "--epochs", "1", "-o", dir);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(Path.Combine(dir, "losses.csv")));
        Assert.Equal(2, CliRunner.Run("minimize", "x^2", "--from", "x=1", "-o", "adam").ExitCode); // not an optimizer alias
    }

    [Fact]
    public void CompletionsComeFromTheSuggestDirective()
    {
        CliResult r = CliRunner.Run("[suggest:10]", "descent tr");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("train", r.Output.Split('\n'));
    }

    [Fact]
    public void VersionAndHelpNameTheTool()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", CliRunner.Run("--version").Output);
        CliResult help = CliRunner.Run("--help");
        Assert.Contains("descent [command] [options]", help.Output);
    }

    [Fact]
    public void RootHelpShowsOptionalArgumentsAsOptional()
    {
        string[] rows = CliRunner.Run("--help").Output.Split('\n');
        Assert.Contains(rows, r => r.StartsWith("  functions [<name>] ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("  minimize <expression> ", StringComparison.Ordinal)); // required stays bare
        // Every description still starts in one column.
        int[] columns = [.. rows.SkipWhile(r => r != "Commands:").Skip(1).TakeWhile(r => r.Length > 0)
            .Select(r => r.IndexOf("  ", 2, StringComparison.Ordinal) + r[r.IndexOf("  ", 2, StringComparison.Ordinal)..].TakeWhile(c => c == ' ').Count())];
        Assert.Single(columns.Distinct());
    }

    [Theory]
    [InlineData(new[] { "train", "--plotly-js", "nowhere" }, "error: --plotly-js: 'nowhere' is not one of inline, beside (see 'descent train --help')")]
    [InlineData(new[] { "minimize", "x^2", "--dtype", "float16" }, "error: --dtype: 'float16' is not one of float64, float32 (see 'descent minimize --help')")]
    public void AValueOutsideAnOptionsListNamesTheOption(string[] args, string message)
    {
        CliResult r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message, r.Error.Trim());
    }
}
