using System.Diagnostics;
using System.Text;
using Descent.Expressions;
using Descent.Optimizers;
using Descent.Tensors;
using Descent.Training;

namespace Descent.Bench;

/// <summary>
/// A minimization over n variables, f = (x1 - 1)^2 + (x2 - 2)^2 + ... (constants i mod 10), Adam lr 0.1, float64,
/// for n = 2,500 to 40,000: the time to parse f, and the time and memory of one step (zero_grad, evaluate, backward,
/// update), which must grow linearly with n. torch_speed.py's <c>many</c> workload is the same graph in PyTorch.
/// </summary>
internal static class ManyVariablesBenchmark
{
    public static void Run(TextWriter output)
    {
        foreach (int n in new[] { 2_500, 5_000, 10_000, 40_000 })
        {
            string text = Function(n);
            var watch = Stopwatch.StartNew();
            Expression function = Expression.Parse(text);
            double parse = watch.Elapsed.TotalSeconds;
            var minimizer = new Minimizer
            {
                Function = function,
                Variables = function.Variables,
                Start = new double[n],
                Optimizers = [OptimizerCatalog.Parse("adam(lr=0.1)")],
                DType = DType.Float64,
            };
            // Warm-up (JIT, and the memory the runs reuse); it also sizes the runs to about two seconds, at most 20 steps.
            var (warmup, _) = Time(minimizer with { Steps = 1 }, repeats: 1);
            int steps = Math.Clamp((int)(4 / warmup), 2, 20), repeats = warmup < 1 ? 3 : 1;
            // A run of k steps evaluates f k + 1 times; the difference of two runs is the cost of the steps alone.
            var (shortRun, shortBytes) = Time(minimizer with { Steps = 0 }, repeats);
            TimeSpan pausedBefore = GC.GetTotalPauseDuration();
            var (longRun, longBytes) = Time(minimizer with { Steps = steps }, repeats);
            double paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalSeconds / repeats;
            JsonLine.Write(output, new Dictionary<string, object>
            {
                ["workload"] = "many",
                ["variant"] = "descent",
                ["variables"] = n,
                ["expression_chars"] = text.Length,
                ["parse_seconds"] = parse,
                ["seconds"] = (longRun - shortRun) / steps,
                ["allocated_bytes_per_step"] = (longBytes - shortBytes) / steps,
                // Each step builds its graph anew (about 2.4 kB a variable); collecting them is much of a step's time.
                ["gc_pause_seconds_per_step"] = paused / (steps + 1),
            });
        }
    }

    /// <summary>The best of some runs' seconds, and the bytes the last one allocated.</summary>
    private static (double Seconds, long Bytes) Time(Minimizer minimizer, int repeats)
    {
        double best = double.MaxValue;
        long bytes = 0;
        for (int i = 0; i < repeats; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            minimizer.Run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        return (best, bytes);
    }

    /// <summary>(x1 - 1)^2 + (x2 - 2)^2 + ... + (xn - n mod 10)^2.</summary>
    internal static string Function(int n)
    {
        var text = new StringBuilder();
        for (int i = 1; i <= n; i++)
        {
            if (i > 1) text.Append(" + ");
            text.Append("(x").Append(i).Append(" - ").Append(i % 10).Append(")^2");
        }
        return text.ToString();
    }
}
