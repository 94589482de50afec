using Descent.Data;
using Descent.Nn;
using Descent.Tensors;

namespace Descent.Tests.Nn;

public class ModelRunnerTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "linear", "mse" },
        { "linear", "l1" },
        { "linear", "huber(delta=0.3)" },
        { "mlp(hidden=(5, 3), activation=tanh)", "mse" },
        { "mlp(hidden=(9,), activation=relu)", "huber" },
        { "mlp(hidden=(4, 4), activation=sigmoid)", "bce_with_logits" },
        { "mlp(hidden=(6,), activation=tanh)", "cross_entropy" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLayerWiseBackwardMatchesTheAutodiffGraph(string modelSpec, string lossSpec)
    {
        var loss = LossCatalog.Parse(lossSpec);
        var random = new TorchGenerator(5);
        int rows = 13, inputs = 3;
        var x = Tensor<double>.FromArray([.. Enumerable.Range(0, rows * inputs).Select(_ => random.UniformDouble() * 2 - 1)], rows, inputs);
        int targetColumns = lossSpec == "cross_entropy" ? 1 : 2;
        var y = Tensor<double>.FromArray([.. Enumerable.Range(0, rows * targetColumns).Select(i =>
            lossSpec switch { "cross_entropy" => i % 3, "bce_with_logits" => random.UniformDouble(), _ => random.UniformDouble() * 4 - 2 })], rows, targetColumns);
        int outputs = loss.ModelOutputs<double>(targetColumns, y.Data);
        Module<double> model = ModelCatalog.Parse(modelSpec).Build<double>(inputs, outputs, random);

        // The graph.
        Tensor<double> graphLoss = loss.Forward(model.Forward(x), y);
        graphLoss.Backward();
        double[][] graphGrads = [.. model.Parameters.Select(p => p.Grad!.ToArray())];

        // The runner, on a copy with the same weights.
        Module<double> copy = model.Clone();
        var runner = new ModelRunner<double>(copy, inputs, 16);
        double runnerLoss = runner.TrainBatch(x, y, loss);

        Assert.Equal(graphLoss.Item(), runnerLoss, 1e-12);
        for (int i = 0; i < graphGrads.Length; i++)
        {
            double[] expected = graphGrads[i], actual = copy.Parameters[i].Grad!.ToArray();
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-12 + 1e-10 * Math.Abs(expected[j]),
                    $"{modelSpec}, {lossSpec}: parameter {i}[{j}] graph {expected[j]}, runner {actual[j]}");
        }
        Assert.Equal(model.Forward(x).ToArray(), runner.Predict(x).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void LinearInitialisationIsPyTorchsUniformRange()
    {
        var layer = new Linear<float>(16, 300, new TorchGenerator(1));
        float bound = 1 / MathF.Sqrt(16);
        Assert.All(layer.Weight.ToArray(), w => Assert.InRange(w, -bound, bound));
        Assert.All(layer.Bias.ToArray(), b => Assert.InRange(b, -bound, bound));
        Assert.True(layer.Weight.ToArray().Max() > 0.9 * bound && layer.Weight.ToArray().Min() < -0.9 * bound);
        Assert.Equal([300, 16], layer.Weight.Shape.ToArray());
    }

    [Theory]
    [InlineData("mlp(hidden=(0,))", "mlp: hidden = (0,) is invalid")]
    [InlineData("mlp(activation=swish)", "mlp: activation = swish is invalid: it must be one of relu, tanh, sigmoid")]
    [InlineData("mlp(activation=rleu)", "did you mean 'relu'?")]
    [InlineData("mlp(hidden=(8, 2.5))", "mlp: hidden = (8, 2.5) has the wrong type: it must be whole numbers such as (64, 64)")]
    [InlineData("mlp(hiden=(3,))", "did you mean 'hidden'?")]
    [InlineData("linaer", "did you mean 'linear'?")]
    public void BadModelSpecsAreClearErrors(string spec, string fragment)
    {
        var e = Assert.ThrowsAny<InputException>(() => ModelCatalog.Parse(spec));
        Assert.Contains(fragment, e.Message);
    }

    [Theory]
    [InlineData("msa", "did you mean 'mse'?")]
    [InlineData("huber(delta=-1)", "huber: delta = -1 is invalid: it must be a finite number > 0")]
    [InlineData("mse(delta=1)", "mse: unknown hyperparameter 'delta' (it takes none)")]
    [InlineData("hubre", "unknown loss 'hubre'; did you mean 'huber'?")]
    public void BadLossSpecsAreClearErrors(string spec, string fragment)
    {
        var e = Assert.ThrowsAny<InputException>(() => LossCatalog.Parse(spec));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void ModelSpecsPrintAsTheyParse()
    {
        Assert.Equal("mlp(hidden=(64, 64), activation=tanh)", ModelCatalog.Parse("mlp").ToString());
        Assert.Equal("mlp(hidden=(8,), activation=relu)", ModelCatalog.Parse("mlp(hidden=8, activation=relu)").ToString());
        Assert.Equal("linear", ModelCatalog.Parse("linear").ToString());
    }
}
