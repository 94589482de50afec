using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Descent.Tests.Cli;

/// <summary>
/// The Native AOT build of the tool (Properties/PublishProfiles/native.pubxml) against the JIT build, on the README's
/// commands: the same output and the same files, byte for byte (SVG clip-path ids aside, which differ from run to run).
/// Trimming that loses what reflection needs shows up here as an error or a different output. CI publishes the native
/// build and sets DESCENT_AOT_CLI to it (and DESCENT_REQUIRE_AOT=1); without it there is nothing to run. The packaged
/// linux-x64 build (x86-64-v3) passes too against a JIT held to the same vector width (DOTNET_EnableAVX512F=0).
/// </summary>
public class NativeBuildTests
{
    private static readonly string Diabetes = Path.Combine(AppContext.BaseDirectory, "Fixtures", "diabetes", "diabetes.tsv");

    // Each row is one or more commands run in turn in one directory (predict reads what train wrote).
    public static TheoryData<string[][]> Commands() => new()
    {
        { [["minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.7)", "--trajectory", "t.csv"]] },
        { [["minimize", "(1 - x)^2 + 100*(y - x^2)^2", "--from", "x=-1,y=1", "--optimizers", "adam(lr=0.01); lookahead(optimizer=sgd(lr=0.001, momentum=0.9))", "--steps", "200", "--dtype", "float32", "--plot", "plot"]] },
        { [["minimize", "rosenbrock", "--optimizers", "sgd(lr=0.001); momentum(lr=0.001); adam(lr=0.05)", "--steps", "2000", "--tol", "1e-6", "--explain"]] },
        { [["functions"]] },
        { [["functions", "holder_table"]] },
        { [["train", "--out", "train"]] },
        { [["train", "--model", "mlp(hidden=(16, 16))", "--shuffle", "--epochs", "3", "--scheduler", "one_cycle_lr(max_lr=0.1, total_steps=100)", "--scheduler-interval", "step", "--clip-grad-norm", "1", "--out", "mlp"]] },
        { [["train", "--data", Diabetes, "--target", "Y", "--standardize", "all", "--epochs", "20", "--optimizers", "sgd(lr=0.01, momentum=0.9); adam(lr=0.05)", "--save-model", "--out", "diabetes"],
           ["predict", "--model", "diabetes/model-2-adam.json", "--data", Diabetes, "--out", "predictions.csv"]] },
        { [["sweep", "minimize", "(1 - x)^2 + 100*(y - x^2)^2", "--from-box", "x=-2:2,y=-1:3", "--seeds", "3", "--steps", "200", "--optimizers", "sgd(lr=0.001); adam(lr=0.01)", "--lrs", "1e-4:1e-1:4", "--out", "sweep"]] },
        { [["demo", "--out", "demo"]] },
        { [["schedule", "sequential_lr(schedulers=(linear_lr(total_iters=5), cosine_annealing_lr(t_max=20)), milestones=5)", "--optimizer", "sgd(lr=0.1)", "--steps", "30"]] },
        { [["optimizers"]] },
        { [["optimizers", "adamw"]] },
        { [["schedulers"]] },
        { [["minimize", "x^^2", "--from", "x=1"]] },
        { [["train", "--optimizers", "sgd(lr=-1)"]] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void TheNativeBuildGivesTheJitBuildsOutputAndFiles(string[][] commands)
    {
        string? native = Environment.GetEnvironmentVariable("DESCENT_AOT_CLI");
        if (string.IsNullOrEmpty(native))
        {
            Assert.True(Environment.GetEnvironmentVariable("DESCENT_REQUIRE_AOT") != "1", "DESCENT_REQUIRE_AOT=1 but DESCENT_AOT_CLI is not set");
            return;
        }
        string jitDir = CliRunner.TempDirectory(), nativeDir = CliRunner.TempDirectory();
        foreach (string[] args in commands)
        {
            var jit = Run("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "Descent.Cli.dll"), .. args], jitDir);
            var aot = Run(Path.GetFullPath(native), args, nativeDir);
            Assert.Equal(jit.Code, aot.Code);
            Assert.Equal(jit.Output.Replace(jitDir, "DIR"), aot.Output.Replace(nativeDir, "DIR"));
            Assert.Equal(jit.Error, aot.Error);
        }
        string[] files = [.. Directory.GetFiles(jitDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(jitDir, f)).Order()];
        Assert.Equal(files, Directory.GetFiles(nativeDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(nativeDir, f)).Order());
        foreach (string file in files)
        {
            byte[] a = File.ReadAllBytes(Path.Combine(jitDir, file)), b = File.ReadAllBytes(Path.Combine(nativeDir, file));
            if (file.EndsWith(".svg", StringComparison.Ordinal))
                Assert.Equal(ClipIds(a), ClipIds(b));
            else
                Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between the JIT and the native build");
        }
    }

    private static string ClipIds(byte[] svg) => Regex.Replace(System.Text.Encoding.UTF8.GetString(svg), "cl_[0-9a-f]+", "cl_N");

    private static (int Code, string Output, string Error) Run(string program, string[] args, string directory)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, Timeless(output), Timeless(Regex.Replace(error.Result, @"(?m)^sweep: [0-9]+/[0-9]+ runs \(.*\n", "")));
    }

    // Durations differ from run to run, and so which runs a sweep's progress lines (from parallel threads) count.
    private static string Timeless(string text) => Regex.Replace(text, @"[0-9]+\.[0-9]+ s\b", "X s");
}
