using System.Numerics;
using Descent.Optimizers;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Tests.Optimizers;

/// <summary>Behaviour every optimizer shares, run over <see cref="OptimizerTable"/>.</summary>
public class OptimizerBehaviourTests
{
    public static TheoryData<string> Specs() => OptimizerTable.All();

    public static TheoryData<string, string> Defaults()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, spec) in OptimizerTable.PyTorchDefaults) data.Add(name, spec);
        return data;
    }

    public static TheoryData<string, string> Invalid()
    {
        var data = new TheoryData<string, string>();
        foreach (var (spec, message) in OptimizerTable.Invalid) data.Add(spec, message);
        return data;
    }

    [Fact]
    public void TheCatalogHasEveryTorchOptimOptimizerAndTheTutorialsMomentum()
    {
        Assert.Equal(
            ["sgd", "momentum", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "radam", "asgd", "rprop", "lbfgs"],
            OptimizerCatalog.All.Where(o => o.Defaults.Reference == "PyTorch 1.13").Select(o => o.Name));
        Assert.All(OptimizerCatalog.All.Where(o => o.Defaults.Reference != "PyTorch 1.13"), o => Assert.NotNull(o.Defaults.Paper));
        Assert.All(OptimizerCatalog.All, o => Assert.False(string.IsNullOrWhiteSpace(o.Defaults.UpdateRule)));
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void DefaultsArePyTorch113s(string name, string fullSpec) =>
        Assert.Equal(fullSpec, OptimizerCatalog.Find(name).Defaults.ToSpec(full: true));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidHyperparametersAreRejectedNamingTheValueAndWhatIsAllowed(string spec, string message)
    {
        var e = Assert.Throws<HyperparameterException>(() => OptimizerCatalog.Parse(spec));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void SpecsRoundTripThroughTheirText(string spec)
    {
        OptimizerOptions options = OptimizerCatalog.Parse(spec);
        Assert.Equal(options, OptimizerCatalog.Parse(options.ToSpec()));
        Assert.Equal(options, OptimizerCatalog.Parse(options.ToSpec(full: true)));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void SavingAndLoadingStateContinuesBitForBit(string spec)
    {
        RoundTrip<float>(spec);
        RoundTrip<double>(spec);
    }

    private static void RoundTrip<T>(string spec) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerOptions options = OptimizerCatalog.Parse(spec);
        var (straight, straightOptimizer) = Model<T>(options);
        for (int i = 0; i < 20; i++) Step(straightOptimizer, straight);

        var (first, firstOptimizer) = Model<T>(options);
        for (int i = 0; i < 10; i++) Step(firstOptimizer, first);
        using var saved = new MemoryStream();
        firstOptimizer.SaveState(saved);

        // A fresh model with the same values, a fresh optimizer, the saved state.
        var (second, secondOptimizer) = Model<T>(options);
        for (int i = 0; i < first.Length; i++) first[i].Data.CopyTo(second[i].Data);
        saved.Position = 0;
        secondOptimizer.LoadState(saved);
        for (int i = 0; i < 10; i++) Step(secondOptimizer, second);

        for (int i = 0; i < straight.Length; i++)
            Assert.Equal(straight[i].ToArray(), second[i].ToArray());
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryOptimizerDecreasesASmoothLoss(string spec)
    {
        OptimizerOptions options = OptimizerCatalog.Parse(spec);
        var (parameters, optimizer) = Model<double>(options);
        double start = Loss(parameters).Item();
        for (int i = 0; i < 30; i++) Step(optimizer, parameters);
        double end = Loss(parameters).Item();
        Assert.True(end < start, $"{spec}: loss went from {start} to {end}");
    }

    [Fact]
    public void LoadingAnotherOptimizersStateIsAClearErrorAndChangesNothing()
    {
        var (a, adam) = Model<double>(OptimizerCatalog.Parse("adam(lr=0.05)"));
        Step(adam, a);
        using var saved = new MemoryStream();
        adam.SaveState(saved);
        saved.Position = 0;
        var (b, sgd) = Model<double>(OptimizerCatalog.Parse("sgd(lr=0.1)"));
        var e = Assert.Throws<InputException>(() => sgd.LoadState(saved));
        Assert.Contains("it holds adam state, not sgd", e.Message);
        Assert.False(sgd.HasState(b[0]));
        var e2 = Assert.Throws<InputException>(() => adam.LoadState(new MemoryStream("{ not json"u8.ToArray())));
        Assert.Contains("not valid JSON", e2.Message);
    }

    [Fact]
    public void LbfgsNeedsAClosureAndOneGroup()
    {
        var (p, lbfgs) = Model<double>(OptimizerCatalog.Parse("lbfgs()"));
        Assert.Throws<ArgumentNullException>(() => lbfgs.Step());
        Assert.Throws<InvalidOperationException>(() => ((Lbfgs<double>)lbfgs).AddParamGroup([Tensor<double>.Zeros(2).RequireGrad()]));
        // Through the base type too: the refusal overrides, it does not hide.
        Assert.Throws<InvalidOperationException>(() => lbfgs.AddParamGroup([Tensor<double>.Zeros(2).RequireGrad()]));
        Assert.Throws<InvalidOperationException>(() => lbfgs.AddParamGroup([Tensor<double>.Zeros(2).RequireGrad()], new LbfgsOptions()));
        Assert.Single(lbfgs.ParamGroups);
    }

    /// <summary>Two parameter tensors and a smooth, non-quadratic loss over them.</summary>
    internal static (Tensor<T>[] Parameters, Optimizer<T> Optimizer) Model<T>(OptimizerOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T>[] parameters =
        [
            Tensor<T>.FromArray([.. new[] { 0.5, -1.0, 1.5, 2.0, -0.5, 0.25 }.Select(T.CreateChecked)], 3, 2).RequireGrad(),
            Tensor<T>.FromArray([.. new[] { 1.0, -2.0 }.Select(T.CreateChecked)]).RequireGrad(),
        ];
        return (parameters, options.Create(parameters));
    }

    private static Tensor<T> Loss<T>(Tensor<T>[] p) where T : unmanaged, IFloatingPointIeee754<T> =>
        ((p[0] - T.CreateChecked(0.3)).Square() * (p[0].Sin() * T.CreateChecked(0.5) + T.One)).Sum()
        + (p[1].Pow(T.CreateChecked(4)) * T.CreateChecked(0.1) + p[1].Square()).Sum();

    internal static void Step<T>(Optimizer<T> optimizer, Tensor<T>[] parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double Closure()
        {
            optimizer.ZeroGrad();
            Tensor<T> loss = Loss(parameters);
            loss.Backward();
            return double.CreateChecked(loss.Item());
        }
        Closure();
        optimizer.Step(optimizer is Lbfgs<T> ? Closure : null);
    }
}

public class FusedUpdateTests
{
    [Theory]
    [InlineData("adam(lr=0.05, amsgrad=true, weight_decay=0.1)")]
    [InlineData("sgd(lr=0.1, momentum=0.9, nesterov=true)")]
    [InlineData("rmsprop(lr=0.01, centered=true, momentum=0.5)")]
    [InlineData("rprop()")]
    public void ALargeTensorSplitAcrossCoresGetsTheSameValuesAsElementByElement(string spec)
    {
        // 300,007 elements: above the parallel threshold, not a multiple of the vector width.
        const int n = 300_007;
        var random = new Random(3);
        float[] start = [.. Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f)];
        float[][] grads = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())];
        var options = OptimizerCatalog.Parse(spec);

        var big = Tensor<float>.FromArray(start).RequireGrad();
        var bigOptimizer = options.Create([big]);
        foreach (float[] g in grads)
        {
            big.Grad = Tensor<float>.FromArray(g);
            bigOptimizer.Step();
        }

        // Every 997th element on its own, as a one-element parameter.
        for (int i = 0; i < n; i += 997)
        {
            var one = Tensor<float>.FromArray([start[i]]).RequireGrad();
            var optimizer = options.Create([one]);
            foreach (float[] g in grads)
            {
                one.Grad = Tensor<float>.FromArray([g[i]]);
                optimizer.Step();
            }
            Assert.Equal(one.Data[0], big.Data[i]);
        }
    }
}
