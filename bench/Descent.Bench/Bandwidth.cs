using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Descent.Bench;

/// <summary>
/// The machine's memory bandwidth, measured as STREAM does: a copy (a = b) and a triad (a = b + s * c)
/// over float32 arrays, one contiguous range per core as the optimizer kernels split them; best of several passes.
/// </summary>
internal static class Bandwidth
{

    public static (double CopyBytesPerSecond, double TriadBytesPerSecond) Measure(int n, int passes = 10)
    {
        float[] a = new float[n], b = new float[n], c = new float[n];
        Split(n, (start, length) =>
        {
            b.AsSpan(start, length).Fill(1);
            c.AsSpan(start, length).Fill(2);
            a.AsSpan(start, length).Clear();
        });
        double copy = double.MaxValue, triad = double.MaxValue;
        for (int pass = 0; pass < passes; pass++)
        {
            var watch = Stopwatch.StartNew();
            Split(n, (start, length) => b.AsSpan(start, length).CopyTo(a.AsSpan(start, length)));
            copy = Math.Min(copy, watch.Elapsed.TotalSeconds);
            watch.Restart();
            Split(n, (start, length) => Triad(a.AsSpan(start, length), b.AsSpan(start, length), c.AsSpan(start, length), 3f));
            triad = Math.Min(triad, watch.Elapsed.TotalSeconds);
        }
        // Bytes moved as STREAM counts them: copy reads one array and writes one; triad reads two and writes one.
        return (2.0 * n * sizeof(float) / copy, 3.0 * n * sizeof(float) / triad);
    }

    private static void Split(int n, Action<int, int> work)
    {
        int workers = Environment.ProcessorCount, share = (n / workers + 7) / 8 * 8;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = Math.Min(w * share, n), length = Math.Min(share, n - start);
            if (length > 0) work(start, length);
        });
    }

    private static void Triad(Span<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, float s)
    {
        var va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector256<float>>(b);
        var vc = MemoryMarshal.Cast<float, Vector256<float>>(c);
        var vs = Vector256.Create(s);
        for (int i = 0; i < va.Length; i++) va[i] = vb[i] + vs * vc[i];
        for (int i = va.Length * Vector256<float>.Count; i < a.Length; i++) a[i] = b[i] + s * c[i];
    }
}
