using System.Diagnostics;
using System.Xml.Linq;

namespace Descent.Tests.Cli;

public class DemoCommandTests
{
    private static readonly string[] Pictures =
        ["1d-curve", "1d-progress", "2d-contour", "2d-surface", "2d-progress", "train-losses"];

    [Fact]
    public void TheDemoWritesEveryPictureAndAnOfflineIndex()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "demo");
        CliResult r = CliRunner.Run("demo", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("index.html", r.Output);
        // The zigzag explained in the terminal too, folded within 80 columns.
        string unfolded = System.Text.RegularExpressions.Regex.Replace(r.Output, @"\n +", " ");
        Assert.Contains("oscillating: lr = 0.7 is between 1/L = 0.5 and 2/L = 1: each step overshoots the minimum", unfolded);
        Assert.Contains("converged: lr = 0.1 is below 1/L = 0.5", unfolded);
        Assert.All(r.Output.Split('\n').Where(l => !l.StartsWith("done in", StringComparison.Ordinal)), l => Assert.True(l.Length <= 80, l)); // a path is never broken
        foreach (string name in Pictures)
        {
            Assert.True(new FileInfo(Path.Combine(dir, name + ".png")).Length > 10_000, name);
            XDocument.Load(Path.Combine(dir, name + ".svg"));
        }
        string html = File.ReadAllText(Path.Combine(dir, "index.html"));
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        // The minimizations' pictures are embedded in the page; the training section's interactive chart shows what its
        // picture shows, so the page does not lean on that file.
        foreach (string name in Pictures.Where(n => !n.StartsWith("train", StringComparison.Ordinal))) Assert.Contains($"alt=\"{name}\"", html);
        Assert.DoesNotMatch("<img src=\"[^\"]+\\.png\"", html);
        Assert.Contains("scatter3d", html);
        Assert.Contains("sgd(lr=0.7)", html);
        Assert.Contains("adam(lr=0.01)", html);
        Assert.Contains("lr = 0.7 is between 1/L = 0.5 and 2/L = 1: each step overshoots the minimum", html); // the zigzag explained
    }

    [Fact]
    public void MinimizeWithPlotWritesThePicturesThatFitAndAReport()
    {
        string dir = Path.Combine(CliRunner.TempDirectory(), "plots");
        CliResult r = CliRunner.Run("minimize", "(1 - x)^2 + 100*(y - x^2)^2", "--from", "x=-1.5,y=2", "--optimizer", "adam(lr=0.05)",
            "--optimizer", "rmsprop(lr=0.01)", "--optimizers", "sgd(lr=0.001, momentum=0.9)", "--steps", "200", "--plot", dir, "--trajectory", Path.Combine(dir, "t.csv"));
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (string name in new[] { "contour", "surface", "progress" })
        {
            Assert.True(File.Exists(Path.Combine(dir, name + ".png")), name);
            Assert.True(File.Exists(Path.Combine(dir, name + ".svg")), name);
        }
        Assert.False(File.Exists(Path.Combine(dir, "curve.png")));
        Assert.Contains("final point", r.Output); // one table for the race
        Assert.Contains("rmsprop(lr=0.01)", r.Output);
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("rmsprop(lr=0.01)", html);
        string[] csv = File.ReadAllLines(Path.Combine(dir, "t.csv"));
        Assert.Equal("optimizer,step,x,y,value", csv[0]);
        Assert.Equal(1 + 3 * 201, csv.Length);
        Assert.StartsWith("\"sgd(lr=0.001, momentum=0.9)\",0,", csv[1 + 2 * 201]);
    }

    [Fact]
    public void TrainWritesLossPicturesAndAReport()
    {
        string dir = CliRunner.TempDirectory();
        CliResult r = CliRunner.Run("train", "--epochs", "5", "--log-scale", "--out", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "losses.png")));
        XDocument.Load(Path.Combine(dir, "losses.svg"));
        Assert.Contains("\"type\":\"log\"", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    /// <summary>
    /// Opens the demo's index.html in headless Chromium, as a reader would: the screenshot must not be
    /// blank and the page must log no script error. CI installs Chromium and sets DESCENT_REQUIRE_BROWSER=1;
    /// elsewhere, without Chromium, there is nothing to open the page with and the test has nothing to check.
    /// </summary>
    [Fact]
    public void TheDemoPageRendersInAHeadlessBrowserWithoutScriptErrors()
    {
        string? chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("DESCENT_REQUIRE_BROWSER") != "1", "DESCENT_REQUIRE_BROWSER=1 but Chromium is not installed");
            return;
        }
        string dir = Path.Combine(CliRunner.TempDirectory(), "demo");
        Assert.Equal(0, CliRunner.Run("demo", "--out", dir).ExitCode);
        string shot = Path.Combine(dir, "shot.png");
        string url = new Uri(Path.Combine(dir, "index.html")).AbsoluteUri;
        var (log, dom) = (Browser(chromium, $"--window-size=1280,3000 --screenshot={shot} {url}"), Browser(chromium, $"--dump-dom {url}"));

        Assert.DoesNotContain("Uncaught", log);
        Assert.DoesNotContain("class=\"script-error\"", dom);
        Assert.Contains("main-svg", dom); // plotly drew its charts
        using var bitmap = SkiaSharp.SKBitmap.Decode(shot);
        Assert.Equal(1280, bitmap.Width);
        var colours = new HashSet<uint>();
        for (int y = 0; y < bitmap.Height; y += 7)
            for (int x = 0; x < bitmap.Width; x += 7) colours.Add((uint)bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 50, $"the screenshot has only {colours.Count} colours");
    }

    /// <summary>
    /// Reports of runs that diverge or cannot start (issue 9's reproductions) open in headless Chromium with no script
    /// error: no figure hands plotly a number it cannot draw. Without Chromium, as above, there is nothing to check.
    /// </summary>
    [Theory]
    [InlineData("x^4 + y^2", "x=3,y=1", "sgd(lr=0.1); adam(lr=0.1)")]
    [InlineData("x^2+y^2", "x=1,y=1", "sgd(lr=1.5); adam(lr=0.1)")]
    [InlineData("x^2+y^2", "x=1e200,y=1e200", "sgd(lr=0.1)")]
    [InlineData("x^4", "x=3", "sgd(lr=0.1)")]
    [InlineData("log(x)", "x=-1", "sgd(lr=0.1)")]
    public void ReportsOfBadRunsRenderInAHeadlessBrowserWithoutScriptErrors(string function, string from, string optimizers)
    {
        string? chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        if (chromium is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("DESCENT_REQUIRE_BROWSER") != "1", "DESCENT_REQUIRE_BROWSER=1 but Chromium is not installed");
            return;
        }
        string dir = Path.Combine(CliRunner.TempDirectory(), "plots");
        CliResult r = CliRunner.Run("minimize", function, "--from", from, "--optimizers", optimizers, "--plot", dir);
        Assert.True(r.ExitCode == 0, r.Error);
        string url = new Uri(Path.Combine(dir, "report.html")).AbsoluteUri;
        var (log, dom) = (Browser(chromium, $"--window-size=1280,3000 --screenshot={Path.Combine(dir, "shot.png")} {url}"), Browser(chromium, $"--dump-dom {url}"));
        Assert.DoesNotContain("Uncaught", log);
        Assert.DoesNotContain("\"Error: ", log); // what Chromium logs for an SVG attribute plotly set to NaN
        Assert.DoesNotContain("class=\"script-error\"", dom);
        // Plotly drew the charts; a start with no finite f has pictures saying so, and no charts to draw.
        if (File.ReadAllText(Path.Combine(dir, "report.html")).Contains("Plotly.newPlot", StringComparison.Ordinal)) Assert.Contains("main-svg", dom);
        else Assert.Contains("not finite at the start", dom);
    }

    private static string Browser(string chromium, string arguments)
    {
        var start = new ProcessStartInfo(chromium,
            "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run " +
            $"--enable-logging=stderr --v=0 --virtual-time-budget=10000 {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "Chromium did not finish in two minutes");
        return arguments.StartsWith("--dump-dom", StringComparison.Ordinal) ? output.Result : error.Result + output.Result;
    }
}
