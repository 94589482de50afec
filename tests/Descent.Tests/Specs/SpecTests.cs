using Descent.Specs;

namespace Descent.Tests.Specs;

public class SpecTests
{
    [Fact]
    public void ParsesNumbersBooleansTuplesStringsAndBareWords()
    {
        Spec s = Spec.Parse("adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true, eps=1e-8, weight_decay=-1, fn=\"strong_wolfe\", act=tanh, none_arg=None)");
        Assert.Equal("adam", s.Name);
        Assert.Equal(["lr", "betas", "amsgrad", "eps", "weight_decay", "fn", "act", "none_arg"], s.Arguments.Select(a => a.Key));
        Assert.Equal(0.05, Assert.IsType<SpecValue.Number>(s.Arguments[0].Value).Value);
        var betas = Assert.IsType<SpecValue.Tuple>(s.Arguments[1].Value);
        Assert.Equal([0.8, 0.99], betas.Items.Cast<SpecValue.Number>().Select(n => n.Value));
        Assert.True(Assert.IsType<SpecValue.Boolean>(s.Arguments[2].Value).Value);
        Assert.Equal(1e-8, ((SpecValue.Number)s.Arguments[3].Value).Value);
        Assert.Equal(-1, ((SpecValue.Number)s.Arguments[4].Value).Value);
        Assert.Equal("strong_wolfe", ((SpecValue.Text)s.Arguments[5].Value).Value);
        Assert.Equal("tanh", ((SpecValue.Text)s.Arguments[6].Value).Value);
        Assert.IsType<SpecValue.None>(s.Arguments[7].Value);
    }

    [Theory]
    [InlineData("adadelta", "adadelta")]
    [InlineData("adadelta()", "adadelta")]
    [InlineData("mlp(hidden=(64, 64), activation=tanh)", "mlp(hidden=(64, 64), activation=tanh)")]
    [InlineData("  sgd( lr = 0.1 )  ", "sgd(lr=0.1)")]
    public void CanonicalForm(string text, string canonical) => Assert.Equal(canonical, Spec.Parse(text).ToString());

    [Fact]
    public void ParsesAListSeparatedBySemicolons()
    {
        var specs = Spec.ParseList("sgd(lr=0.01); momentum(lr=0.01);adadelta();");
        Assert.Equal(["sgd", "momentum", "adadelta"], specs.Select(s => s.Name));
        Assert.Equal("momentum(lr=0.01)", specs[1].Text);
    }

    [Theory]
    [InlineData("", "empty spec", 1)]
    [InlineData("sgd(lr=)", "expected a value", 8)]
    [InlineData("sgd(lr=0.1", "expected ')'", 11)]
    [InlineData("sgd(0.1)", "hyperparameter name", 5)]
    [InlineData("sgd(lr 0.1)", "expected '='", 8)]
    [InlineData("sgd(lr=0.1, lr=0.2)", "given twice", 13)]
    [InlineData("sgd(lr=0.1) adam", "unexpected 'adam'", 13)]
    [InlineData("sgd(lr=0.1); adam", "only one spec", 12)]
    [InlineData("sgd(lr=0.1 momentum=0.9)", "expected ',' or ')'", 12)]
    [InlineData("sgd(lr=$)", "unexpected character '$'", 8)]
    [InlineData("sgd(betas=(0.9, 0.99)", "expected ')'", 22)]
    [InlineData("sgd(lr=\"abc)", "unterminated string", 8)]
    [InlineData("(lr=0.1)", "expected a name", 1)]
    public void BadSpecsNameTheProblemAndColumn(string text, string problem, int column)
    {
        var e = Assert.Throws<ParseException>(() => Spec.Parse(text));
        Assert.Contains(problem, e.Message);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void SpecsNestInsideSpecsAndTuples()
    {
        Spec s = Spec.Parse("lookahead(optimizer=adam(lr=0.05, betas=(0.8, 0.9)), k=5, schedules=(linear_lr(start_factor=0.1), cosine(t_max=10)))");
        var inner = Assert.IsType<SpecValue.Nested>(s.Arguments[0].Value).Spec;
        Assert.Equal("adam(lr=0.05, betas=(0.8, 0.9))", inner.ToString());
        Assert.Equal(21, s.Arguments[0].Value.Column);
        var list = Assert.IsType<SpecValue.Tuple>(s.Arguments[2].Value);
        Assert.Equal(["linear_lr", "cosine"], list.Items.Cast<SpecValue.Nested>().Select(n => n.Spec.Name));
        Assert.Equal(s.ToString(), Spec.Parse(s.ToString()).ToString());
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(60_000)]
    public void DeepNestingIsAClearErrorNotAStackOverflow(int depth)
    {
        var tuple = Assert.Throws<ParseException>(() => Spec.Parse("sgd(lr=" + new string('(', depth) + "1" + new string(')', depth) + ")"));
        Assert.Contains($"nesting deeper than {64} levels", tuple.Message);
        string nested = string.Concat(Enumerable.Repeat("a(b=", depth)) + "1" + new string(')', depth);
        Assert.Contains("nesting deeper than", Assert.Throws<ParseException>(() => Spec.Parse(nested)).Message);
    }

    [Fact]
    public void NestingUpToTheLimitParses() =>
        Assert.Equal("sgd(lr=" + new string('(', 63) + "1" + new string(')', 63) + ")",
            Spec.Parse("sgd(lr=" + new string('(', 63) + "1" + new string(')', 63) + ")").ToString());

    [Theory]
    [InlineData("adagrad(lr=inf)", "adagrad(lr=inf)")]
    [InlineData("sgd(lr=-Infinity)", "sgd(lr=-inf)")]
    [InlineData("sgd(lr=nan)", "sgd(lr=nan)")]
    public void NonFiniteNumbersPrintAsTheyParse(string text, string printed)
    {
        Assert.Equal(printed, Spec.Parse(text).ToString());
        Assert.Equal(printed, Spec.Parse(printed).ToString());
    }

    [Fact]
    public void AnInfiniteHyperparameterPrintsASpecThatParsesBack()
    {
        var options = Descent.Optimizers.OptimizerCatalog.Parse("adagrad(lr=inf)");
        Assert.Equal("adagrad(lr=inf)", options.ToSpec());
        Assert.Equal(options, Descent.Optimizers.OptimizerCatalog.Parse(options.ToSpec()));
    }

    [Theory]
    [InlineData("sgd(lr=0.1)", 26, "sgd(lr=0.1)")]
    [InlineData("sgd(lr=0.001, momentum=0.9)", 26, "sgd(lr=0.001,\nmomentum=0.9)")]
    [InlineData("adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true)", 26, "adam(lr=0.05,\nbetas=(0.8, 0.99),\namsgrad=true)")]
    [InlineData("lookahead(optimizer=adam(lr=0.05), k=6, alpha=0.4)", 26, "lookahead(optimizer=adam(\nlr=0.05), k=6, alpha=0.4)")]
    [InlineData("schedulefreeadamw(lr=0.0025, weight_decay=0.01)", 26, "schedulefreeadamw(\nlr=0.0025,\nweight_decay=0.01)")]
    [InlineData("averyveryverylongoptimizername(lr=0.1)", 10, "averyveryverylongoptimizername(\nlr=0.1)")]
    [InlineData("lbfgs(lr=1, line_search_fn=\"strong, wolfe\")", 16, "lbfgs(lr=1,\nline_search_fn=\n\"strong, wolfe\")")]
    public void SpecsWrapBetweenArgumentsNeverInsideANameOrANumber(string spec, int width, string expected) =>
        Assert.Equal(expected, SpecFormat.Wrap(spec, width));
}
