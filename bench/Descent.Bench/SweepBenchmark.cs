using System.Diagnostics;
using Descent.Sweeps;
using Descent.Training;

namespace Descent.Bench;

/// <summary>
/// The tutorial's problem swept: its six optimizers at 13 learning rates from 1e-4 to 1, 5 seeds (390 runs of 50 epochs),
/// each lr chosen by a 10% validation split, as <c>descent sweep train</c> runs it; bench/torch_sweep.py is the same sweep
/// as a plain PyTorch loop.
/// </summary>
internal static class SweepBenchmark
{
    public static void Run(TextWriter output, int seeds)
    {
        var sweep = new TrainingSweep { Setup = Tutorial.Training, Lrs = LearningRates.Parse("1e-4:1:13"), Seeds = seeds };
        var watch = Stopwatch.StartNew();
        SweepResults results = sweep.Run(jobs: 1);
        double cold = watch.Elapsed.TotalSeconds; // with the JIT's first compilations
        foreach (int jobs in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            watch.Restart();
            results = sweep.Run(jobs: jobs);
            double seconds = watch.Elapsed.TotalSeconds;
            var summary = SweepSummary.Of(results);
            JsonLine.Write(output, new Dictionary<string, object>
            {
                ["workload"] = "sweep",
                ["variant"] = jobs == 1 ? "descent" : $"descent-{jobs}-jobs",
                ["seconds"] = seconds,
                ["first_run_seconds"] = cold,
                ["jobs"] = jobs,
                ["runs"] = results.Runs.Count,
                // For the comparison with PyTorch's: the same choices, and the test losses to float32 rounding.
                ["chosen_lr"] = summary.Optimizers.ToDictionary(o => o.Optimizer, o => (object?)o.Lr),
                ["test_loss_mean"] = summary.Optimizers.ToDictionary(o => o.Optimizer, o => o.Estimate.Mean),
            });
        }
    }
}
