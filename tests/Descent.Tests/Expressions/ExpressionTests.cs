using Descent.Expressions;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Tests.Expressions;

public class ExpressionTests
{
    private static double At(string text, params (string Name, double Value)[] point) =>
        Expression.Parse(text).Evaluate(point.ToDictionary(p => p.Name, p => p.Value));

    [Theory]
    [InlineData("x^2 + 4*x + 1", 2, 0, 13)]
    [InlineData("-x^2", 3, 0, -9)]
    [InlineData("(-x)^2", 3, 0, 9)]
    [InlineData("2^3^2", 0, 0, 512)]
    [InlineData("2**3**2", 0, 0, 512)]
    [InlineData("2^-1", 0, 0, 0.5)]
    [InlineData("x - y - 1", 5, 2, 2)]
    [InlineData("x / y / 2", 8, 2, 2)]
    [InlineData("-x*-y", 2, 3, 6)]
    [InlineData("1e-3 * x", 2, 0, 0.002)]
    [InlineData(".5 + x", 1, 0, 1.5)]
    [InlineData("+x", 4, 0, 4)]
    [InlineData("--x", 4, 0, 4)]
    [InlineData("(1 - x)^2 + 100*(y - x^2)^2", 1, 1, 0)]
    [InlineData("(1 - x)^2 + 100*(y - x^2)^2", -1.5, 2, 12.5)]
    [InlineData("sigmoid(x)", 0, 0, 0.5)]
    [InlineData("sqrt(x) + abs(y)", 9, -2, 5)]
    [InlineData("e^x", 1, 0, Math.E)]
    [InlineData("cos(pi)", 0, 0, -1)]
    [InlineData("relu(x) + relu(y)", -1, 2, 2)]
    [InlineData("theta_1 * 2", 0, 0, 0)]
    public void EvaluatesWithPrecedenceAndAssociativity(string text, double x, double y, double expected)
    {
        var f = Expression.Parse(text);
        var point = new Dictionary<string, double>();
        foreach (string v in f.Variables) point[v] = v == "y" ? y : x;
        Assert.Equal(expected, f.Evaluate(point), 12);
    }

    [Fact]
    public void VariablesAreListedInOrderOfFirstAppearanceWithoutFunctionsOrConstants()
    {
        Assert.Equal(["y", "x", "z"], Expression.Parse("sin(y) * x + e*y + pi + z^x").Variables);
        Assert.Empty(Expression.Parse("2 + pi").Variables);
    }

    [Theory]
    [InlineData("x^2 + 4*x + 1")]
    [InlineData("(1 - x)^2 + 100*(y - x^2)^2")]
    [InlineData("sin(x)*cos(y) + 0.1*(x^2 + y^2)")]
    [InlineData("log(1 + exp(x)) + sqrt(1 + x^2 + y^2)")]
    [InlineData("tanh(x - y)^2 + abs(y)^1.5 / (2 + x^2)")]
    [InlineData("2^x - x/(1 + y) - -y^3")]
    [InlineData("(x - y) - (x - y)")]
    public void TheTutorialsAndIssuesFunctionsHaveExactGradients(string text)
    {
        // Autodiff gradient against central differences in double at an arbitrary point.
        var f = Expression.Parse(text);
        double[] point = [0.7, -0.4];
        string[] vars = [.. f.Variables];
        var p = Tensor<double>.FromArray(point.AsSpan(0, vars.Length)).RequireGrad();
        var bindings = new Dictionary<string, Tensor<double>>();
        for (int i = 0; i < vars.Length; i++) bindings[vars[i]] = p.Index(i);
        Tensor<double> value = f.Evaluate(bindings);
        value.Backward();
        for (int i = 0; i < vars.Length; i++)
        {
            double Shifted(double h)
            {
                var q = vars.ToDictionary(v => v, v => point[Array.IndexOf(vars, v)]);
                q[vars[i]] += h;
                return f.Evaluate(q);
            }
            double numeric = (Shifted(1e-6) - Shifted(-1e-6)) / 2e-6;
            Assert.True(Math.Abs(p.Grad![i] - numeric) <= 1e-6 + 1e-6 * Math.Abs(numeric),
                $"{text}: d/d{vars[i]} = {p.Grad[i]}, finite differences {numeric}");
        }
    }

    [Fact]
    public void AConstantFunctionEvaluatesToAScalarWithoutGraph()
    {
        var value = Expression.Parse("2*pi + sin(0)").Evaluate(new Dictionary<string, Tensor<float>>());
        Assert.Equal(0, value.Rank);
        Assert.False(value.RequiresGrad);
        Assert.Equal((float)(2 * Math.PI), value.Item());
    }

    [Fact]
    public void EvaluatesOverWholeGridsByBroadcasting()
    {
        var f = Expression.Parse("x^2 + y");
        var xs = Tensor<double>.FromArray([1.0, 2.0, 3.0], 1, 3);
        var ys = Tensor<double>.FromArray([10.0, 20.0], 2, 1);
        var grid = f.Evaluate(new Dictionary<string, Tensor<double>> { ["x"] = xs, ["y"] = ys });
        Assert.Equal([2, 3], grid.Shape.ToArray());
        Assert.Equal([11.0, 14, 19, 21, 24, 29], grid.ToArray());
    }

    [Fact]
    public void AMissingBindingIsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => At("x + y", ("x", 1)));
        Assert.Contains("'y'", e.Message);
    }

    [Theory]
    [InlineData("x^^2", 3, "expected a number, a variable, a function or '('")]
    [InlineData("sin(x", 6, "expected ')' to close the '(' at column 4, but found end of input")]
    [InlineData("2 +", 4, "end of input")]
    [InlineData("foo(x)", 1, "unknown function 'foo'")]
    [InlineData("son(x)", 1, "did you mean 'sin'?")]
    [InlineData("x $ y", 3, "unexpected character '$'")]
    [InlineData("", 1, "empty expression")]
    [InlineData("   ", 1, "empty expression")]
    [InlineData("2x", 2, "missing operator before 'x'")]
    [InlineData("sin x", 5, "needs its argument in parentheses")]
    [InlineData("pi(2)", 1, "'pi' is a constant, not a function")]
    [InlineData("(x + 1))", 8, "unmatched ')'")]
    [InlineData("((x)", 5, "expected ')'")]
    [InlineData("sin(x, y)", 6, "takes one argument")]
    [InlineData("sin()", 5, "needs an argument")]
    [InlineData("()", 2, "empty parentheses")]
    [InlineData("x = 2", 3, "unexpected '='")]
    [InlineData("1e+", 2, "malformed number")]
    [InlineData("x * / y", 5, "expected a number")]
    public void BadInputNamesTheProblemAndItsColumn(string text, int column, string fragment)
    {
        var e = Assert.Throws<ParseException>(() => Expression.Parse(text));
        Assert.Equal(column, e.Column);
        Assert.Contains(fragment, e.Message);
        Assert.EndsWith($"at column {column}", e.Message);
        string[] lines = e.Display().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Equal(column - 1 + 2, lines[2].IndexOf('^'));
    }

    [Fact]
    public void RandomTextOnlyEverFailsWithAParseException()
    {
        // Fuzz: any text either parses or raises ParseException, never another exception.
        const string alphabet = "xy12.e+-*/^()sincoexplgqrtabh, $";
        var random = new Random(7);
        for (int n = 0; n < 20000; n++)
        {
            var chars = new char[random.Next(0, 14)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            string text = new(chars);
            try
            {
                var f = Expression.Parse(text);
                f.Evaluate(f.Variables.ToDictionary(v => v, _ => 0.5));
            }
            catch (ParseException) { }
        }
    }

    [Theory]
    [InlineData("x^2 + 4*x + 1", "x^2 + 4*x + 1")]
    [InlineData("-(x^2)", "-x^2")]
    [InlineData("(-x)^2", "(-x)^2")]
    [InlineData("x - (y - 1)", "x - (y - 1)")]
    [InlineData("(x - y) - 1", "x - y - 1")]
    [InlineData("2^(3^x)", "2^3^x")]
    [InlineData("(2^3)^x", "(2^3)^x")]
    [InlineData("x / (y * 2)", "x/(y*2)")]
    [InlineData("2 ** -x", "2^-x")]
    public void CanonicalFormKeepsOnlyTheParenthesesPrecedenceNeeds(string text, string canonical)
    {
        Assert.Equal(canonical, Expression.Parse(text).Canonical);
        // The canonical form means the same function.
        var a = Expression.Parse(text);
        var b = Expression.Parse(canonical);
        var point = a.Variables.ToDictionary(v => v, v => v == "x" ? 0.3 : 1.7);
        Assert.Equal(a.Evaluate(point), b.Evaluate(point));
    }
}
