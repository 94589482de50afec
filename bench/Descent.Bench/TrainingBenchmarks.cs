using System.Diagnostics;
using Descent.Data;
using Descent.Nn;
using Descent.Optimizers;
using Descent.Training;

namespace Descent.Bench;

/// <summary>torch_reference.py's <c>seed</c> and <c>mlp</c> workloads, timing the training loop only.</summary>
internal static class TrainingBenchmarks
{
    /// <summary>The tutorial's comparison (<see cref="Tutorial.Training"/>): 1000 samples of x^2 + y^2 + N(0, 1), 80/20 split, batches of 32, Linear(2, 1), MSE, 50 epochs, six optimizers.</summary>
    public static void Seed(TextWriter output)
    {
        TrainingSetup setup = Tutorial.Training;
        PreparedTraining<float> prepared = setup.Prepare<float>();
        prepared.Train(); // warm-up (JIT)

        var times = new List<double>();
        long allocated = 0;
        IReadOnlyList<OptimizerResult> results = [];
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            results = prepared.Train().Results;
            times.Add(watch.Elapsed.TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        times.Sort();
        // Steady state: what 25 more epochs allocate beyond a 25-epoch run (setup costs cancel out).
        PreparedTraining<float> halfway = prepared with { Setup = setup with { Epochs = 25 } };
        long half = GC.GetAllocatedBytesForCurrentThread();
        halfway.Train();
        long halfAllocated = GC.GetAllocatedBytesForCurrentThread() - half;
        JsonLine.Write(output, new Dictionary<string, object>
        {
            ["workload"] = "seed",
            ["variant"] = "descent",
            ["seconds"] = times[times.Count / 2],
            // As the PyTorch script records them: last-epoch means of the train and of the test batch losses.
            ["final_train_test"] = results.Select(r => new[] { r.FinalTrainLoss, r.TestLosses[^1] }).ToArray(),
            ["allocated_bytes_per_run"] = allocated,
            ["steady_allocated_bytes_per_epoch"] = (allocated - halfAllocated) / (setup.Optimizers.Count * 25.0),
        });
    }

    /// <summary>MLP 2-64-64-1 with tanh on 100,000 samples of the tutorial's data, batches of 256, shuffled, Adam lr 1e-3, 3 epochs, float32.</summary>
    public static void Mlp(TextWriter output)
    {
        TrainingSetup setup = Tutorial.Training with
        {
            Data = ((SyntheticSource)Tutorial.Training.Data) with { Samples = 100_000 },
            TrainFraction = 1,
            Model = ModelCatalog.Parse("mlp(hidden=(64, 64), activation=tanh)"),
            Optimizers = [OptimizerCatalog.Parse("adam(lr=0.001)")],
            Epochs = 3,
            BatchSize = 256,
            Shuffle = true,
        };
        PreparedTraining<float> prepared = setup.Prepare<float>();
        (prepared with { Setup = setup with { Epochs = 1 } }).Train(); // warm-up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        IReadOnlyList<OptimizerResult> results = prepared.Train().Results;
        double seconds = watch.Elapsed.TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        JsonLine.Write(output, new Dictionary<string, object>
        {
            ["workload"] = "mlp",
            ["variant"] = "descent",
            ["seconds"] = seconds,
            ["last_epoch_train_loss"] = results[0].FinalTrainLoss,
            ["allocated_bytes_per_epoch"] = allocated / setup.Epochs,
        });
    }

    /// <summary>
    /// The <see cref="Mlp"/> workload at widths 64, 256 and 1024 and batches of 32 and 256, one epoch each (torch_speed.py's
    /// <c>wide</c>): at width 1024 the products of the middle layer dominate.
    /// </summary>
    /// <param name="output">Where the JSON lines go.</param>
    /// <param name="only">A width and a batch size to run alone, or empty for all six.</param>
    public static void Wide(TextWriter output, int[] only)
    {
        foreach (int width in only.Length == 2 ? [only[0]] : new[] { 64, 256, 1024 })
            foreach (int batch in only.Length == 2 ? [only[1]] : new[] { 32, 256 })
            {
                TrainingSetup setup = Tutorial.Training with
                {
                    Data = ((SyntheticSource)Tutorial.Training.Data) with { Samples = 100_000 },
                    TrainFraction = 1,
                    Model = ModelCatalog.Parse($"mlp(hidden=({width}, {width}), activation=tanh)"),
                    Optimizers = [OptimizerCatalog.Parse("adam(lr=0.001)")],
                    Epochs = 1,
                    BatchSize = batch,
                    Shuffle = true,
                };
                // Warm-up (JIT, packing buffers) on a few batches' worth of samples.
                (setup with { Data = ((SyntheticSource)setup.Data) with { Samples = 20 * batch } }).Prepare<float>().Train();
                PreparedTraining<float> prepared = setup.Prepare<float>();
                long before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                IReadOnlyList<OptimizerResult> results = prepared.Train().Results;
                double seconds = watch.Elapsed.TotalSeconds;
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                JsonLine.Write(output, new Dictionary<string, object>
                {
                    ["workload"] = "wide",
                    ["variant"] = "descent",
                    ["width"] = width,
                    ["batch"] = batch,
                    ["seconds"] = seconds,
                    ["train_loss"] = results[0].FinalTrainLoss,
                    ["allocated_bytes"] = allocated,
                });
            }
    }
}
