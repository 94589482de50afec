using System.Diagnostics;
using Descent.Optimizers;
using Descent.Tensors;

namespace Descent.Bench;

/// <summary>
/// One optimizer step over 10,000,000 float32 parameters (Adam defaults, SGD momentum 0.9, Adagrad lr 0.01),
/// median of 20 steps after 3 warm-up steps: torch_reference.py's <c>step</c> workload. Each line also
/// gives the bytes the step must move and the fraction of the measured triad bandwidth it reached.
/// </summary>
internal static class StepBenchmark
{
    private const int N = 10_000_000;

    public static void Run(TextWriter output)
    {
        var (copy, triad) = Bandwidth.Measure(N);
        JsonLine.Write(output, new Dictionary<string, object>
        {
            ["workload"] = "bandwidth",
            ["variant"] = "stream",
            ["params"] = N,
            ["threads"] = Environment.ProcessorCount,
            ["copy_gb_per_s"] = Math.Round(copy / 1e9, 2),
            ["triad_gb_per_s"] = Math.Round(triad / 1e9, 2),
        });
        // Arrays read and written per element: parameter, gradient and the state buffers.
        (string Name, string Spec, int ArraysMoved)[] variants =
        [
            ("adam", "adam(lr=0.001)", 7),            // read p, g, m, v; write p, m, v
            ("sgd_momentum", "sgd(lr=0.001, momentum=0.9)", 5), // read p, g, b; write p, b
            ("adagrad", "adagrad(lr=0.01)", 5),       // read p, g, s; write p, s
            ("lion", "lion(lr=0.0001)", 5),           // read p, g, m; write p, m
            ("schedulefreeadamw", "schedulefreeadamw(lr=0.0025)", 7), // read p, g, z, v; write p, z, v
        ];
        foreach (var (name, spec, arrays) in variants)
        {
            var p = Tensor<float>.Zeros(N).RequireGrad();
            p.Grad = Gaussian(N, seed: 0);
            Optimizer<float> optimizer = OptimizerCatalog.Parse(spec).Create([p]);
            var times = new List<double>();
            for (int i = 0; i < 23; i++)
            {
                var watch = Stopwatch.StartNew();
                optimizer.Step();
                double seconds = watch.Elapsed.TotalSeconds;
                if (i >= 3) times.Add(seconds);
            }
            times.Sort();
            double median = (times[9] + times[10]) / 2;
            double bytesPerSecond = (double)arrays * N * sizeof(float) / median;
            JsonLine.Write(output, new Dictionary<string, object>
            {
                ["workload"] = "step",
                ["variant"] = name,
                ["params"] = N,
                ["seconds"] = median,
                ["gb_per_s"] = Math.Round(bytesPerSecond / 1e9, 2),
                ["fraction_of_triad_bandwidth"] = Math.Round(bytesPerSecond / triad, 3),
                // STREAM's triad counts 12 bytes an element, but the hardware also reads the written line first (16 bytes).
                ["fraction_of_triad_with_write_allocate"] = Math.Round(bytesPerSecond / (triad * 4 / 3), 3),
            });
        }
    }

    /// <summary>Standard normal samples (Box-Muller), seeded.</summary>
    private static Tensor<float> Gaussian(int n, int seed)
    {
        var random = new Random(seed);
        var t = Tensor<float>.Zeros(n);
        Span<float> d = t.Data;
        for (int i = 0; i < n; i += 2)
        {
            double u = 1 - random.NextDouble(), v = random.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u));
            d[i] = (float)(r * Math.Cos(2 * Math.PI * v));
            if (i + 1 < n) d[i + 1] = (float)(r * Math.Sin(2 * Math.PI * v));
        }
        return t;
    }
}
