using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Descent.Tensors;

/// <summary>
/// C = A B (or C += A B) as high-performance BLAS libraries compute it (Goto's algorithm): B is packed in
/// panels two vectors wide and A in panels of <see cref="MR"/> rows, blocked for the caches, and a
/// register-blocked micro-kernel keeps an MR x NR tile of C in vector registers while it runs fused multiply-adds
/// over a panel pair. Large products are split across cores by columns or rows of C.
/// <para>
/// Every element of C is one chain of fused multiply-adds over k in order, starting from 0 (or from C when
/// accumulating): c = fma(a[i, k-1], b[k-1, j], ... fma(a[i, 0], b[0, j], c)). Blocking over k only stores and
/// reloads C between links of the chain, so the result does not depend on the blocking, the vector width or the
/// number of threads.
/// </para>
/// </summary>
internal static unsafe class PackedMatrixMultiply
{
    /// <summary>Rows of the register tile.</summary>
    private const int MR = 6;

    /// <summary>Reduction length of one block: an MR x KC panel of A and a KC x NR panel of B stay in L1.</summary>
    private const int KC = 256;

    /// <summary>Rows of A packed at a time (a multiple of MR): MC x KC stays in L2.</summary>
    private const int MC = 96;

    /// <summary>Columns of B packed at a time, in vectors (times the vector width times 2 is NC).</summary>
    private const int NCVectors = 128;

    /// <summary>Room after the packed A panels for the vector stores of the last step of k to spill into.</summary>
    private const int PackSlack = 8;

    /// <summary>Parts a product is cut into per core, at most.</summary>
    private const int PartsPerCore = 4;

    /// <summary>Below this many multiply-adds one thread does the whole product: waking another costs more.</summary>
    private const long ParallelThreshold = 1L << 22;

    /// <summary>Whether this machine has vectors the kernel can use.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// C[m, n] = A[m, k] B[k, n], or C += A B when <paramref name="accumulate"/>. A is read as its transpose from a
    /// [k, m] matrix when <paramref name="transposeA"/>, B from an [n, k] matrix when <paramref name="transposeB"/>.
    /// </summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            Job<T>.ForThisThread.Multiply(new Product<T>(pa, pb, pc, m, k, n, accumulate, transposeA, transposeB));
        }
    }

    /// <summary>The operands of one product, as raw pointers so that the threads of a split can share them (the caller keeps them pinned).</summary>
    private readonly struct Product<T>(T* a, T* b, T* c, int m, int k, int n, bool accumulate, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly T* A = a, B = b, C = c;
        public readonly int M = m, K = k, N = n;
        public readonly bool Accumulate = accumulate;

        // Element (i, p) of A is A[i * ARow + p * ACol]; element (p, j) of B is B[p * BRow + j * BCol].
        public readonly nint ARow = transposeA ? 1 : k, ACol = transposeA ? m : 1;
        public readonly nint BRow = transposeB ? 1 : n, BCol = transposeB ? k : 1;
    }

    /// <summary>One product split into parts by columns (or rows) of C, each part blocked and packed on its own thread.</summary>
    private sealed class Job<T> : ForkJoinJob where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic]
        private static Job<T>? t_job;

        private Product<T> _product;
        private int _rowChunk, _columnChunk, _columnParts;

        public static Job<T> ForThisThread => t_job ??= new Job<T>();

        public void Multiply(in Product<T> product)
        {
            _product = product;
            int m = product.M, n = product.N, nr = 2 * Lanes<T>();
            long work = (long)m * n * product.K;
            // A few parts per core, claimed in turn: a core that another process holds up takes fewer of them.
            int parts = Environment.ProcessorCount == 1 ? 1 : (int)Math.Clamp(work / ParallelThreshold, 1, PartsPerCore * Environment.ProcessorCount);
            // A grid of rows x columns of C, in whole register tiles. Each part packs its rows of A and its columns of B,
            // so a grid of r x c parts packs A c times and B r times: take the grid that packs least.
            int rowTiles = (m + MR - 1) / MR, columnTiles = (n + nr - 1) / nr, rowParts = 1;
            for (int r = 1; r <= parts; r++)
                if (parts % r == 0 && (long)(parts / r) * m + (long)r * n < (long)(parts / rowParts) * m + (long)rowParts * n) rowParts = r;
            _rowChunk = (rowTiles + rowParts - 1) / rowParts * MR;
            _columnChunk = (columnTiles + parts / rowParts - 1) / (parts / rowParts) * nr;
            _columnParts = (n + _columnChunk - 1) / _columnChunk;
            Run((m + _rowChunk - 1) / _rowChunk * _columnParts);
            _product = default;
        }

        protected override void RunPart(int part)
        {
            int i0 = part / _columnParts * _rowChunk, j0 = part % _columnParts * _columnChunk;
            RunBlocks(_product, i0, Math.Min(i0 + _rowChunk, _product.M), j0, Math.Min(j0 + _columnChunk, _product.N));
        }
    }

    private static int Lanes<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count;

    private static void RunBlocks<T>(in Product<T> p, int i0, int i1, int j0, int j1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated) Blocks<T, Vector512<T>, Width512<T>>(p, i0, i1, j0, j1);
        else Blocks<T, Vector256<T>, Width256<T>>(p, i0, i1, j0, j1);
    }

    /// <summary>Rows i0..i1 and columns j0..j1 of C, in cache blocks: for each KC x NC block of B, packed once, every MC x KC block of A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Blocks<T, TVector, TWidth>(in Product<T> p, int i0, int i1, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TWidth : ISimdWidth<T, TVector>
    {
        int nr = 2 * TWidth.Count, nc = NCVectors * TWidth.Count;
        T* packedA = PackBuffers<T>.A(MC * KC + PackSlack), packedB = PackBuffers<T>.B(nc * KC);
        T* tile = stackalloc T[MR * nr];
        for (int jc = j0; jc < j1; jc += nc)
        {
            int ncb = Math.Min(nc, j1 - jc);
            for (int pc = 0; pc < p.K; pc += KC)
            {
                int kc = Math.Min(KC, p.K - pc);
                PackB(p, pc, kc, jc, ncb, nr, packedB);
                // The first block of k starts each chain from 0 unless C is accumulated into.
                bool load = p.Accumulate || pc > 0;
                for (int ic = i0; ic < i1; ic += MC)
                {
                    int mcb = Math.Min(MC, i1 - ic);
                    PackA(p, ic, mcb, pc, kc, packedA);
                    for (int jr = 0; jr < ncb; jr += nr)
                    {
                        int cols = Math.Min(nr, ncb - jr);
                        T* bPanel = packedB + (nint)jr * kc;
                        for (int ir = 0; ir < mcb; ir += MR)
                        {
                            int rows = Math.Min(MR, mcb - ir);
                            T* aPanel = packedA + (nint)ir * kc;
                            T* cTile = p.C + (nint)(ic + ir) * p.N + jc + jr;
                            if (rows == MR && cols == nr)
                            {
                                Kernel<T, TVector, TWidth>(aPanel, bPanel, cTile, p.N, kc, load);
                                continue;
                            }
                            // An edge tile runs in a full-size buffer; only its part inside C is copied in and out.
                            if (load)
                                for (int r = 0; r < rows; r++)
                                    new ReadOnlySpan<T>(cTile + (nint)r * p.N, cols).CopyTo(new Span<T>(tile + r * nr, cols));
                            Kernel<T, TVector, TWidth>(aPanel, bPanel, tile, nr, kc, load);
                            for (int r = 0; r < rows; r++)
                                new ReadOnlySpan<T>(tile + r * nr, cols).CopyTo(new Span<T>(cTile + (nint)r * p.N, cols));
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Rows ic..ic+rows of A over k = pc..pc+kc as panels of MR rows: panel r holds A[ic + r*MR + i, pc + q] at
    /// q * MR + i, rows past the end zero. May write a few elements past the last panel (see <see cref="PackSlack"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(in Product<T> p, int ic, int rows, int pc, int kc, T* packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector256<T>.Count;
        for (int ir = 0; ir < rows; ir += MR)
        {
            T* panel = packed + (nint)ir * kc;
            int height = Math.Min(MR, rows - ir), q = 0;
            T* source = p.A + (ic + ir) * p.ARow + pc * p.ACol;
            if (p.ACol == 1 && BlockTranspose.IsSupported)
            {
                // Rows of A are contiguous over k: transpose lane-square blocks. Each column of a block is stored as a
                // full vector at stride MR; what spills past the MR values is overwritten by the next store.
                for (; q + lanes <= kc; q += lanes)
                {
                    for (int i = (MR - 1) / lanes * lanes; i >= 0; i -= lanes)
                        BlockTranspose.Transpose(source + i * p.ARow + q, p.ARow, Math.Clamp(height - i, 0, lanes), panel + q * MR + i, MR);
                }
            }
            else if (p.ARow == 1 && height == MR && ic + ir + (MR + lanes - 1) / lanes * lanes <= p.M)
            {
                // A is stored transposed: the MR values of one step of k are contiguous (and so are the next few, which
                // the vectors read and spill into the next step's place, overwritten next).
                for (; q < kc; q++)
                {
                    T* column = source + q * p.ACol;
                    for (int i = 0; i < MR; i += lanes) Vector256.Store(Vector256.Load(column + i), panel + q * MR + i);
                }
            }
            for (; q < kc; q++)
                for (int i = 0; i < MR; i++) panel[q * MR + i] = i < height ? source[i * p.ARow + q * p.ACol] : T.Zero;
        }
    }

    /// <summary>
    /// Columns jc..jc+cols of B over k = pc..pc+kc as panels of <paramref name="nr"/> columns: panel j holds
    /// B[pc + q, jc + j*nr + i] at q * nr + i, columns past the end zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(in Product<T> p, int pc, int kc, int jc, int cols, int nr, T* packed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector256<T>.Count;
        for (int jr = 0; jr < cols; jr += nr)
        {
            T* panel = packed + (nint)jr * kc;
            int width = Math.Min(nr, cols - jr), q = 0;
            if (p.BCol == 1)
            {
                // Rows of B are contiguous: copy a row segment per step of k.
                for (; q < kc; q++)
                {
                    T* source = p.B + (pc + q) * p.BRow + jc + jr, row = panel + q * nr;
                    if (width == nr)
                        for (int j = 0; j < nr; j += lanes) Vector256.Store(Vector256.Load(source + j), row + j);
                    else
                        for (int j = 0; j < nr; j++) row[j] = j < width ? source[j] : T.Zero;
                }
                continue;
            }
            // B is stored transposed, each of its columns contiguous over k: transpose lane-square blocks.
            T* columns = p.B + (jc + jr) * p.BCol + pc;
            if (BlockTranspose.IsSupported)
            {
                // A lane's worth of B's columns at a time, all along k: few memory streams at once for the prefetcher.
                int whole = kc - kc % lanes;
                for (int j = 0; j < nr; j += lanes)
                    for (q = 0; q < whole; q += lanes)
                        BlockTranspose.Transpose(columns + j * p.BCol + q, p.BCol, Math.Clamp(width - j, 0, lanes), panel + q * nr + j, nr);
                q = whole;
            }
            for (; q < kc; q++)
                for (int j = 0; j < nr; j++) panel[q * nr + j] = j < width ? columns[j * p.BCol + q] : T.Zero;
        }
    }

    /// <summary>
    /// The MR x 2-vector tile of C at <paramref name="c"/> (row stride <paramref name="ldc"/>) plus the product of an
    /// A panel and a B panel over <paramref name="kc"/> steps, all in registers; from zero unless <paramref name="load"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<T, TVector, TWidth>(T* a, T* b, T* c, nint ldc, int kc, bool load)
        where T : unmanaged, IFloatingPointIeee754<T> where TVector : struct where TWidth : ISimdWidth<T, TVector>
    {
        int w = TWidth.Count;
        TVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load)
        {
            c00 = TWidth.Load(c); c01 = TWidth.Load(c + w);
            c10 = TWidth.Load(c + ldc); c11 = TWidth.Load(c + ldc + w);
            c20 = TWidth.Load(c + 2 * ldc); c21 = TWidth.Load(c + 2 * ldc + w);
            c30 = TWidth.Load(c + 3 * ldc); c31 = TWidth.Load(c + 3 * ldc + w);
            c40 = TWidth.Load(c + 4 * ldc); c41 = TWidth.Load(c + 4 * ldc + w);
            c50 = TWidth.Load(c + 5 * ldc); c51 = TWidth.Load(c + 5 * ldc + w);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = TWidth.Zero;
        }
        for (int q = 0; q < kc; q++)
        {
            TVector b0 = TWidth.Load(b), b1 = TWidth.Load(b + w), x;
            x = TWidth.Broadcast(a[0]); c00 = TWidth.FusedMultiplyAdd(x, b0, c00); c01 = TWidth.FusedMultiplyAdd(x, b1, c01);
            x = TWidth.Broadcast(a[1]); c10 = TWidth.FusedMultiplyAdd(x, b0, c10); c11 = TWidth.FusedMultiplyAdd(x, b1, c11);
            x = TWidth.Broadcast(a[2]); c20 = TWidth.FusedMultiplyAdd(x, b0, c20); c21 = TWidth.FusedMultiplyAdd(x, b1, c21);
            x = TWidth.Broadcast(a[3]); c30 = TWidth.FusedMultiplyAdd(x, b0, c30); c31 = TWidth.FusedMultiplyAdd(x, b1, c31);
            x = TWidth.Broadcast(a[4]); c40 = TWidth.FusedMultiplyAdd(x, b0, c40); c41 = TWidth.FusedMultiplyAdd(x, b1, c41);
            x = TWidth.Broadcast(a[5]); c50 = TWidth.FusedMultiplyAdd(x, b0, c50); c51 = TWidth.FusedMultiplyAdd(x, b1, c51);
            a += MR;
            b += 2 * w;
        }
        TWidth.Store(c00, c); TWidth.Store(c01, c + w);
        TWidth.Store(c10, c + ldc); TWidth.Store(c11, c + ldc + w);
        TWidth.Store(c20, c + 2 * ldc); TWidth.Store(c21, c + 2 * ldc + w);
        TWidth.Store(c30, c + 3 * ldc); TWidth.Store(c31, c + 3 * ldc + w);
        TWidth.Store(c40, c + 4 * ldc); TWidth.Store(c41, c + 4 * ldc + w);
        TWidth.Store(c50, c + 5 * ldc); TWidth.Store(c51, c + 5 * ldc + w);
    }

    /// <summary>
    /// Each thread's packing buffers, allocated on its first product and kept (pinned, 64-byte aligned), so products
    /// in steady state allocate nothing.
    /// </summary>
    private static class PackBuffers<T> where T : unmanaged
    {
        [ThreadStatic]
        private static T[]? t_a;

        [ThreadStatic]
        private static T[]? t_b;

        public static T* A(int length) => Aligned(ref t_a, length);

        public static T* B(int length) => Aligned(ref t_b, length);

        private static T* Aligned(ref T[]? buffer, int length)
        {
            int slack = 64 / sizeof(T);
            if (buffer is null || buffer.Length < length + slack) buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
            T* start = (T*)Unsafe.AsPointer(ref buffer[0]);
            return (T*)(((nint)start + 63) & ~(nint)63);
        }
    }
}
