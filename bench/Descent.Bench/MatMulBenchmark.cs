using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;

namespace Descent.Bench;

/// <summary>
/// The machine's fused multiply-add peak (measured, one core and all), then C = A B for square float32 and float64
/// matrices of 64 to 2048 through the kernel Linear and MatMul use: GFLOP/s (2 n^3 / seconds, best of several
/// products) and the fraction of the all-core peak. torch_speed.py's <c>matmul</c> workload is PyTorch's side.
/// </summary>
internal static class MatMulBenchmark
{
    public static void Run(TextWriter output)
    {
        foreach (string dtype in new[] { "float32", "float64" })
        {
            double one = dtype == "float32" ? Peak<float>(1) : Peak<double>(1);
            double all = dtype == "float32" ? Peak<float>(Environment.ProcessorCount) : Peak<double>(Environment.ProcessorCount);
            JsonLine.Write(output, new Dictionary<string, object>
            {
                ["workload"] = "fma_peak",
                ["variant"] = Vector512.IsHardwareAccelerated ? "vector512" : "vector256",
                ["dtype"] = dtype,
                ["threads"] = Environment.ProcessorCount,
                ["gflops_one_core"] = Math.Round(one / 1e9, 1),
                ["gflops_all_cores"] = Math.Round(all / 1e9, 1),
            });
            foreach (int n in new[] { 64, 256, 512, 1024, 2048 })
            {
                double seconds = dtype == "float32" ? Time<float>(n) : Time<double>(n);
                double flops = 2.0 * n * n * n / seconds;
                JsonLine.Write(output, new Dictionary<string, object>
                {
                    ["workload"] = "matmul",
                    ["variant"] = "descent",
                    ["dtype"] = dtype,
                    ["size"] = n,
                    ["seconds"] = seconds,
                    ["gflops"] = Math.Round(flops / 1e9, 1),
                    ["fraction_of_peak"] = Math.Round(flops / all, 3),
                });
            }
        }
    }

    /// <summary>The best time of one product, over five rounds of products lasting about 0.2 s each.</summary>
    private static double Time<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(0);
        T[] a = [.. Enumerable.Range(0, n * n).Select(_ => T.CreateChecked(random.NextDouble() - 0.5))];
        T[] b = [.. Enumerable.Range(0, n * n).Select(_ => T.CreateChecked(random.NextDouble() - 0.5))];
        var c = new T[n * n];
        MatrixKernels.Multiply<T>(a, b, c, n, n, n);
        int repeats = (int)Math.Max(3, 4e8 / (2.0 * n * n * n));
        double best = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            for (int r = 0; r < repeats; r++) MatrixKernels.Multiply<T>(a, b, c, n, n, n);
            best = Math.Min(best, watch.Elapsed.TotalSeconds / repeats);
        }
        return best;
    }

    /// <summary>Floating-point operations per second of independent fused multiply-add chains on <paramref name="threads"/> cores, best of five.</summary>
    private static double Peak<T>(int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int iterations = 20_000_000;
        double best = 0;
        for (int round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => FmaLoop<T>(iterations));
            double seconds = watch.Elapsed.TotalSeconds;
            int lanes = Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count;
            best = Math.Max(best, threads * (double)iterations * 12 * lanes * 2 / seconds);
        }
        return best;
    }

    /// <summary>Twelve independent chains, enough to cover the latency of two FMA units.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T FmaLoop<T>(int iterations) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<T> x = Vector512.Create(T.CreateChecked(0.999999)), y = Vector512.Create(T.CreateChecked(1e-9));
            Vector512<T> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
            for (int i = 0; i < iterations; i++)
            {
                a0 = Simd.FusedMultiplyAdd(a0, x, y); a1 = Simd.FusedMultiplyAdd(a1, x, y); a2 = Simd.FusedMultiplyAdd(a2, x, y);
                a3 = Simd.FusedMultiplyAdd(a3, x, y); a4 = Simd.FusedMultiplyAdd(a4, x, y); a5 = Simd.FusedMultiplyAdd(a5, x, y);
                a6 = Simd.FusedMultiplyAdd(a6, x, y); a7 = Simd.FusedMultiplyAdd(a7, x, y); a8 = Simd.FusedMultiplyAdd(a8, x, y);
                a9 = Simd.FusedMultiplyAdd(a9, x, y); a10 = Simd.FusedMultiplyAdd(a10, x, y); a11 = Simd.FusedMultiplyAdd(a11, x, y);
            }
            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
        else
        {
            Vector256<T> x = Vector256.Create(T.CreateChecked(0.999999)), y = Vector256.Create(T.CreateChecked(1e-9));
            Vector256<T> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
            for (int i = 0; i < iterations; i++)
            {
                a0 = Simd.FusedMultiplyAdd(a0, x, y); a1 = Simd.FusedMultiplyAdd(a1, x, y); a2 = Simd.FusedMultiplyAdd(a2, x, y);
                a3 = Simd.FusedMultiplyAdd(a3, x, y); a4 = Simd.FusedMultiplyAdd(a4, x, y); a5 = Simd.FusedMultiplyAdd(a5, x, y);
                a6 = Simd.FusedMultiplyAdd(a6, x, y); a7 = Simd.FusedMultiplyAdd(a7, x, y); a8 = Simd.FusedMultiplyAdd(a8, x, y);
                a9 = Simd.FusedMultiplyAdd(a9, x, y); a10 = Simd.FusedMultiplyAdd(a10, x, y); a11 = Simd.FusedMultiplyAdd(a11, x, y);
            }
            return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
    }
}
