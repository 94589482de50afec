using Descent.Expressions;
using Descent.Specs;

namespace Descent.Tests.Cli;

/// <summary>No input, however deep or long, overflows the stack: deep nesting is a clear error, long flat chains work.</summary>
public class DeepInputTests
{
    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    public static TheoryData<string, string[]> DeepInputs() => new()
    {
        { "7000 nested sin", ["minimize", Repeat("sin(", 7000) + "x" + Repeat(")", 7000), "--from", "x=1"] },
        { "12418 parentheses", ["minimize", Repeat("(", 12_418) + "x" + Repeat(")", 12_418), "--from", "x=1"] },
        { "22000-term power chain", ["minimize", "x" + Repeat("^x", 22_000), "--from", "x=1", "--steps", "1"] },
        { "100000 unary minus signs", ["minimize", Repeat("-", 100_000) + "x", "--from", "x=1"] },
        { "60000-deep tuple in an optimizer spec", ["minimize", "x^2", "--from", "x=1", "--optimizer", "adam(betas=" + Repeat("(", 60_000) + "0.9" + Repeat(")", 60_000) + ")"] },
        { "60000-deep nested spec", ["minimize", "x^2", "--from", "x=1", "--optimizer", Repeat("a(b=", 60_000) + "1" + Repeat(")", 60_000)] },
        { "deep synthetic data function", ["train", "--synthetic", Repeat("(", 20_000) + "x" + Repeat(")", 20_000), "--epochs", "1", "--out", "unused"] },
        { "deep model spec", ["train", "--model", "mlp(hidden=" + Repeat("(", 60_000) + "1" + Repeat(")", 60_000) + ")", "--epochs", "1", "--out", "unused"] },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void DeepNestingIsOneClearLineAndExitTwo(string what, string[] args)
    {
        CliResult r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 2, $"{what}: exit {r.ExitCode}");
        Assert.Contains("nesting deeper than", r.Error);
        Assert.DoesNotContain("   at ", r.Error); // no stack trace
        Assert.True(r.Error.Length < 1000, $"{what}: the message is {r.Error.Length} characters long");
        Assert.False(Directory.Exists("unused"));
    }

    [Fact]
    public void AFlatSumOfAHundredThousandTermsWorks()
    {
        string sum = string.Join(" + ", Enumerable.Range(1, 100_000).Select(i => i % 2 == 0 ? "x^2" : "0.5*y^2"));
        CliResult r = CliRunner.Run("minimize", sum, "--from", "x=1,y=1", "--steps", "2", "--optimizer", "sgd(lr=1e-6)");
        Assert.True(r.ExitCode == 0, r.Error);
        Expression f = Expression.Parse(sum);
        Assert.Equal(75_000, f.Evaluate(new Dictionary<string, double> { ["x"] = 1, ["y"] = 1 }));
        Assert.Equal(sum, f.Canonical);
    }

    [Fact]
    public void AFlatProductOfManyFactorsKeepsItsValueAndForm()
    {
        string product = string.Join("*", Enumerable.Repeat("x", 50_000)) + "/x";
        Expression f = Expression.Parse(product);
        Assert.Equal(1, f.Evaluate(new Dictionary<string, double> { ["x"] = 1 }));
        Assert.Equal(product, f.Canonical);
    }

    [Fact]
    public void NestingUpToTheLimitWorks()
    {
        int depth = 200;
        Expression f = Expression.Parse(Repeat("(", depth) + "x + 1" + Repeat(")", depth) + "^2");
        Assert.Equal(9, f.Evaluate(new Dictionary<string, double> { ["x"] = 2 }));
    }

    [Theory]
    [InlineData("1e999", "the number 1e999 is too large")]
    [InlineData("x + 1e400", "the number 1e400 is too large")]
    public void NumbersThatOverflowAreErrorsNotInfinity(string text, string fragment) =>
        Assert.Contains(fragment, Assert.Throws<ParseException>(() => Expression.Parse(text)).Message);

    [Fact]
    public void AHundredThousandDigitNumberIsAnErrorWithAShortMessage()
    {
        var e = Assert.Throws<ParseException>(() => Expression.Parse(new string('9', 100_000)));
        Assert.Contains("is too large", e.Message);
        Assert.True(e.Display().Length < 400);
    }

    [Fact]
    public void ControlCharactersAreNeverEchoed()
    {
        CliResult r = CliRunner.Run("minimize", "x\u001b[31m + \u0007y", "--from", "x=1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("U+001B", r.Error);
        Assert.DoesNotContain('\u001b', r.Error);
        Assert.DoesNotContain('\u0007', r.Error);
    }
}
