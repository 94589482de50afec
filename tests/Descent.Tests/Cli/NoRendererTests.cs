using System.Diagnostics;

namespace Descent.Tests.Cli;

/// <summary>A machine that cannot render (no Skia native library) still gets every other output, and one warning.</summary>
public class NoRendererTests
{
    [Theory]
    [InlineData("train", "--epochs", "2", "--out", "OUT")]
    [InlineData("demo", "--out", "OUT")]
    [InlineData("minimize", "rosenbrock", "--steps", "20", "--plot", "OUT")]
    [InlineData("schedule", "step_lr(step_size=3)", "--plot", "OUT")]
    [InlineData("lr-find", "--steps", "20", "--out", "OUT")]
    public async Task EverythingButThePicturesIsWritten(params string[] args)
    {
        string root = CliRunner.TempDirectory(), bin = Path.Combine(root, "bin"), output = Path.Combine(root, "out");
        // The CLI and its managed assemblies without the runtimes/ folder: Skia's native library is absent, as on a machine it does not support.
        Directory.CreateDirectory(bin);
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory))
            File.Copy(file, Path.Combine(bin, Path.GetFileName(file)));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(bin, "Descent.Cli.dll"), .. args.Select(a => a == "OUT" ? output : a)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;

        Assert.True(process.ExitCode == 0, stderr);
        string[] warnings = [.. stderr.Split('\n').Where(l => l.StartsWith("warning: no pictures", StringComparison.Ordinal))];
        Assert.Single(warnings);
        Assert.Contains("libSkiaSharp", warnings[0]);
        Assert.DoesNotContain("   at ", stderr);
        string[] files = [.. Directory.EnumerateFiles(output).Select(Path.GetFileName)!];
        Assert.Contains(files, f => f!.EndsWith(".html", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f!.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal));
        if (args[0] is "train") Assert.Contains("losses.csv", files);
        if (args[0] is "demo") Assert.Contains("train-summary.json", files);
        // The page shows its interactive figures and points at no missing picture.
        foreach (string page in files.Where(f => f!.EndsWith(".html", StringComparison.Ordinal)))
            Assert.DoesNotContain("<img", File.ReadAllText(Path.Combine(output, page!)));
        Directory.Delete(root, recursive: true);
    }
}
