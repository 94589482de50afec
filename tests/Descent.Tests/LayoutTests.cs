using System.Reflection;

namespace Descent.Tests;

/// <summary>The architecture's rules, checked: the core has no graphics or console, pictures never train, files name concepts.</summary>
public class LayoutTests
{
    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Descent.slnx"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Descent.slnx not found above the test binaries.");
    }

    private static string[] References(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    [Fact]
    public void TheCoreLibraryHasNoGraphicsConsoleOrCommandLine()
    {
        string[] references = References(typeof(Descent.Tensors.Tensor<>).Assembly);
        Assert.DoesNotContain(references, r => r.StartsWith("ScottPlot", StringComparison.Ordinal) || r.StartsWith("Plotly", StringComparison.Ordinal)
            || r.StartsWith("SkiaSharp", StringComparison.Ordinal) || r.StartsWith("Spectre", StringComparison.Ordinal)
            || r.StartsWith("System.CommandLine", StringComparison.Ordinal));
    }

    [Fact]
    public void PicturesReadResultsAndNeverTrainOrMinimize()
    {
        Assembly plots = typeof(Descent.Plots.Picture).Assembly;
        Assert.DoesNotContain(References(plots), r => r.StartsWith("Spectre", StringComparison.Ordinal) || r.StartsWith("System.CommandLine", StringComparison.Ordinal));
        string source = string.Join("\n", Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "Descent.Plots"), "*.cs").Select(File.ReadAllText));
        foreach (string forbidden in new[] { "Trainer.Compare", "Minimizer.Minimize", ".Step(", ".Backward(" })
            Assert.DoesNotContain(forbidden, source);
    }

    [Fact]
    public void SourceFilesNameConceptsAndLiveInConceptFolders()
    {
        string root = Path.Combine(RepositoryRoot(), "src");
        string[] files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")).ToArray();
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            string name = Path.GetFileNameWithoutExtension(file);
            Assert.DoesNotMatch("(Utils|Util|Helpers|Helper|Manager|Common|Misc)$", name);
        }
        string core = Path.Combine(root, "Descent");
        string[] loose = [.. Directory.GetFiles(core, "*.cs").Select(Path.GetFileName)!];
        Assert.Equal(["InputException.cs"], loose);
    }
}
