using System.Globalization;

namespace Descent.Tests.Cli;

/// <summary>descent minimize over vector variables: sums, starts from files, wide trajectories, and bad input.</summary>
public class MinimizeVectorTests
{
    private const string Function = "sum(i, 1, n, (x[i] - i)^2)";

    private static string[] Csv(CliResult r) => r.Output.TrimEnd().Split('\n');

    [Fact]
    public void TheIssuesCommandRunsOnTenThousandVariables()
    {
        CliResult r = CliRunner.Run("minimize", Function, "--from", "x=zeros(10000)", "--optimizer", "adam(lr=0.1)", "--steps", "20", "--trajectory", "-");
        Assert.Equal(0, r.ExitCode);
        string[] lines = Csv(r);
        Assert.Equal("step," + string.Join(",", Enumerable.Range(1, 10).Select(k => $"x[{k}]")) + ",value,grad_norm", lines[0]);
        Assert.Equal(22, lines.Length);
        // f at 0 is the sum of i^2, n(n + 1)(2n + 1)/6; the gradient is -2i, of norm 2 sqrt(that sum).
        double f0 = 10000.0 * 10001 * 20001 / 6;
        string[] start = lines[1].Split(',');
        Assert.Equal(f0, double.Parse(start[11], CultureInfo.InvariantCulture));
        Assert.Equal(2 * Math.Sqrt(f0), double.Parse(start[12], CultureInfo.InvariantCulture), 1e-6);
        // Adam's first step moves every coordinate by lr (less eps): x[1] = 0.1.
        Assert.Equal(0.1, double.Parse(lines[2].Split(',')[1], CultureInfo.InvariantCulture), 1e-8);

        CliResult summary = CliRunner.Run("minimize", Function, "--from", "x=zeros(10000)", "--optimizer", "adam(lr=0.1)", "--steps", "2");
        Assert.Equal(0, summary.ExitCode);
        Assert.Contains("x[1] = 0, x[2] = 0, x[3] = 0, ... (9,997 more)", summary.Output);
        Assert.True(summary.Output.Split('\n').Length < 12, summary.Output);
    }

    [Fact]
    public void TheFunctionAndTheStartComeFromFiles()
    {
        string dir = CliRunner.TempDirectory();
        string function = Path.Combine(dir, "f.txt"), start = Path.Combine(dir, "start.csv"), from = Path.Combine(dir, "from.txt");
        // A file's function may span lines; the numbers file holds one a line or rows of CSV.
        File.WriteAllText(function, "sum(i, 1, n,\n    (x[i] - i)^2)\n  + (a - 1)^2\n");
        File.WriteAllText(start, "0.5\n1.5, 2.5\n3.5\n");
        File.WriteAllText(from, $"x=@{start}\na=3\n");
        string[] inline = Csv(CliRunner.Run("minimize", Function + " + (a - 1)^2", "--from", "x=[0.5, 1.5, 2.5, 3.5],a=3", "--optimizer", "sgd(lr=0.1)", "--steps", "3", "--trajectory", "-"));
        Assert.Equal("step,x[1],x[2],x[3],x[4],a,value", inline[0]);
        foreach (string[] args in new[]
        {
            new[] { $"@{function}", "--from", $"x=@{start},a=3" },
            new[] { $"@{function}", "--from", $"@{from}" },
        })
        {
            CliResult r = CliRunner.Run(["minimize", .. args, "--optimizer", "sgd(lr=0.1)", "--steps", "3", "--trajectory", "-"]);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(inline, Csv(r));
        }
        // The file's line breaks are spaces: the function is shown on one line.
        CliResult summary = CliRunner.Run("minimize", $"@{function}", "--from", $"x=@{start},a=3", "--steps", "1");
        Assert.StartsWith("minimize sum(i, 1, n, (x[i] - i)^2) + (a - 1)^2  with", summary.Output);
    }

    [Fact]
    public void TrajectoryCoordinatesAndSizesAreOptions()
    {
        string[] all = Csv(CliRunner.Run("minimize", Function, "--from", "x=ones(12)", "--steps", "1", "--trajectory", "-", "--trajectory-coordinates", "all"));
        Assert.Equal("step," + string.Join(",", Enumerable.Range(1, 12).Select(k => $"x[{k}]")) + ",value", all[0]);
        string[] two = Csv(CliRunner.Run("minimize", Function, "--from", "x=ones(12)", "--steps", "1", "--trajectory", "-", "--trajectory-coordinates", "2"));
        Assert.Equal("step,x[1],x[2],value,grad_norm", two[0]);
        // n = 2 of the 12: f = (1 - 1)^2 + (1 - 2)^2.
        string[] sized = Csv(CliRunner.Run("minimize", Function, "--from", "x=ones(12)", "--size", "n=2", "--steps", "0", "--trajectory", "-"));
        Assert.EndsWith(",1,2", sized[1]);
    }

    [Fact]
    public void ExplainAndPicturesHandleVectors()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "plot");
        CliResult r = CliRunner.Run("minimize", Function, "--from", "x=zeros(5)", "--optimizers", "sgd(lr=0.1); adam(lr=0.5)", "--steps", "30", "--explain", "--plot", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("eigenvalues 2, 2, 2, 2, 2", r.Output);
        Assert.True(File.Exists(Path.Combine(dir, "progress.png")));
        Assert.Contains("x[1] = 0, x[2] = 0, x[3] = 0, x[4] = 0, x[5] = 0", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void AVectorOfTwoCoordinatesIsDrawnAsAMap()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "plot");
        CliResult r = CliRunner.Run("minimize", Function, "--from", "x=[3, -1]", "--steps", "10", "--plot", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("contour.png/.svg, surface.png/.svg, progress.png/.svg", r.Output);
        Assert.True(File.Exists(Path.Combine(dir, "contour.png")));
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["minimize", "sum(i, 1, n, x[j])", "--from", "x=zeros(3)"], "unknown index 'j': an index is made of numbers, the indices of enclosing sums and sizes (names in a sum's bounds) at column 16" },
        { ["minimize", "sum(i, 1, n, x[i]) + x", "--from", "x=zeros(3)"], "'x' is a vector (indexed at column 14): write x[...] for one of its elements at column 22" },
        { ["minimize", "sum(i, 1, n, x[i + 1])", "--from", "x=zeros(3)"], "error: x[i + 1] reads position 4, outside 1..3 (x has 3 elements, counted from 1) at column 14" },
        { ["minimize", "x[0]^2", "--from", "x=zeros(3)"], "error: x[0] reads position 0, outside 1..3 (x has 3 elements, counted from 1) at column 1" },
        { ["minimize", "sum(i, 1, n, x[i] * y[i])", "--from", "x=zeros(3),y=zeros(4)"], "error: the size 'n' has no value, and the vectors have different lengths (x: 3, y: 4): give it (e.g. n=3)" },
        { ["minimize", Function, "--from", "x=zeros(abc)"], "error: --from: x=zeros(abc): the length 'abc' is not a whole number from 1 to 100,000,000" },
        { ["minimize", Function, "--from", "x=5"], "error: --from: 'x' is a vector: give its start as x=zeros(N), x=ones(N), x=[1, 2, 3] or x=@FILE (a file of numbers), not '5'" },
        { ["minimize", Function + " + y", "--from", "x=zeros(2),y=zeros(2)"], "error: --from: 'zeros(2)' is not a number (in y=zeros(2)); 'y' is a scalar variable (only a variable used as y[...] is a vector)" },
        { ["minimize", Function, "--from", "x=[1, 2, z]"], "error: --from x=[...] line 1, column 3: 'z' is not a finite number" },
        { ["minimize", Function, "--from", "x=@no-such-start.csv"], "error: cannot read 'no-such-start.csv': file not found" },
        { ["minimize", "@no-such-function.txt", "--from", "x=zeros(3)"], "error: cannot read 'no-such-function.txt': file not found" },
        { ["minimize", Function], "error: --from: give every variable's start value, e.g. --from x=zeros(100) (or x=@start.csv, a file of numbers)" },
        { ["minimize", Function, "--from", "x=zeros(3)", "--size", "n=abc"], "error: --size: 'abc' is not a whole number >= 0 (in n=abc)" },
        { ["minimize", Function, "--from", "x=zeros(3)", "--size", "m=3"], "error: 'm' is not a size of the function (its sizes are n; a size is a name in a sum's bounds)" },
        { ["minimize", Function, "--from", "x=zeros(3)", "--trajectory-coordinates", "some"], "error: --trajectory-coordinates: 'some' is not all or a whole number >= 0" },
        { ["train", "@args.txt"], "error: Unrecognized command or argument '@args.txt'; a response file's name ends in .rsp (any other @FILE is read only as minimize's function or --from)" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsOneLineAndExitCodeTwo(string[] args, string message)
    {
        CliResult r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error.Split('\n')[0]);
        Assert.Equal("", r.Output);
    }

    [Fact]
    public void ABadCellOfAStartFileIsNamedByLineAndColumn()
    {
        string file = Path.Combine(CliRunner.TempDirectory(), "start.csv");
        File.WriteAllText(file, "1, 2\n3, abc\n");
        CliResult r = CliRunner.Run("minimize", Function, "--from", $"x=@{file}");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {file} line 2, column 2: 'abc' is not a finite number", r.Error.TrimEnd());
    }
}
