using System.Diagnostics;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Bench;

/// <summary>
/// 1,000 Adam steps (lr 0.1, float64) on f = sum(i, 1, n, (x[i] - i)^2) over a vector x of n = 10,000 from zeros, as
/// <c>descent minimize</c> runs it: each step zeros the gradient, evaluates f, runs backward and updates, and the run
/// records f, the gradient norm and the first 10 coordinates of the point (the start and final point whole), as the CLI does. torch_speed.py's <c>vector</c> workload runs the same loop on one tensor
/// (and reads f each step, as the run records it); the final f of both sides should agree to rounding.
/// </summary>
internal static class VectorBenchmark
{
    public const string Function = "sum(i, 1, n, (x[i] - i)^2)";

    public static void Run(TextWriter output)
    {
        Measure(output, "descent", keptCoordinates: 10);
        // Every coordinate of every point kept (--trajectory-coordinates all): 80 kB a step that the garbage collector carries.
        Measure(output, "descent-all-points", keptCoordinates: null);
    }

    private static void Measure(TextWriter output, string variant, int? keptCoordinates)
    {
        const int n = 10_000, steps = 1_000;
        Expression function = Expression.Parse(Function);
        var minimizer = new Minimizer
        {
            Function = function,
            Variables = [.. Enumerable.Range(1, n).Select(k => Expression.ElementName("x", k))],
            Start = new double[n],
            Optimizers = [OptimizerCatalog.Parse("adam(lr=0.1)")],
            Steps = steps,
            DType = DType.Float64,
            // As descent minimize keeps it by default: f, |grad f| and the first 10 coordinates of every step, the start and the end whole.
            KeptCoordinates = keptCoordinates,
        };
        // Warm-up: JIT and the memory the runs reuse.
        (minimizer with { Steps = 10 }).Run();
        double best = double.MaxValue;
        long bytes = 0;
        Trajectory? run = null;
        TimeSpan pausedBefore = GC.GetTotalPauseDuration();
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        for (int repeat = 0; repeat < 3; repeat++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            run = minimizer.Run()[0];
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        JsonLine.Write(output, new Dictionary<string, object>
        {
            ["workload"] = "vector",
            ["variant"] = variant,
            ["variables"] = n,
            ["steps"] = steps,
            ["function"] = Function,
            ["seconds"] = best,
            ["seconds_per_step"] = best / steps,
            ["allocated_bytes_per_step"] = bytes / steps,
            ["final_f"] = run!.Values[^1],
            ["gc_pause_seconds"] = (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds / 3,
            ["gc_collections"] = string.Join("/", Enumerable.Range(0, 3).Select(g => (GC.CollectionCount(g) - collections[g]) / 3.0)),
        });
    }
}
