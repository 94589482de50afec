using Descent.Data;
using Descent.Expressions;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Tests.Training;

public class TrainerTests
{
    private static (Dataset<float> Train, Dataset<float> Test, Module<float> Model) Tutorial()
    {
        var random = new TorchGenerator(0);
        var data = SyntheticData.Generate<float>(Expression.Parse("x^2 + y^2"), 1000, noise: 1, random);
        var parts = RandomSplit.ByFractions(data, [0.8, 0.2], random);
        return (parts[0], parts[1], new Linear<float>(2, 1, random));
    }

    [Fact]
    public void TheTutorialsSixOptimizersEndNearTheNoiseLevel()
    {
        var (train, test, model) = Tutorial();
        var results = Trainer.Compare(model, new MseLoss(), train, test,
            OptimizerCatalog.ParseList("sgd(lr=0.01); momentum(lr=0.01); adagrad(lr=0.01); rmsprop(lr=0.01); adadelta(); adam(lr=0.01)"),
            new TrainingOptions(Epochs: 50, BatchSize: 32));
        Assert.Equal(6, results.Count);
        double best = LeastSquares.MeanSquaredError(train);
        foreach (OptimizerResult r in results)
        {
            Assert.Equal(50, r.TrainLosses.Count);
            Assert.Equal(50, r.TestLosses.Count);
            // Near the noise variance: the tutorial's PyTorch run ends at about 0.8 on this very test set.
            Assert.InRange(r.FinalTestLoss!.Value, 0.75, 0.85);
            Assert.True(r.FinalFullTrainLoss >= best - 1e-6, $"{r.Spec}: {r.FinalFullTrainLoss} is below the least-squares optimum {best}");
            Assert.True(r.TrainLosses[^1] < r.TrainLosses[0], $"{r.Spec} did not improve");
        }
        // The tutorial's data exactly: PyTorch's torch.linalg.lstsq on the same 800 samples gives 0.9675392437928003.
        Assert.Equal(0.9675392437928003, best, 1e-6);
    }

    [Fact]
    public void EveryOptimizerStartsFromTheSameWeightsAndTheInitialModelIsUntouched()
    {
        var (train, test, model) = Tutorial();
        float[] before = model.Parameters[0].ToArray();
        // lr = 0 cannot move the weights, so both runs must report the same losses as the untrained model.
        var results = Trainer.Compare(model, new MseLoss(), train, test, OptimizerCatalog.ParseList("sgd(lr=0); adam(lr=0)"), new TrainingOptions(Epochs: 2));
        Assert.Equal(before, model.Parameters[0].ToArray());
        Assert.Equal(results[0].TrainLosses, results[1].TrainLosses);
        Assert.Equal(results[0].FinalTestLoss, results[1].FinalTestLoss);
    }

    [Fact]
    public void RunsAreReproducible()
    {
        var (train, test, model) = Tutorial();
        var specs = OptimizerCatalog.ParseList("adam(lr=0.01); rmsprop(lr=0.01)");
        var options = new TrainingOptions(Epochs: 5, BatchSize: 16, Shuffle: true, Seed: 9);
        var a = Trainer.Compare(model, new MseLoss(), train, test, specs, options);
        var b = Trainer.Compare(model, new MseLoss(), train, test, specs, options);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].TrainLosses, b[i].TrainLosses);
            Assert.Equal(a[i].TestLosses, b[i].TestLosses);
        }
    }

    [Fact]
    public void ShuffledRunsTrainAndGiveEveryOptimizerTheSameOrders()
    {
        var (train, test, model) = Tutorial();
        // Two identical optimizers can only report identical losses if both saw the same batches.
        var specs = OptimizerCatalog.ParseList("sgd(lr=0.01); sgd(lr=0.01); adam(lr=0.01)");
        var shuffled = Trainer.Compare(model, new MseLoss(), train, test, specs, new TrainingOptions(Epochs: 10, Shuffle: true));
        Assert.Equal(shuffled[0].TrainLosses, shuffled[1].TrainLosses);
        Assert.Equal(shuffled[0].TestLosses, shuffled[1].TestLosses);
        var inOrder = Trainer.Compare(model, new MseLoss(), train, test, [specs[0]], new TrainingOptions(Epochs: 10));
        Assert.NotEqual(inOrder[0].TrainLosses, shuffled[0].TrainLosses);
        foreach (OptimizerResult r in shuffled)
        {
            Assert.Null(r.Stopped);
            Assert.All(r.TrainLosses, l => Assert.True(double.IsFinite(l)));
            Assert.True(r.TrainLosses[^1] < r.TrainLosses[0], $"{r.Spec} did not improve");
            Assert.InRange(r.FinalTestLoss!.Value, 0.75, 0.9);
        }
    }

    [Fact]
    public void ADivergingOptimizerStopsWithAMessageAndTheOthersGoOn()
    {
        var (train, test, model) = Tutorial();
        var results = Trainer.Compare(model, new MseLoss(), train, test, OptimizerCatalog.ParseList("sgd(lr=100); adam(lr=0.01)"), new TrainingOptions(Epochs: 20));
        Assert.NotNull(results[0].Stopped);
        Assert.Contains("diverged", results[0].Stopped);
        Assert.True(results[0].TrainLosses.Count < 20);
        Assert.All(results[0].TrainLosses, l => Assert.True(double.IsFinite(l)));
        Assert.Null(results[1].Stopped);
        Assert.Equal(20, results[1].TrainLosses.Count);
    }

    /// <summary>
    /// Runs that diverge in the three ways a run can: the loss overflows while the weights stay finite (float64, whose
    /// weights reach 1e154 before the loss, summed in double, overflows; the step's gradient is to blame), a step leaves
    /// a weight infinite (float32; found by the next batch's loss), and the very last step does so with no batch after it
    /// (found by the final loss). Each names the step, its epoch and batch, and a parameter by its state_dict name.
    /// 800 samples in batches of 32: 25 steps an epoch.
    /// </summary>
    public static TheoryData<bool, string, int, int, bool, string> Divergences() => new()
    {
        // float64, optimizer, batch size, epochs, whether a weight is not finite, where the message says it stopped
        { true, "sgd(lr=100)", 32, 50, false, "stopped at epoch" },
        { false, "sgd(lr=100)", 32, 50, true, "stopped at epoch" },
        { false, "sgd(lr=1e39)", 800, 1, true, "after the last step" },
    };

    [Theory]
    [MemberData(nameof(Divergences))]
    public void ADivergedRunNamesTheStepTheParameterAndTheGradientNorm(bool float64, string optimizer, int batchSize, int epochs, bool notFinite, string where)
    {
        var options = new TrainingOptions(epochs, batchSize);
        OptimizerResult r = float64 ? Diverging<double>(optimizer, options) : Diverging<float>(optimizer, options);
        var train = Tutorial().Train;
        Divergence d = r.Divergence!;
        Assert.NotNull(d);
        Assert.StartsWith(where, r.Stopped);
        Assert.Contains(d.ToString(), r.Stopped);
        Assert.False(double.IsFinite(d.Loss));
        Assert.Equal(notFinite, d.ParameterNotFinite);
        Assert.Contains(d.Parameter, new[] { "weight", "bias" });
        int batches = (train.Count + batchSize - 1) / batchSize;
        Assert.Equal((d.Epoch - 1) * batches + d.Batch, d.Step);
        Assert.True(d.Step >= 1 && d.Batch >= 1 && d.Batch <= batches, $"{d}");
        if (where == "after the last step") Assert.Equal(epochs * batches, d.Step);
        else
        {
            // The loss was found not finite at the batch after the step to blame; the epochs before it were completed.
            var m = System.Text.RegularExpressions.Regex.Match(r.Stopped!, @"^stopped at epoch (\d+), batch (\d+)");
            Assert.Equal(d.Step + 1, (int.Parse(m.Groups[1].Value) - 1) * batches + int.Parse(m.Groups[2].Value));
            Assert.Equal(int.Parse(m.Groups[1].Value) - 1, r.TrainLosses.Count);
        }
        if (!notFinite)
        {
            // With finite weights the step's gradient was finite and huge, largest in the parameter named.
            Assert.True(double.IsFinite(d.GradientNorm) && d.GradientNorm > 1e10, $"{d.GradientNorm}");
            Assert.True(d.ParameterGradientNorm <= d.GradientNorm && d.ParameterGradientNorm >= d.GradientNorm / Math.Sqrt(2), $"{d}");
        }
    }

    private static OptimizerResult Diverging<T>(string optimizer, TrainingOptions options) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new TorchGenerator(0);
        var data = SyntheticData.Generate<T>(Expression.Parse("x^2 + y^2"), 1000, noise: 1, random);
        var parts = RandomSplit.ByFractions(data, [0.8, 0.2], random);
        return Trainer.Compare(new Linear<T>(2, 1, random), new MseLoss(), parts[0], parts[1], OptimizerCatalog.ParseList(optimizer), options)[0];
    }

    [Fact]
    public void ARunThatStaysFiniteHasNoDivergence()
    {
        var (train, test, model) = Tutorial();
        OptimizerResult r = Trainer.Compare(model, new MseLoss(), train, test, OptimizerCatalog.ParseList("sgd(lr=0.01)"), new TrainingOptions(Epochs: 2))[0];
        Assert.Null(r.Divergence);
        Assert.Null(r.Stopped);
    }

    [Fact]
    public void AnMlpsDivergenceNamesItsLayersParameter()
    {
        var (train, test, _) = Tutorial();
        Module<float> mlp = new MlpModel { Hidden = [8] }.Build<float>(2, 1, new TorchGenerator(1));
        OptimizerResult r = Trainer.Compare(mlp, new MseLoss(), train, test, OptimizerCatalog.ParseList("sgd(lr=1e30)"), new TrainingOptions(Epochs: 3))[0];
        Assert.Matches(@"^\d\.(weight|bias)$", r.Divergence!.Parameter);
    }

    [Fact]
    public void LbfgsTrainsThroughItsClosure()
    {
        var (train, test, model) = Tutorial();
        var results = Trainer.Compare(model, new MseLoss(), train, test, OptimizerCatalog.ParseList("lbfgs(lr=0.5, max_iter=4)"), new TrainingOptions(Epochs: 3, BatchSize: 200));
        Assert.Null(results[0].Stopped);
        Assert.True(results[0].FinalFullTrainLoss < 1.5);
    }

    [Fact]
    public void ASchedulefreeOptimizersTestLossIsTakenAtItsAveragedPoint()
    {
        var (train, test, model) = Tutorial();
        var loss = new MseLoss();
        OptimizerOptions spec = OptimizerCatalog.Parse("schedulefreesgd(lr=0.05)");
        var options = new TrainingOptions(Epochs: 3, BatchSize: 100, Shuffle: true, Seed: 4);
        OptimizerResult result = Trainer.Compare(model, loss, train, test, [spec], options)[0];

        // The same run by hand: train at y, evaluate at the average x (eval mode), back to y (train mode) for the next epoch.
        Module<float> copy = model.Clone();
        var runner = new ModelRunner<float>(copy, 2, Math.Max(options.BatchSize, Math.Min(1024, train.Count)));
        Optimizer<float> optimizer = spec.Create(copy.Parameters);
        var loader = new DataLoader<float>(train, options.BatchSize, options.Shuffle, options.Seed);
        List<double> atAverage = [], atIterate = [];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            loader.PrepareOrder(epoch);
            for (int b = 0; b < loader.BatchCount; b++)
            {
                var (x, y) = loader.Batch(b);
                runner.TrainBatch(x, y, loss);
                optimizer.Step();
            }
            atIterate.Add(runner.MeanOfBatchLosses(test, loss, options.BatchSize));
            optimizer.Eval();
            Assert.False(optimizer.IsTraining);
            Assert.Throws<InvalidOperationException>(() => optimizer.Step()); // it steps from y only
            atAverage.Add(runner.MeanOfBatchLosses(test, loss, options.BatchSize));
            optimizer.Train();
        }
        Assert.Equal(atAverage, result.TestLosses);
        Assert.NotEqual(atIterate, result.TestLosses);
        optimizer.Eval();
        Assert.Equal(runner.Evaluate(test, loss), result.FinalTestLoss);
        Assert.Equal(runner.Evaluate(train, loss), result.FinalFullTrainLoss);
    }

    [Fact]
    public void LeastSquaresFindsAnExactLinearRelation()
    {
        var x = Tensor<double>.FromArray([0.0, 1, 1, 0, 2, 3, 5, 1, -1, 2], 5, 2);
        var y = Tensor<double>.FromArray([.. Enumerable.Range(0, 5).Select(i => 3 * x[i, 0] - 2 * x[i, 1] + 0.5)], 5, 1);
        Assert.Equal(0, LeastSquares.MeanSquaredError(new Dataset<double>(x, y, ["a", "b"], ["y"])), 12);
        // With one feature and noise, it matches the textbook formula for a line.
        double[] xs = [1, 2, 3, 4], ys = [1, 3, 2, 5];
        double mx = xs.Average(), my = ys.Average();
        double slope = xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / xs.Sum(v => (v - mx) * (v - mx));
        double expected = xs.Zip(ys).Average(p => Math.Pow(p.Second - (my + slope * (p.First - mx)), 2));
        var line = new Dataset<double>(Tensor<double>.FromArray(xs, 4, 1), Tensor<double>.FromArray(ys, 4, 1), ["x"], ["y"]);
        Assert.Equal(expected, LeastSquares.MeanSquaredError(line), 12);
    }
}
