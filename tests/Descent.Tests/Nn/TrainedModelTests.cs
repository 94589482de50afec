using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Tests.Cli;
using Descent.Tests.Training;
using Descent.Training;

namespace Descent.Tests.Nn;

public class TrainedModelTests
{
    [Theory]
    [InlineData("linear", 3, 1, new[] { "weight", "bias" }, "nn.Linear(3, 1)")]
    [InlineData("mlp(hidden=(4,), activation=relu)", 3, 2, new[] { "0.weight", "0.bias", "2.weight", "2.bias" },
        "nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))")]
    [InlineData("mlp(hidden=(5, 6), activation=sigmoid)", 2, 1, new[] { "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias" },
        "nn.Sequential(nn.Linear(2, 5), nn.Sigmoid(), nn.Linear(5, 6), nn.Sigmoid(), nn.Linear(6, 1))")]
    public void ParametersAreNamedAsTheEquivalentPyTorchModulesStateDict(string spec, int inputs, int outputs, string[] names, string pytorch)
    {
        ModelSpec model = ModelCatalog.Parse(spec);
        Module<float> module = model.Build<float>(inputs, outputs, new TorchGenerator(0));
        Assert.Equal(names, module.NamedParameters().Select(p => p.Name));
        Assert.Equal(module.Parameters, module.NamedParameters().Select(p => p.Value)); // same tensors, same order
        Assert.Equal(pytorch, model.PyTorch(inputs, outputs));
    }

    private static TrainingReport Diabetes(DType dtype, Standardize standardize, string model = "mlp(hidden=(8,))", IReadOnlyList<string>? categorical = null) => new TrainingSetup
    {
        Data = new CsvSource(RealDataTests.Diabetes, ["Y"]) { Categorical = categorical },
        Model = ModelCatalog.Parse(model),
        Standardize = standardize,
        DType = dtype,
        Optimizers = OptimizerCatalog.ParseList("adam(lr=0.05); sgd(lr=0.01)"),
        Epochs = 5,
    }.Run();

    [Fact]
    public void TheReportsModelsPredictTheLossesTheReportGivesInTheTargetsUnits()
    {
        var setup = new TrainingSetup
        {
            Data = new CsvSource(RealDataTests.Diabetes, ["Y"]),
            Standardize = Standardize.All,
            DType = DType.Float64,
            TrainFraction = 1,
            Optimizers = OptimizerCatalog.ParseList("adam(lr=0.05)"),
            Epochs = 10,
        };
        TrainingReport report = setup.Run();
        TrainedModel model = Assert.Single(report.Models);
        Dataset<double> data = CsvDataset.Load<double>(RealDataTests.Diabetes, ["Y"]);
        double[] predicted = model.Predict(data.Features).ToArray(), y = data.Targets.ToArray();
        double mse = predicted.Zip(y, (p, t) => (p - t) * (p - t)).Average();
        Assert.Equal(report.Results[0].FinalFullTrainLoss, mse, report.Results[0].FinalFullTrainLoss * 1e-12);
        Assert.InRange(mse, 2000, 10000);
        Assert.Equal("adam(lr=0.05)", model.Optimizer);
        Assert.Same(report.Results[0].Weights, model.Weights);
    }

    [Theory]
    [InlineData(DType.Float32, Standardize.All)]
    [InlineData(DType.Float64, Standardize.Features)]
    [InlineData(DType.Float32, Standardize.None)]
    public void ASavedModelLoadsAndPredictsBitForBit(DType dtype, Standardize standardize)
    {
        TrainingReport report = Diabetes(dtype, standardize, categorical: ["SEX"]);
        string dir = CliRunner.TempDirectory();
        for (int k = 0; k < report.Models.Count; k++)
        {
            TrainedModel saved = report.Models[k];
            string weights = Path.Combine(dir, $"m{k}.safetensors"), spec = Path.Combine(dir, $"m{k}.json");
            saved.Save(weights, spec);
            TrainedModel loaded = TrainedModel.Load(k == 0 ? spec : weights);
            Assert.Equal(saved.Model.ToString(), loaded.Model.ToString());
            Assert.Equal(saved.Loss, loaded.Loss);
            Assert.Equal((saved.DType, saved.Outputs, saved.Optimizer), (loaded.DType, loaded.Outputs, loaded.Optimizer));
            Assert.Equal(["SEX=1", "SEX=2"], loaded.Features[1].FeatureNames);
            Assert.Equal(saved.Features.SelectMany(f => f.FeatureNames), loaded.Features.SelectMany(f => f.FeatureNames));
            Assert.Equal(saved.Scaling?.FeatureScales, loaded.Scaling?.FeatureScales);
            Assert.Equal(saved.Scaling?.TargetMeans, loaded.Scaling?.TargetMeans);
            Assert.Equal(saved.Weights.Select(w => w.Name), loaded.Weights.Select(w => w.Name));
            var x = CsvDataset.LoadFeatures<double>(RealDataTests.Diabetes, saved.Features);
            if (dtype == DType.Float32)
                Assert.Equal(saved.Predict(x.To<float>()).ToArray(), loaded.Predict(x.To<float>()).ToArray());
            else
                Assert.Equal(saved.Predict(x).ToArray(), loaded.Predict(x).ToArray());
        }
    }

    [Fact]
    public void WeightsOfAnotherShapeOrDTypeThanTheSpecAreRefused()
    {
        TrainedModel model = Diabetes(DType.Float32, Standardize.Features).Models[0];
        string dir = CliRunner.TempDirectory(), weights = Path.Combine(dir, "m.safetensors"), spec = Path.Combine(dir, "m.json");
        model.Save(weights, spec);
        string text = File.ReadAllText(spec);

        File.WriteAllText(spec, text.Replace("mlp(hidden=(8,), activation=tanh)", "mlp(hidden=(9,), activation=tanh)"));
        var e = Assert.Throws<InputException>(() => TrainedModel.Load(spec));
        Assert.Equal($"{weights} does not fit {spec}: '0.weight' has shape [8, 10], but nn.Sequential(nn.Linear(10, 9), nn.Tanh(), nn.Linear(9, 1)) needs [9, 10]", e.Message);

        File.WriteAllText(spec, text.Replace("\"float32\"", "\"float64\""));
        e = Assert.Throws<InputException>(() => TrainedModel.Load(spec));
        Assert.Equal($"{weights}: '0.weight' is F32, but {spec} says the model is float64 (F64)", e.Message);

        File.WriteAllText(spec, text.Replace("\"linear\"", "\"linear\"").Replace("mlp(hidden=(8,), activation=tanh)", "linear"));
        e = Assert.Throws<InputException>(() => TrainedModel.Load(spec));
        Assert.Equal($"{weights} does not fit {spec}: the weights have no 'weight', which nn.Linear(10, 1) needs", e.Message);

        File.WriteAllText(spec, text.Replace("\"version\": 1", "\"version\": 2"));
        Assert.Equal($"{spec} is not a Descent model spec: version 2; this Descent reads version 1", Assert.Throws<InputException>(() => TrainedModel.Load(spec)).Message);
        File.WriteAllText(spec, "{\"format\": \"something\"}");
        Assert.StartsWith($"{spec} is not a Descent model spec: no \"format\": \"descent-model\"", Assert.Throws<InputException>(() => TrainedModel.Load(spec)).Message);
        File.WriteAllText(spec, text.Replace("\"mse\"", "\"mse2\""));
        Assert.StartsWith($"{spec} is not a Descent model spec: loss: unknown loss 'mse2'", Assert.Throws<InputException>(() => TrainedModel.Load(spec)).Message);
        Assert.Equal($"cannot read '{Path.Combine(dir, "none.json")}': file not found", Assert.Throws<InputException>(() => TrainedModel.Load(Path.Combine(dir, "none.json"))).Message);
    }

    [Theory]
    [InlineData("cross_entropy")]
    [InlineData("bce_with_logits")]
    public void AClassifierPredictsClassIndicesOrProbabilities(string loss)
    {
        string csv = Path.Combine(CliRunner.TempDirectory(), "classes.csv");
        File.WriteAllLines(csv, ["x,label", .. Enumerable.Range(0, 200).Select(i => $"{i / 200.0},{(i >= 100 ? 1 : 0)}")]);
        TrainedModel model = new TrainingSetup
        {
            Data = new CsvSource(csv, ["label"]),
            Loss = LossCatalog.Parse(loss),
            Standardize = Standardize.Features,
            Optimizers = OptimizerCatalog.ParseList("adam(lr=0.1)"),
            Epochs = 30,
            TrainFraction = 1,
        }.Run().Models[0];
        Assert.Equal(loss == "cross_entropy" ? 2 : 1, model.Outputs);
        float[] predicted = model.Predict(Tensor<float>.FromArray([0.1f, 0.45f, 0.55f, 0.9f], 4, 1)).ToArray();
        if (loss == "cross_entropy") Assert.Equal([0f, 0, 1, 1], predicted);
        else
        {
            Assert.All(predicted, p => Assert.InRange(p, 0f, 1f));
            Assert.Equal([false, false, true, true], predicted.Select(p => p > 0.5f));
        }
    }
}
