using System.Diagnostics;
using Descent.Data;
using Descent.Expressions;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Bench;

/// <summary>torch_reference.py's <c>seed</c> and <c>mlp</c> workloads, timing the training loop only.</summary>
internal static class TrainingBenchmarks
{
    /// <summary>The tutorial's comparison: 1000 samples of x^2 + y^2 + N(0, 1), 80/20 split, batches of 32, Linear(2, 1), MSE, 50 epochs, six optimizers.</summary>
    public static void Seed(TextWriter output)
    {
        var random = new TorchGenerator(0);
        Dataset<float> data = SyntheticData.Generate<float>(Expression.Parse("x^2 + y^2"), 1000, noise: 1, random);
        Dataset<float>[] parts = RandomSplit.BySizes(data, [800, 200], random);
        Module<float> model = ModelSpec.Parse("linear").Build<float>(2, 1, random);
        OptimizerOptions[] optimizers = [.. OptimizerCatalog.ParseList("sgd(lr=0.01); momentum(lr=0.01); adagrad(lr=0.01); rmsprop(lr=0.01); adadelta(); adam(lr=0.01)")];
        var options = new TrainingOptions(Epochs: 50, BatchSize: 32);
        Trainer.Compare(model, new MseLoss(), parts[0], parts[1], optimizers, options); // warm-up (JIT)

        var times = new List<double>();
        long allocated = 0;
        IReadOnlyList<OptimizerResult> results = [];
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            results = Trainer.Compare(model, new MseLoss(), parts[0], parts[1], optimizers, options);
            times.Add(watch.Elapsed.TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        times.Sort();
        // Steady state: what 25 more epochs allocate beyond a 25-epoch run (setup costs cancel out).
        long half = GC.GetAllocatedBytesForCurrentThread();
        Trainer.Compare(model, new MseLoss(), parts[0], parts[1], optimizers, options with { Epochs = 25 });
        long halfAllocated = GC.GetAllocatedBytesForCurrentThread() - half;
        JsonLine.Write(output, new Dictionary<string, object>
        {
            ["workload"] = "seed", ["variant"] = "descent", ["seconds"] = times[times.Count / 2],
            // As the PyTorch script records them: last-epoch means of the train and of the test batch losses.
            ["final_train_test"] = results.Select(r => new[] { r.FinalTrainLoss, r.TestLosses[^1] }).ToArray(),
            ["allocated_bytes_per_run"] = allocated,
            ["steady_allocated_bytes_per_epoch"] = (allocated - halfAllocated) / (optimizers.Length * 25.0),
        });
    }

    /// <summary>MLP 2-64-64-1 with tanh on 100,000 samples of the seed's data, batches of 256, shuffled, Adam lr 1e-3, 3 epochs, float32.</summary>
    public static void Mlp(TextWriter output)
    {
        var random = new TorchGenerator(0);
        Dataset<float> data = SyntheticData.Generate<float>(Expression.Parse("x^2 + y^2"), 100_000, noise: 1, random);
        Module<float> model = ModelSpec.Parse("mlp(hidden=(64, 64), activation=tanh)").Build<float>(2, 1, random);
        OptimizerOptions[] optimizers = [OptimizerCatalog.Parse("adam(lr=0.001)")];
        var options = new TrainingOptions(Epochs: 3, BatchSize: 256, Shuffle: true, Seed: 0);
        Trainer.Compare(model, new MseLoss(), data, null, optimizers, options with { Epochs = 1 }); // warm-up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        IReadOnlyList<OptimizerResult> results = Trainer.Compare(model, new MseLoss(), data, null, optimizers, options);
        double seconds = watch.Elapsed.TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        JsonLine.Write(output, new Dictionary<string, object>
        {
            ["workload"] = "mlp", ["variant"] = "descent", ["seconds"] = seconds,
            ["last_epoch_train_loss"] = results[0].FinalTrainLoss,
            ["allocated_bytes_per_epoch"] = allocated / options.Epochs,
        });
    }
}
