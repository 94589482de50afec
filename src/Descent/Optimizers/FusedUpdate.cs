using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>
/// An optimizer's per-element update rule, written once over SIMD vectors: the parameter, its
/// gradient and up to three state buffers of the same length (unused ones may be ignored).
/// </summary>
internal interface IFusedUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    void Apply(ref Vector256<T> p, Vector256<T> g, ref Vector256<T> s0, ref Vector256<T> s1, ref Vector256<T> s2);
}

/// <summary>
/// Runs an <see cref="IFusedUpdate{T}"/> in one pass over memory: whole vectors, then the tail as
/// one zero-padded vector, so one piece of math serves every length; large tensors are split
/// across cores. The math is the same for every lane, so results do not depend on the split.
/// </summary>
internal static class FusedUpdate
{
    /// <summary>Below this many elements one thread does the work (threads would cost more than they save).</summary>
    private const int ParallelThreshold = 1 << 17;

    public static void Run<T, TUpdate>(in TUpdate update, Memory<T> p, ReadOnlyMemory<T> g, Memory<T> s0 = default, Memory<T> s1 = default, Memory<T> s2 = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TUpdate : struct, IFusedUpdate<T>
    {
        int n = p.Length;
        if (g.Length != n || (s0.Length != 0 && s0.Length != n) || (s1.Length != 0 && s1.Length != n) || (s2.Length != 0 && s2.Length != n))
            throw new ArgumentException("The parameter, gradient and state buffers differ in length.");
        if (n < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            Chunk(update, p.Span, g.Span, s0.Span, s1.Span, s2.Span);
            return;
        }
        InParallel(update, p, g, s0, s1, s2);
    }

    /// <summary>
    /// Contiguous ranges of whole vectors, a few per core, which keeps memory access sequential; each thread claims
    /// ranges in turn, so a core that another process holds up takes fewer. Allocation-free (see <see cref="ForkJoinJob"/>).
    /// </summary>
    private static void InParallel<T, TUpdate>(TUpdate update, Memory<T> p, ReadOnlyMemory<T> g, Memory<T> s0, Memory<T> s1, Memory<T> s2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TUpdate : struct, IFusedUpdate<T>
    {
        int n = p.Length, parts = PartsPerCore * Environment.ProcessorCount, width = Vector256<T>.Count;
        int share = (n / parts + width - 1) / width * width;
        UpdateJob<T, TUpdate>.ForThisThread.Run(update, p, g, s0, s1, s2, share, (n + share - 1) / share);
    }

    /// <summary>Ranges an update is cut into per core.</summary>
    private const int PartsPerCore = 4;

    /// <summary>One update's buffers and rule, kept per calling thread and reused, split into ranges of <c>share</c> elements.</summary>
    private sealed class UpdateJob<T, TUpdate> : ForkJoinJob
        where T : unmanaged, IFloatingPointIeee754<T>
        where TUpdate : struct, IFusedUpdate<T>
    {
        [ThreadStatic]
        private static UpdateJob<T, TUpdate>? t_job;

        private TUpdate _update;
        private Memory<T> _p, _s0, _s1, _s2;
        private ReadOnlyMemory<T> _g;
        private int _share;

        public static UpdateJob<T, TUpdate> ForThisThread => t_job ??= new UpdateJob<T, TUpdate>();

        public void Run(in TUpdate update, Memory<T> p, ReadOnlyMemory<T> g, Memory<T> s0, Memory<T> s1, Memory<T> s2, int share, int parts)
        {
            (_update, _p, _g, _s0, _s1, _s2, _share) = (update, p, g, s0, s1, s2, share);
            Run(parts);
            // The job outlives the call: it must not keep the buffers alive.
            (_update, _p, _g, _s0, _s1, _s2) = (default, default, default, default, default, default);
        }

        protected override void RunPart(int part)
        {
            int start = part * _share, length = Math.Min(_share, _p.Length - start);
            Chunk(_update, _p.Span.Slice(start, length), _g.Span.Slice(start, length),
                Slice(_s0, start, length), Slice(_s1, start, length), Slice(_s2, start, length));
        }
    }

    private static Span<T> Slice<T>(Memory<T> m, int start, int length) => m.Length == 0 ? default : m.Span.Slice(start, length);

    private static void Chunk<T, TUpdate>(in TUpdate rule, Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TUpdate : struct, IFusedUpdate<T>
    {
        // A local copy: calling through the 'in' reference would copy the rule defensively on every call,
        // since the compiler cannot know a type parameter is a readonly struct.
        TUpdate update = rule;
        int width = Vector256<T>.Count, n = p.Length, whole = n - n % width;
        ref T rp = ref MemoryMarshal.GetReference(p);
        ref T rg = ref MemoryMarshal.GetReference(g);
        ref T r0 = ref MemoryMarshal.GetReference(s0), r1 = ref MemoryMarshal.GetReference(s1), r2 = ref MemoryMarshal.GetReference(s2);
        bool h0 = s0.Length != 0, h1 = s1.Length != 0, h2 = s2.Length != 0;
        for (int i = 0; i < whole; i += width)
        {
            // Values in locals, not references into memory, so the inlined rule works in registers.
            nuint at = (nuint)i;
            Vector256<T> vp = Vector256.LoadUnsafe(ref rp, at), vg = Vector256.LoadUnsafe(ref rg, at);
            Vector256<T> v0 = h0 ? Vector256.LoadUnsafe(ref r0, at) : default;
            Vector256<T> v1 = h1 ? Vector256.LoadUnsafe(ref r1, at) : default;
            Vector256<T> v2 = h2 ? Vector256.LoadUnsafe(ref r2, at) : default;
            update.Apply(ref vp, vg, ref v0, ref v1, ref v2);
            vp.StoreUnsafe(ref rp, at);
            if (h0) v0.StoreUnsafe(ref r0, at);
            if (h1) v1.StoreUnsafe(ref r1, at);
            if (h2) v2.StoreUnsafe(ref r2, at);
        }
        if (whole == n) return;
        int rest = n - whole;
        Vector256<T> tp = default, tg = default, t0 = default, t1 = default, t2 = default;
        Span<T> sp = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref tp), width);
        Span<T> s0t = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref t0), width);
        Span<T> s1t = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref t1), width);
        Span<T> s2t = MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref t2), width);
        p[whole..].CopyTo(sp);
        g[whole..].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<T>, T>(ref tg), width));
        if (h0) s0[whole..].CopyTo(s0t);
        if (h1) s1[whole..].CopyTo(s1t);
        if (h2) s2[whole..].CopyTo(s2t);
        update.Apply(ref tp, tg, ref t0, ref t1, ref t2);
        sp[..rest].CopyTo(p[whole..]);
        if (h0) s0t[..rest].CopyTo(s0[whole..]);
        if (h1) s1t[..rest].CopyTo(s1[whole..]);
        if (h2) s2t[..rest].CopyTo(s2[whole..]);
    }
}
