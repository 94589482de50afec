using System.Xml.Linq;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Plots;
using Descent.Training;
using SkiaSharp;

namespace Descent.Tests.Plots;

public class PictureTests
{
    private static Trajectory Run(string function, string[] variables, double[] start, string spec, int steps = 60) =>
        new Minimizer { Function = Expression.Parse(function), Variables = variables, Start = start, Steps = steps }.Run(OptimizerCatalog.Parse(spec));

    /// <summary>Checks a picture has its size, is not blank (many colours, not one dominating everything) and its SVG is XML.</summary>
    internal static void AssertDrawn(Picture picture)
    {
        using SKBitmap bitmap = SKBitmap.Decode(picture.Png());
        Assert.Equal(picture.Width, bitmap.Width);
        Assert.Equal(picture.Height, bitmap.Height);
        var colours = new Dictionary<uint, int>();
        for (int y = 0; y < bitmap.Height; y += 3)
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                uint c = (uint)bitmap.GetPixel(x, y);
                colours[c] = colours.GetValueOrDefault(c) + 1;
            }
        Assert.True(colours.Count >= 8, $"{picture.Name}: only {colours.Count} colours");
        int total = colours.Values.Sum();
        // Something besides the background: at least 3% of the samples are not the most common colour.
        Assert.True(colours.Values.Max() < 0.97 * total, $"{picture.Name} is nearly blank");
        XDocument svg = XDocument.Parse(picture.Svg());
        Assert.Equal("svg", svg.Root!.Name.LocalName);
    }

    [Fact]
    public void FiguresUseTheEmbeddedFontWhateverTheSystemHas()
    {
        // The embedded DejaVu Sans answers before any system font, so a machine without it draws the same text.
        // (The typefaces are shared and cached: not disposed here.)
        _ = PlotStyle.NewPlot();
        Assert.IsType<EmbeddedFont>(ScottPlot.Fonts.FontResolvers[0]);
        SKTypeface regular = new EmbeddedFont().CreateTypeface(PlotStyle.FontFamily, false, false)!;
        Assert.Equal("DejaVu Sans", regular.FamilyName);
        Assert.Equal(SKFontStyleWeight.Bold, (SKFontStyleWeight)new EmbeddedFont().CreateTypeface(PlotStyle.FontFamily, true, false)!.FontWeight);
        Assert.Null(new EmbeddedFont().CreateTypeface("Comic Sans MS", false, false));
    }

    [Fact]
    public void TheOneDimensionalFigureIsDrawn()
    {
        var run = Run("x^2 + 4*x + 1", ["x"], [2], "sgd(lr=0.7)");
        AssertDrawn(CurvePlot.Create(Expression.Parse("x^2 + 4*x + 1"), [run]));
    }

    [Fact]
    public void TheContourAndSurfaceFiguresAreDrawnForOneAndSeveralPaths()
    {
        var f = Expression.Parse("(1 - x)^2 + 100*(y - x^2)^2");
        Trajectory[] runs = [Run(f.Text, ["x", "y"], [-1.5, 2], "adam(lr=0.05)"), Run(f.Text, ["x", "y"], [-1.5, 2], "rmsprop(lr=0.01)")];
        AssertDrawn(ContourPlot.Create(f, runs));
        AssertDrawn(SurfacePlot.Create(f, runs));
        var bowl = Expression.Parse("x^2 + y^2");
        Trajectory single = Run(bowl.Text, ["x", "y"], [2, 2], "sgd(lr=0.1)");
        AssertDrawn(ContourPlot.Create(bowl, [single]));
        AssertDrawn(SurfacePlot.Create(bowl, [single]));
    }

    [Fact]
    public void ManyVariablesGetTheProgressFigure()
    {
        var f = Expression.Parse("x^2 + 2*y^2 + 3*z^2 + w^2");
        Trajectory run = Run(f.Text, ["x", "y", "z", "w"], [1, 1, 1, 1], "adam(lr=0.1)");
        IReadOnlyList<Picture> pictures = MinimizeFigures.Pictures(f, [run]);
        Assert.Equal(["progress"], pictures.Select(p => p.Name));
        AssertDrawn(pictures[0]);
    }

    [Fact]
    public void PicturesFitTheDimension()
    {
        var f1 = Expression.Parse("x^2");
        Assert.Equal(["curve", "progress"], MinimizeFigures.Pictures(f1, [Run("x^2", ["x"], [1], "sgd(lr=0.1)", 5)]).Select(p => p.Name));
        var f2 = Expression.Parse("x^2 + y^2");
        Assert.Equal(["contour", "surface", "progress"], MinimizeFigures.Pictures(f2, [Run(f2.Text, ["x", "y"], [1, 1], "sgd(lr=0.1)", 5)]).Select(p => p.Name));
    }

    [Fact]
    public void PathsThatLeaveTheDomainOrStandStillStillDraw()
    {
        // log is undefined on part of the range (NaN cells), and a zero-step run has a single point.
        var f = Expression.Parse("log(x) + y^2");
        AssertDrawn(ContourPlot.Create(f, [Run(f.Text, ["x", "y"], [0.5, 1], "sgd(lr=0.01)", 0)]));
        AssertDrawn(SurfacePlot.Create(f, [Run(f.Text, ["x", "y"], [0.5, 1], "sgd(lr=0.01)", 3)]));
        AssertDrawn(CurvePlot.Create(Expression.Parse("sqrt(x)"), [Run("sqrt(x)", ["x"], [0.01], "sgd(lr=0.001)", 0)]));
    }

    [Fact]
    public void TheHtmlReportIsSelfContained()
    {
        var f = Expression.Parse("x^2 + y^2");
        var report = new HtmlReport("test <report>");
        Trajectory run = Run(f.Text, ["x", "y"], [2, 2], "sgd(lr=0.1)");
        MinimizeFigures.AddTo(report, f, [run], [ContourPlot.Create(f, [run])]);
        string html = report.Render();
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("test &lt;report&gt;", html);
        Assert.Contains("<img src=\"contour.png\"", html);
        // plotly.js itself is inlined (it is megabytes long), not linked.
        Assert.True(html.Length > 1_000_000);
        Assert.DoesNotContain("<script src", html);
    }

    [Fact]
    public void SvgsDrawnSideBySideGetTheSameIdsAsDrawnAlone()
    {
        // Skia numbers clip paths from one counter per process: drawn in parallel, pictures took each other's numbers.
        TrainingReport report = (Tutorial.Training with { Epochs = 2, Scheduler = Descent.Schedulers.SchedulerCatalog.Parse("step_lr(step_size=1)") }).Run();
        IReadOnlyList<Picture> pictures = TrainingFigures.Pictures(report, logScale: false);
        Assert.True(pictures.Count >= 2);
        string[] alone = [.. pictures.Select(p => p.Svg())];
        for (int i = 0; i < 3; i++)
        {
            string[] together = new string[pictures.Count];
            Parallel.For(0, pictures.Count, k => together[k] = pictures[k].Svg());
            Assert.Equal(alone, together);
        }
        Assert.Contains("id=\"cl_0\"", alone[0]);
    }
}
