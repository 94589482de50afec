using Descent.Functions;
using Descent.Specs;

namespace Descent.Tests.Cli;

public class FunctionsCommandTests
{
    [Fact]
    public void ListsEveryFunctionWithItsDimensionMinimaAndFormula()
    {
        CliResult r = CliRunner.Run("functions");
        Assert.Equal(0, r.ExitCode);
        foreach (CatalogEntry<TestFunction> f in FunctionCatalog.All)
        {
            Assert.Contains(f.Name, r.Output);
            Assert.Contains(f.Defaults.Formula[..Math.Min(30, f.Defaults.Formula.Length)], r.Output);
        }
        Assert.Matches(@"himmelblau\s*│\s*2\s*│\s*4\s*│\s*0\s*│", r.Output);
        Assert.Matches(@"rastrigin\s*│\s*n\s*│\s*1\s*│", r.Output);
    }

    [Fact]
    public void ShowsOneFunctionInFullWithEveryMinimum()
    {
        CliResult r = CliRunner.Run("functions", "holder_table");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("4 global minima", r.Output);
        foreach (string point in new[] { "(8.055023475736563, 9.664590019241272)", "(-8.055023475736563, -9.664590019241272)" })
            Assert.Contains($"f{point} = -19.208502567886732", r.Output);
        Assert.Contains("[-10, 10] for each variable", r.Output);
        Assert.Contains("descent minimize holder_table", r.Output);
    }

    [Fact]
    public void ShowsAnNDimensionalFunctionAtTheGivenN()
    {
        CliResult r = CliRunner.Run("functions", "rastrigin(n=3)");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("30 + x1^2 - 10*cos(2*pi*x1) + x2^2 - 10*cos(2*pi*x2) + x3^2 - 10*cos(2*pi*x3)", r.Output);
        Assert.Contains("f(0, 0, 0) = 0", r.Output);
        Assert.Contains("descent minimize \"rastrigin(n=3)\"", r.Output);
    }

    [Theory]
    [InlineData("himmelblo", "did you mean 'himmelblau'")]
    [InlineData("rastrigin(n=0)", "rastrigin: n = 0 is invalid: it must be a whole number from 1 to 1000")]
    [InlineData("rastrigin(n=", "column")]
    public void BadNamesGetOneLineAndExitCodeTwo(string name, string message)
    {
        CliResult r = CliRunner.Run("functions", name);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Error);
        Assert.Contains(message, r.Error);
        Assert.Empty(r.Output);
    }
}
