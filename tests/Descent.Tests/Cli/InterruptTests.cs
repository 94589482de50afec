using System.Diagnostics;

namespace Descent.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) stops training at the end of an epoch, writes nothing, and exits 130 with one line.</summary>
public class InterruptTests
{
    [Fact]
    public async Task CtrlCStopsTrainingWritesNothingAndExits130()
    {
        if (OperatingSystem.IsWindows()) return; // SIGINT is sent with kill
        string dir = Path.Combine(CliRunner.TempDirectory(), "out");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Descent.Cli.dll"),
            "train", "--epochs", "1000000", "--samples", "400", "--out", dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        // The header line says training has started; then interrupt it.
        string? header = process.StandardOutput.ReadLine();
        Assert.StartsWith("train", header);
        Thread.Sleep(300);
        using (Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token); // throws if descent did not stop after Ctrl-C
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("interrupted: stopped at the end of an epoch; nothing was written", (await error).Trim());
        Assert.False(Directory.Exists(dir));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(dir)!)); // no hidden partial set either
    }
}
