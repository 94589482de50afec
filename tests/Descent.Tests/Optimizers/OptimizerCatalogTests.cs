using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Tests.Optimizers;

public class OptimizerCatalogTests
{
    [Fact]
    public void SgdDefaultsArePyTorchs()
    {
        var o = (SgdOptions)OptimizerCatalog.Parse("sgd(lr=0.1)");
        Assert.Equal(new SgdOptions { Lr = 0.1, Momentum = 0, Dampening = 0, WeightDecay = 0, Nesterov = false, Maximize = false }, o);
        Assert.Equal("sgd(lr=0.1, momentum=0, dampening=0, weight_decay=0, nesterov=false, maximize=false)", o.ToSpec(full: true));
        Assert.Equal("sgd(lr=0.1)", o.ToSpec());
    }

    [Fact]
    public void MomentumIsSgdWithMomentumPointNine()
    {
        var o = (SgdOptions)OptimizerCatalog.Parse("momentum(lr=0.01)");
        Assert.Equal(0.9, o.Momentum);
        Assert.Equal(0.01, o.Lr);
        Assert.Equal(0.5, ((SgdOptions)OptimizerCatalog.Parse("momentum(lr=0.01, momentum=0.5)")).Momentum);
    }

    [Theory]
    [InlineData("sgd(lr=-0.1)", "sgd: lr = -0.1 is invalid: it must be >= 0")]
    [InlineData("sgd(lr=0.1, momentum=-0.5)", "momentum = -0.5 is invalid")]
    [InlineData("sgd(lr=0.1, weight_decay=-1)", "weight_decay = -1 is invalid")]
    [InlineData("sgd(lr=0.1, nesterov=true)", "Nesterov momentum requires momentum > 0 and zero dampening")]
    [InlineData("sgd(lr=0.1, momentum=0.9, dampening=0.1, nesterov=true)", "zero dampening")]
    [InlineData("sgd", "lr is required")]
    [InlineData("sgd(lr=0.1, momentun=0.9)", "unknown hyperparameter 'momentun'; did you mean 'momentum'?")]
    [InlineData("sgd(lr=0.1, nesterov=1)", "nesterov = 1 has the wrong type: it must be true or false")]
    [InlineData("sgd(lr=(0.1, 0.2))", "lr = (0.1, 0.2) has the wrong type: it must be a number")]
    [InlineData("sgdd(lr=0.1)", "unknown optimizer 'sgdd'; did you mean 'sgd'?")]
    [InlineData("quux", "unknown optimizer 'quux' (known: ")]
    public void InvalidHyperparametersAreRejectedWithAClearMessage(string spec, string message)
    {
        var e = Assert.Throws<HyperparameterException>(() => OptimizerCatalog.Parse(spec));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void GroupsHaveTheirOwnHyperparametersAndLrCanChangeBetweenSteps()
    {
        var a = Descent.Tensors.Tensor<double>.FromArray([1.0]).RequireGrad();
        var b = Descent.Tensors.Tensor<double>.FromArray([1.0]).RequireGrad();
        var opt = new Sgd<double>([a], new SgdOptions { Lr = 0.1 });
        opt.AddParamGroup([b], new SgdOptions { Lr = 0.5 });
        a.Grad = Descent.Tensors.Tensor<double>.FromArray([1.0]);
        b.Grad = Descent.Tensors.Tensor<double>.FromArray([1.0]);
        opt.Step();
        Assert.Equal(0.9, a.Data[0], 1e-15);
        Assert.Equal(0.5, b.Data[0], 1e-15);
        opt.ParamGroups[0].Lr = 0.2;
        opt.Step();
        Assert.Equal(0.7, a.Data[0], 1e-15);
        Assert.Throws<HyperparameterException>(() => opt.ParamGroups[1].Lr = -1);
        Assert.Throws<ArgumentException>(() => opt.AddParamGroup([a]));
    }
}
