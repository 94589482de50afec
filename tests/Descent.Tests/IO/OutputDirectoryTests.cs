using Descent.IO;
using Descent.Tests.Cli;

namespace Descent.Tests.IO;

/// <summary>Output sets are whole or absent, write failures are one clear line, and paths that are not regular files are not replaced.</summary>
public class OutputDirectoryTests
{
    private static string[] Entries(string dir) => [.. Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order()!];

    [Fact]
    public void ASetReplacesThePreviousOneWhole()
    {
        string parent = CliRunner.TempDirectory(), dir = Path.Combine(parent, "out");
        OutputDirectory.WriteSet(dir, "--out", o => { File.WriteAllText(o.File("a.txt"), "1"); File.WriteAllText(o.File("b.txt"), "1"); });
        OutputDirectory.WriteSet(dir, "--out", o => File.WriteAllText(o.File("a.txt"), "2"));
        Assert.Equal([".descent-output", "a.txt"], Entries(dir));
        Assert.Equal("2", File.ReadAllText(Path.Combine(dir, "a.txt")));
        Assert.Equal(["out"], Entries(parent)); // nothing hidden left beside it
    }

    [Fact]
    public void AFailureWhileWritingLeavesThePreviousSetAndNoLeftovers()
    {
        string parent = CliRunner.TempDirectory(), dir = Path.Combine(parent, "out");
        OutputDirectory.WriteSet(dir, "--out", o => File.WriteAllText(o.File("a.txt"), "old"));
        var e = Assert.Throws<IOException>(() => OutputDirectory.WriteSet(dir, "--out", o =>
        {
            File.WriteAllText(o.File("a.txt"), "new");
            throw new IOException($"No space left on device : '{o.File("b.txt")}'");
        }));
        Assert.Equal("old", File.ReadAllText(Path.Combine(dir, "a.txt")));
        Assert.Equal(["out"], Entries(parent));
        Assert.DoesNotContain(".partial", e.Message);
        Assert.Contains(Path.Combine(dir, "b.txt"), e.Message);
    }

    [Fact]
    public void FailuresInParallelWritesAreReportedAsTheFirstCause()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        var e = Assert.Throws<IOException>(() => OutputDirectory.WriteSet(dir, "--out", _ =>
            Parallel.Invoke(() => throw new IOException("disk full"), () => throw new IOException("disk full"))));
        Assert.Contains("disk full", e.Message);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void LeftoversOfAKilledRunAreRemovedByTheNextRun()
    {
        string parent = CliRunner.TempDirectory(), dir = Path.Combine(parent, "out");
        // A process id that cannot be running: its set was abandoned.
        Directory.CreateDirectory(Path.Combine(parent, $".out.{int.MaxValue}.0123456789abcdef0123456789abcdef.partial"));
        Directory.CreateDirectory(Path.Combine(parent, $".out.{int.MaxValue}.0123456789abcdef0123456789abcdef.partial.old"));
        OutputDirectory.WriteSet(dir, "--out", o => File.WriteAllText(o.File("a.txt"), "1"));
        Assert.Equal(["out"], Entries(parent));
    }

    [Fact]
    public void ADirectoryWithSomeoneElsesFilesIsNotReplaced()
    {
        string dir = CliRunner.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "thesis.tex"), "precious");
        var e = Assert.Throws<InputException>(() => OutputDirectory.WriteSet(dir, "--out", o => File.WriteAllText(o.File("a.txt"), "1")));
        Assert.Contains("holds files Descent did not write", e.Message);
        Assert.Equal(["thesis.tex"], Entries(dir));
    }

    public static TheoryData<string[], string> BadPaths() => new()
    {
        { ["train", "--epochs", "1", "--out", ""], "--out: the directory path is empty" },
        { ["demo", "--out", ""], "--out: the directory path is empty" },
        { ["minimize", "x^2", "--from", "x=1", "--plot", ""], "--plot: the directory path is empty" },
        { ["minimize", "x^2", "--from", "x=1", "--trajectory", ""], "--trajectory: the file path is empty" },
        { ["minimize", "x^2", "--from", "x=1", "--trajectory", "/dev/full"], "cannot write '/dev/full': No space left on device" },
        { ["minimize", "x^2", "--from", "x=1", "--trajectory", "/"], "cannot write '/': it is a directory" },
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void BadOutputPathsAreOneLineAndExitTwo(string[] args, string message)
    {
        CliResult r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {message}", r.Error.TrimEnd());
    }

    [Fact]
    public void AnOutputPathThatIsAFileIsRefusedBeforeAnyWork()
    {
        string file = Path.Combine(CliRunner.TempDirectory(), "taken");
        File.WriteAllText(file, "mine");
        CliResult r = CliRunner.Run("train", "--epochs", "1", "--out", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a file, not a directory", r.Error);
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.DoesNotContain("train", r.Output); // refused before training
    }

    [Fact]
    public void DevicesAreWrittenThroughNotReplaced()
    {
        CliResult r = CliRunner.Run("minimize", "x^2", "--from", "x=1", "--steps", "1", "--trajectory", "/dev/null");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.True(File.Exists("/dev/null") && !Directory.EnumerateFiles("/dev", ".null*").Any());
        Assert.Equal(2, CliRunner.Run("minimize", "x^2", "--from", "x=1", "--trajectory", "/dev/full").ExitCode);
        Assert.Equal(0, new FileInfo("/dev/full").Length); // still the device: a replaced one would hold the CSV
    }

    [Fact]
    public void ADashWritesTheTrajectoryToStandardOutput()
    {
        CliResult r = CliRunner.Run("minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.7)", "--steps", "2", "--trajectory", "-");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(["step,x,value", "0,2,13", "1,-3.5999999999999996,-0.4400000000000013", "2,-1.3600000000000003,-2.5904000000000007"], r.Output.TrimEnd().Split('\n'));
    }

    [Fact]
    public void ALinkIsFollowedAndKept()
    {
        string dir = CliRunner.TempDirectory(), target = Path.Combine(dir, "real.csv"), link = Path.Combine(dir, "link.csv");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);
        Assert.Equal(0, CliRunner.Run("minimize", "x^2", "--from", "x=1", "--steps", "1", "--trajectory", link).ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.StartsWith("step,x,value", File.ReadAllText(target));
    }
}
