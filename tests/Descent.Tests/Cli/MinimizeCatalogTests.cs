using System.Globalization;

namespace Descent.Tests.Cli;

/// <summary><c>descent minimize NAME</c>: catalog functions by name, their starts, and what is measured when their minima are known.</summary>
public class MinimizeCatalogTests
{
    private static string[] ReadLines(string path) => File.ReadAllLines(path);

    [Fact]
    public void ACatalogNameMinimizesItsFormulaFromItsStandardStart()
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "rosenbrock", "--optimizer", "adam(lr=0.05)", "--steps", "3", "--trajectory", csv);
        Assert.Equal(0, r.ExitCode);
        string[] lines = ReadLines(csv);
        Assert.StartsWith("step,x1,x2,value", lines[0]);
        Assert.StartsWith("0,-1.2,1,24.199999999999996", lines[1]);
        Assert.Contains("(1 - x1)^2 + 100*(x2 - x1^2)^2", r.Output);
    }

    [Fact]
    public void AnNDimensionalSpecTakesItsN()
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "rastrigin(n=3)", "--optimizer", "sgd(lr=0.001)", "--steps", "2", "--trajectory", csv);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("step,x1,x2,x3,value", ReadLines(csv)[0]);
        Assert.StartsWith("0,2.2,2.2,2.2,", ReadLines(csv)[1]);
    }

    [Fact]
    public void FromReplacesTheStandardStartAndTheCatalogOrderStays()
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run("minimize", "rosenbrock", "--from", "x2=2,x1=-1.5", "--optimizer", "sgd(lr=0.001)", "--steps", "1", "--trajectory", csv);
        Assert.Equal(0, r.ExitCode);
        string[] row = ReadLines(csv)[1].Split(',');
        Assert.Equal(["0", "-1.5", "2"], row[..3]);
        Assert.Equal((1 + 1.5) * (1 + 1.5) + 100 * Math.Pow(2 - 2.25, 2), double.Parse(row[3], CultureInfo.InvariantCulture), 1e-12);
    }

    [Fact]
    public void ALoneVariableFarFromEveryCatalogNameIsStillAFormula()
    {
        CliResult r = CliRunner.Run("minimize", "x", "--from", "x=1", "--steps", "2");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("x = 0.8", r.Output);
    }

    [Fact]
    public void TheRaceTableReportsGapDistanceAndTheStepTheToleranceWasReached()
    {
        CliResult r = CliRunner.Run("minimize", "rosenbrock", "--optimizers", "sgd(lr=0.001); momentum(lr=0.001)", "--steps", "2000", "--tol", "1e-6");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("f - f*", r.Output);
        Assert.Contains("distance", r.Output);
        Assert.Contains("f - f* < 1e-06 at step", r.Output);
        var momentum = (Descent.Training.Minimizer.For(Descent.Functions.FunctionCatalog.Parse("rosenbrock")) with
        {
            Optimizers = [Descent.Optimizers.OptimizerCatalog.Parse("momentum(lr=0.001)")],
            Steps = 2000,
        }).Run()[0];
        // The winner (momentum) is the first row: its spec wraps between arguments, the step ends its first line.
        string row = r.Output.Split('\n').First(l => l.Contains("★", StringComparison.Ordinal));
        Assert.Matches($@"│\s*{momentum.FirstStepWithin(1e-6)}\s*│\s*$", row.TrimEnd());
        Assert.Matches(@"sgd\(lr=0\.001\) .*│\s*not\s*(│|reached)", r.Output);
    }

    [Fact]
    public void TheSummaryOfATypedFunctionMeasuresTheGradientNorm()
    {
        CliResult r = CliRunner.Run("minimize", "x^2 + y^2", "--from", "x=2,y=2", "--tol", "1e-3");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("|grad f| < 0.001 from step 39", r.Output);
        Assert.DoesNotContain("f - f*", r.Output);
    }

    // Spectre wraps long lines in the explanation's column: compare text with whitespace runs as single spaces.
    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    [Fact]
    public void ExplainGivesTheTutorialsZigzagItsExplanation()
    {
        CliResult r = CliRunner.Run("minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.7)", "--explain");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("sgd(lr=0.7) oscillating: lr = 0.7 is between 1/L = 0.5 and 2/L = 1: each step overshoots the minimum and the error shrinks by |1 - lr L| = 0.4 per step;", Flat(r.Output));
        Assert.Contains("curvature at the start: L = 2, mu = 2, condition number 1", Flat(r.Output));
        Assert.Contains("stability: gradient descent is stable for lr < 2/L = 1 at the start", Flat(r.Output));
    }

    [Fact]
    public void TheIssuesRaceGivesGapsStepsToToleranceAndAVerdictPerOptimizer()
    {
        CliResult r = CliRunner.Run("minimize", "rosenbrock", "--optimizers", "sgd(lr=0.001); momentum(lr=0.001); adam(lr=0.05)", "--steps", "2000", "--tol", "1e-6", "--explain");
        Assert.Equal(0, r.ExitCode);
        string text = Flat(r.Output);
        Assert.Contains("f - f* < 1e-06 at step", text);
        Assert.Contains("sgd(lr=0.001) still descending: f - f* = 0.07821 after 2000 steps", text);
        Assert.Matches(@"sgd\(lr=0\.001, momentum=0\.9\) converged: .* f - f\* < 1e-06 from step \d+", text);
        Assert.Contains("adam(lr=0.05) converged:", text);
        Assert.Contains("theory gives adam(lr=0.05) no step-size bound (gradient descent's would be lr < 2/L = 0.001328)", text);
    }

    [Fact]
    public void ExplainNamesTheStepVariableCurvatureAndLargestStableLrOfADivergence()
    {
        CliResult r = CliRunner.Run("minimize", "rosenbrock", "--optimizer", "sgd(lr=0.01)", "--explain");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"sgd\(lr=0\.01\) diverged: f rose from .* moved most in step \d+; the local curvature at step \d+ is L = .*: lr = 0\.01 is above 2/L = .*; the largest stable lr there is [0-9.e-]+", Flat(r.Output));
    }

    [Fact]
    public void ExplainWhereTheHessianIsNotDefinedSaysSoInANote()
    {
        CliResult r = CliRunner.Run("minimize", "abs(x)", "--from", "x=0", "--explain");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("note: the Hessian is not defined at the start: abs(...) has a kink where its argument is 0; no curvature there", Flat(r.Output));
    }

    [Fact]
    public void ExplainHasNowhereToReportWhenTheTrajectoryReplacesTheSummary()
    {
        CliResult r = CliRunner.Run("minimize", "bowl", "--explain", "--trajectory", "-");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--explain reports in the summary, which --trajectory - replaces", r.Error);
        Assert.Empty(r.Output);
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["minimize", "bowl", "--tol", "0"], "--tol: tolerance 0 is invalid: it must be a finite number > 0" },
        { ["minimize", "bowl", "--tol", "-1"], "--tol: tolerance -1 is invalid" },
        { ["minimize", "bowl", "--tol", "abc"], "--tol: 'abc' is not a number" },
        { ["minimize", "eggholder", "--dtype", "float32", "--tol", "1e-6"], "finer than float32 resolves" },
        { ["minimize", "rosenbrok"], "unknown test function 'rosenbrok'; did you mean 'rosenbrock'?" },
        { ["minimize", "rastrgin(n=3)"], "did you mean 'rastrigin'?" },
        { ["minimize", "rastrigin(n=0)"], "rastrigin: n = 0 is invalid: it must be a whole number from 1 to 1000" },
        { ["minimize", "rosenbrock(n=1)"], "from 2 to 1000" },
        { ["minimize", "sphere(n=1.5)"], "whole number" },
        { ["minimize", "beale(n=3)"], "beale: unknown hyperparameter 'n' (it takes none)" },
        { ["minimize", "rosenbrock", "--from", "x=1,y=2"], "'x' is not a variable of the function (it has variables x1, x2)" },
        { ["minimize", "rosenbrock", "--from", "x1=1"], "no start value for 'x2'" },
        { ["minimize", "x^2 + y^2"], "--from: give every variable's start value" },
    };

    [Fact]
    public void ToleranceHasNowhereToReportWhenTheTrajectoryReplacesTheSummary()
    {
        CliResult r = CliRunner.Run("minimize", "bowl", "--tol", "1e-3", "--trajectory", "-");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--tol reports in the summary, which --trajectory - replaces", r.Error);
        Assert.Empty(r.Output);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsWithCodeTwoAndOneLineAndWritesNothing(string[] args, string message)
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "t.csv");
        CliResult r = CliRunner.Run([.. args, "--trajectory", csv]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Error);
        Assert.Contains(message, r.Error);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(csv));
    }
}
