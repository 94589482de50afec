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
        foreach (string forbidden in new[] { "Trainer.", "TrainingSetup", "PreparedTraining", "Minimizer", ".Step(", ".Backward(" })
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

    private static IEnumerable<string> SourceFiles(string directory) =>
        Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static string? Namespace(string file) =>
        File.ReadLines(file).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal))?["namespace ".Length..].TrimEnd(';', ' ');

    [Theory]
    [InlineData("Descent", "Descent")]
    [InlineData("Descent.Plots", "Descent.Plots")]
    [InlineData("Descent.Cli", "Descent.Cli")]
    public void NamespacesMatchFolders(string project, string rootNamespace)
    {
        string root = Path.Combine(RepositoryRoot(), "src", project);
        foreach (string file in SourceFiles(root))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            // Tensor.Graph.cs and its kind are parts of a partial type, which keeps its type's namespace.
            if (name.Contains('.', StringComparison.Ordinal)) continue;
            string folder = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
            string expected = folder == "." ? rootNamespace : rootNamespace + "." + folder.Replace(Path.DirectorySeparatorChar, '.');
            Assert.True(Namespace(file) is null || Namespace(file) == expected, $"{Path.GetRelativePath(root, file)} declares namespace {Namespace(file)}, its folder says {expected}");
        }
    }

    [Fact]
    public void TheCoreNamespacesDependOnEachOtherWithoutCycles()
    {
        // Which Descent namespaces each namespace's files name (by using directive or qualified name).
        var uses = new Dictionary<string, HashSet<string>>();
        foreach (string file in SourceFiles(Path.Combine(RepositoryRoot(), "src", "Descent")))
        {
            string? ns = Namespace(file);
            if (ns is null || ns == "Descent") continue;
            var set = uses.TryGetValue(ns, out var s) ? s : uses[ns] = [];
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"\bDescent\.([A-Z][A-Za-z]+)"))
                if ("Descent." + m.Groups[1].Value != ns) set.Add("Descent." + m.Groups[1].Value);
        }
        Assert.Empty(uses["Descent.Specs"]); // the spec language is the bottom layer: it names nothing else of Descent
        var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
        void Visit(string ns, List<string> path)
        {
            if (state.GetValueOrDefault(ns) == 2) return;
            Assert.False(state.GetValueOrDefault(ns) == 1, $"namespace cycle: {string.Join(" -> ", path.SkipWhile(p => p != ns))} -> {ns}");
            state[ns] = 1;
            path.Add(ns);
            foreach (string next in uses.GetValueOrDefault(ns) ?? []) Visit(next, path);
            path.RemoveAt(path.Count - 1);
            state[ns] = 2;
        }
        foreach (string ns in uses.Keys) Visit(ns, []);
    }
}
