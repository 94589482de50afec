using System.Globalization;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Tests.Cli;

public class OptimizersCommandTests
{
    [Fact]
    public void ListsEveryOptimizerWithItsDefaults()
    {
        CliResult r = CliRunner.Run("optimizers");
        Assert.Equal(0, r.ExitCode);
        foreach (CatalogEntry<OptimizerOptions> o in OptimizerCatalog.All) Assert.Contains(o.Name, r.Output);
        Assert.Contains("Exact against PyTorch 1.13", r.Output);
    }

    [Fact]
    public void ShowsOneOptimizerInFullWithItsUpdateRule()
    {
        CliResult r = CliRunner.Run("optimizers", "adam");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("amsgrad", r.Output);
        Assert.Contains("sqrt(1 - beta2^t)", r.Output);
        Assert.Contains("update rule", r.Output);
    }

    [Fact]
    public void AnUnknownOptimizerGetsASuggestionAndExitCodeTwo()
    {
        CliResult r = CliRunner.Run("optimizers", "adamm");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'adam'", r.Error);
    }

    [Theory]
    [InlineData("adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true)")]
    [InlineData("adamw(lr=0.05)")]
    [InlineData("adagrad(lr=0.3)")]
    [InlineData("rmsprop(lr=0.01, centered=true)")]
    [InlineData("adadelta(lr=1)")]
    [InlineData("adamax(lr=0.05)")]
    [InlineData("nadam(lr=0.05)")]
    [InlineData("radam(lr=0.05)")]
    [InlineData("asgd(lr=0.05)")]
    [InlineData("rprop(lr=0.05)")]
    [InlineData("lbfgs(lr=1, max_iter=10, line_search_fn=\"strong_wolfe\")")]
    [InlineData("lbfgs(lr=1, max_iter=10, line_search_fn=strong_wolfe)")]
    [InlineData("momentum(lr=0.05)")]
    public void MinimizeTakesEveryOptimizerSpec(string spec)
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "(x - 1)^2 + 2*(y + 0.5)^2", "--from", "x=2,y=1", "--optimizer", spec, "--steps", "60", "--trajectory", csv);
        Assert.True(r.ExitCode == 0, r.Error);
        string[] last = File.ReadAllLines(csv)[^1].Split(',');
        double f = double.Parse(last[^1], CultureInfo.InvariantCulture);
        Assert.True(f < 5.5, $"{spec}: f = {f} after 60 steps (started at 5.5)");
    }

    [Fact]
    public void LbfgsWithLineSearchFindsTheRosenbrockMinimum()
    {
        CliResult r = CliRunner.Run("minimize", "(1 - x)^2 + 100*(y - x^2)^2", "--from", "x=-1.5,y=2",
            "--optimizer", "lbfgs(lr=1, max_iter=20, line_search_fn=\"strong_wolfe\")", "--steps", "10");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"x = 0\.99999\d*(,\s*|\s+)y = 0\.99999", r.Output);
    }

    [Theory]
    [InlineData("adam(lr=-0.1)", "adam: lr = -0.1 is invalid: it must be >= 0")]
    [InlineData("adam(betas=(0.9, 1.0))", "betas[1] = 1 is invalid: it must be in [0, 1)")]
    [InlineData("rmsprop(lr=0.01, momentun=0.9)", "did you mean 'momentum'?")]
    [InlineData("sgd(lr=0.1, nesterov=true)", "nesterov")]
    [InlineData("adma(lr=0.1)", "unknown optimizer 'adma'; did you mean 'adam'?")]
    [InlineData("adam(amsgrad=yes)", "amsgrad = yes has the wrong type: it must be true or false")]
    [InlineData("lbfgs(line_search_fn=\"armijo\")", "line_search_fn")]
    public void InvalidHyperparametersExitWithCodeTwoAndOneLine(string spec, string fragment)
    {
        CliResult r = CliRunner.Run("minimize", "x^2", "--from", "x=1", "--optimizer", spec);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(fragment, r.Error);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", r.Error);
    }
}
