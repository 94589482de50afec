using Descent.Expressions;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Tests.Expressions;

/// <summary>Sums over index ranges and vector variables: evaluated on whole ranges at once, checked term by term.</summary>
public class SumTests
{
    /// <summary>Functions with sums, the length of each vector, and the sizes given (the rest inferred).</summary>
    public static TheoryData<string, string, string> Functions => new()
    {
        { "sum(i, 1, n, (x[i] - i)^2)", "x=5", "" },
        { "sum(i, 1, n - 1, 100*(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2)", "x=6", "" },
        { "sum(i, 1, n, sum(j, 1, n, x[i]*x[j]/(i + j)))", "x=4", "" },
        { "a * sum(i, 1, n, x[n - i + 1] * i) + a^2", "x=5", "" },
        { "sum(i, 1, 3, x[2*i]^2)", "x=6", "" },
        { "sum(i, 2, 1, x[i]) + x[1]*x[2] + x[3]^3", "x=3", "" },
        { "sum(i, 1, n, sum(j, 1, 2, sin(x[i])))", "x=4", "" },
        { "sum(i, 1, n, sum(j, 1, m, y[j]*x[i]^2))", "x=4,y=3", "n=4,m=3" },
        { "sum(i, 1, n, sum(j, 1, m, y[j]^2))", "x=4,y=3", "n=4,m=3" },
        { "sum(i, 1, n, exp(x[i]) * y[i]) / n + log(1 + sum(k, 1, n, x[k]^2))", "x=3,y=3", "" },
        { "sum(i, 1, n, sum(j, 1, n, sum(k, 1, 2, x[i] * x[j] * k)))", "x=3", "" },
    };

    private static (Expression F, Dictionary<string, int> Lengths, Dictionary<string, int> Sizes) Setup(string text, string lengths, string sizes)
    {
        static Dictionary<string, int> Pairs(string s) => s.Length == 0 ? [] : s.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]));
        return (Expression.Parse(text), Pairs(lengths), Pairs(sizes));
    }

    /// <summary>The variables as a minimization lays them out (x[1], x[2], ... for a vector), with a value for each.</summary>
    private static (List<string> Names, double[] Point) Layout(Expression f, Dictionary<string, int> lengths)
    {
        var names = new List<string>();
        foreach (string v in f.Variables)
            if (lengths.TryGetValue(v, out int m)) names.AddRange(Enumerable.Range(1, m).Select(k => Expression.ElementName(v, k)));
            else names.Add(v);
        return (names, [.. names.Select((_, k) => 0.3 + 0.17 * Math.Sin(3.1 * k + 1))]);
    }

    private static (double Value, double[] Gradient) Vectorised(Expression f, Dictionary<string, int> lengths, Dictionary<string, int> sizes, double[] point, bool backward = true)
    {
        var parameter = Tensor<double>.FromArray(point).RequireGrad(backward);
        var bindings = new Dictionary<string, Tensor<double>>();
        int at = 0;
        foreach (string v in f.Variables)
        {
            bindings[v] = lengths.TryGetValue(v, out int m) ? parameter.Rows(at, m) : parameter.Index(at);
            at += lengths.TryGetValue(v, out int n) ? n : 1;
        }
        Tensor<double> value = f.Evaluate(bindings, sizes);
        if (!backward) return (value.Item(), []);
        value.Backward();
        return (value.Item(), parameter.Grad!.ToArray());
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void VectorisedSumsMatchTermByTermSumsAndFiniteDifferences(string text, string lengths, string sizes)
    {
        var (f, m, given) = Setup(text, lengths, sizes);
        var (names, point) = Layout(f, m);
        var (value, gradient) = Vectorised(f, m, given, point);
        // The dual tape adds the terms one by one, in scalars: an independent evaluation of the same function.
        var (termValue, termGradient, _, _) = DualTape.Run(f.Root, names, point, new double[point.Length], f.ResolveSizes(given, m));
        Assert.Equal(termValue, value, 1e-12 * Math.Max(1, Math.Abs(value)));
        for (int k = 0; k < point.Length; k++)
        {
            Assert.Equal(termGradient[k], gradient[k], 1e-12 * Math.Max(1, Math.Abs(gradient[k])));
            double Shifted(double h)
            {
                double[] q = (double[])point.Clone();
                q[k] += h;
                return Vectorised(f, m, given, q, backward: false).Value;
            }
            double numeric = (Shifted(1e-6) - Shifted(-1e-6)) / 2e-6;
            Assert.True(Math.Abs(gradient[k] - numeric) <= 1e-6 + 1e-6 * Math.Abs(numeric), $"{text}: d/d{names[k]} = {gradient[k]}, central differences {numeric}");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void WrittenOutTermByTermTheFunctionKeepsItsValues(string text, string lengths, string sizes)
    {
        var (f, m, given) = Setup(text, lengths, sizes);
        var (names, point) = Layout(f, m);
        Expression unrolled = f.Unrolled(m, given);
        Assert.Empty(unrolled.Vectors);
        Assert.Subset(names.ToHashSet(), unrolled.Variables.ToHashSet());
        Assert.Equal(text, unrolled.Text);
        double value = unrolled.Evaluate(names.Select((v, k) => (v, point[k])).Where(p => unrolled.Variables.Contains(p.v)).ToDictionary(p => p.v, p => p.Item2));
        Assert.Equal(Vectorised(f, m, given, point, backward: false).Value, value, 1e-12 * Math.Max(1, Math.Abs(value)));
    }

    [Theory]
    [InlineData("sum(i, 1, n, (x[i] - i)^2)", 0, 1 + 4 + 9)]
    [InlineData("sum(i, 1, n, i) + 0*x[1]", 0, 6)]
    [InlineData("sum(i, 1, 2, 5)", 0, 10)]
    [InlineData("sum(i, 3, 2, x[i])", 0, 0)]
    [InlineData("sum(i, 1, n, x[i]) * n", 1, 9)]
    [InlineData("x[n] - x[1] + sum(i, 1, n, 0)", 2, 0)]
    public void SumsAddTheirTerms(string text, double fill, double expected)
    {
        var x = Tensor<double>.Full(fill, 3);
        Assert.Equal(expected, Expression.Parse(text).Evaluate(new Dictionary<string, Tensor<double>> { ["x"] = x }).Item(), 12);
    }

    [Fact]
    public void NamesAreSortedIntoVariablesVectorsAndSizes()
    {
        var f = Expression.Parse("a*n + sum(i, 1, n, (x[i] - b)^2) + sum(j, 1, m, y[j])");
        Assert.Equal(["a", "x", "b", "y"], f.Variables);
        Assert.Equal(["x", "y"], f.Vectors);
        Assert.Equal(["n", "m"], f.Sizes);
        Assert.Equal("a*n + sum(i, 1, n, (x[i] - b)^2) + sum(j, 1, m, y[j])", f.Canonical);
    }

    [Theory]
    [InlineData("sum(i, 1, n, x[j])", "unknown index 'j'", 16)]
    [InlineData("sum(i, 1, n, x[y])", "unknown index 'y'", 16)]
    [InlineData("x[k]", "unknown index 'k'", 3)]
    [InlineData("x[n]", "unknown index 'n'", 3)]
    [InlineData("sum(i, 1, n, x[i]) + x", "'x' is a vector (indexed at column 14)", 22)]
    [InlineData("sum(i, 1, i, x[i])", "not the index 'i' of the sum", 11)]
    [InlineData("sum(i, 1, n, sum(j, 1, i, x[j]))", "not the index 'i' of an enclosing sum", 24)]
    [InlineData("sum(1, 1, n, x[1])", "expected the name of the sum's index", 5)]
    [InlineData("sum(i, 1, n)", "expected ',' and the body", 12)]
    [InlineData("sum(i, 1)", "expected ',' and the last value of 'i'", 9)]
    [InlineData("sum(i, 1, n, x[i], 2)", "sum takes four arguments", 18)]
    [InlineData("sum(i, 1, n, x[i]", "expected ')' to close the '(' at column 4", 18)]
    [InlineData("x[1", "expected ']' to close the '[' at column 2", 4)]
    [InlineData("x[]", "needs an index", 3)]
    [InlineData("x]", "unmatched ']'", 2)]
    [InlineData("sum(i, 1, n, i[1])", "'i' is the index of the sum at column 1", 15)]
    [InlineData("sum(i, 1, n[1], x[i])", "cannot read a variable", 11)]
    [InlineData("x[y[1]]", "cannot read a variable", 3)]
    [InlineData("sum(sin, 1, 2, 1)", "'sin' is already a name", 5)]
    [InlineData("a + sum(a, 1, 2, 1)", "'a' is already a name", 9)]
    [InlineData("sum(i, 1, n, sum(i, 1, n, x[i]))", "'i' is already a name", 18)]
    [InlineData("n[2] + sum(i, 1, n, 1)", "'n' is a size", 1)]
    public void ParseErrorsNameTheProblemAndItsColumn(string text, string problem, int column)
    {
        var e = Assert.Throws<ParseException>(() => Expression.Parse(text));
        Assert.Contains(problem, e.Problem);
        Assert.Equal(column, e.Column);
    }

    [Theory]
    [InlineData("sum(i, 1, n, x[i + 1])", "", "x[i + 1] reads position 4, outside 1..3 (x has 3 elements, counted from 1)", 14)]
    [InlineData("x[0]^2", "", "x[0] reads position 0, outside 1..3", 1)]
    [InlineData("sum(i, 1, n, x[i/2])", "", "x[i/2] reads position 0.5, not a whole number", 14)]
    [InlineData("sum(i, 1, n/2, x[i])", "", "the last value of the sum's index 'i' is 1.5, not a whole number", 1)]
    [InlineData("sum(i, 1, n, x[i])", "n=-1", "the size n = -1 is invalid: it must be 0 or more", 0)]
    [InlineData("sum(i, 1, n, x[i])", "m=2", "'m' is not a size of the function (its sizes are n; a size is a name in a sum's bounds)", 0)]
    [InlineData("sum(i, 1, m, x[i])", "m=4", "x[i] reads position 4, outside 1..3", 14)]
    [InlineData("sum(i, 1, 1e10, i) + x[1]", "", "the last value of the sum's index 'i' is 10000000000, beyond +-1e9", 1)]
    [InlineData("sum(i, -1e9, 1e9, i) + x[1]", "", "this sum would add 2,000,000,001 terms, more than the 50,000,000 evaluated at once", 1)]
    [InlineData("x[1] + sum(i, 1, 10000, sum(j, 1, 10000, i*j))", "", "this sum and the sums around it would add 100,000,000 terms, more than the 50,000,000 evaluated at once", 25)]
    public void EvaluationErrorsNameThePlace(string text, string sizes, string problem, int column)
    {
        var (f, _, given) = Setup(text, "", sizes);
        var e = Assert.ThrowsAny<InputException>(() => f.Evaluate(new Dictionary<string, Tensor<double>> { ["x"] = Tensor<double>.Zeros(3) }, given));
        Assert.Contains(problem, e.Message);
        if (column > 0) Assert.EndsWith($"at column {column}", e.Message);
    }

    [Fact]
    public void ASizeNeedsVectorsOfOneLengthOrAValue()
    {
        var f = Expression.Parse("sum(i, 1, n, x[i] + y[i])");
        var bindings = new Dictionary<string, Tensor<double>> { ["x"] = Tensor<double>.Zeros(3), ["y"] = Tensor<double>.Zeros(4) };
        var e = Assert.Throws<InputException>(() => f.Evaluate(bindings));
        Assert.Equal("the size 'n' has no value, and the vectors have different lengths (x: 3, y: 4): give it (e.g. n=3)", e.Message);
        Assert.Equal(0, f.Evaluate(bindings, new Dictionary<string, int> { ["n"] = 3 }).Item());
        Assert.Equal("the size 'n' has no value: give it (e.g. n=10), or a vector whose length it is",
            Assert.Throws<InputException>(() => Expression.Parse("sum(i, 1, n, i)").Evaluate(new Dictionary<string, Tensor<double>>())).Message);
    }

    [Fact]
    public void AGatherAddsTheGradientsOfRepeatedPositions()
    {
        // x[1] read by every term: a gather whose backward adds them all into one element.
        var x = Tensor<double>.FromArray([2.0, 5.0]).RequireGrad();
        Expression.Parse("sum(i, 1, 3, x[1 + 0*i] * i)").Evaluate(new Dictionary<string, Tensor<double>> { ["x"] = x }).Backward();
        Assert.Equal([6.0, 0.0], x.Grad!.ToArray());
    }
}
