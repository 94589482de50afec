using System.Numerics;
using System.Runtime.Intrinsics;
using Descent.Tensors;

namespace Descent.Tests.Tensors;

/// Matrix products over awkward shapes (vectors, primes, tiles with tails, products split across threads), with
/// and without transposed operands and accumulation, for float and double.
public class MatrixKernelsTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 1, 7, 1 }, { 1, 40, 1 }, { 33, 5, 1 }, { 1, 5, 33 }, { 2, 3, 4 }, { 3, 2, 7 }, { 5, 1, 40 },
        { 7, 13, 8 }, { 6, 256, 32 }, { 13, 257, 67 }, { 97, 300, 61 }, { 1, 1000, 16 }, { 64, 64, 64 },
        { 70, 513, 45 }, { 1024, 3, 17 }, { 31, 2, 1024 },
        // Products large enough to be split across threads: by columns, and by rows.
        { 37, 1031, 293 }, { 900, 520, 19 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatProductsMatchAReference(int m, int k, int n) => CheckAll<float>(m, k, n);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DoubleProductsMatchAReference(int m, int k, int n) => CheckAll<double>(m, k, n);

    private static void CheckAll<T>(int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                    Check<T>(m, k, n, transposeA, transposeB, accumulate);
    }

    private static void Check<T>(int m, int k, int n, bool transposeA, bool transposeB, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(m * 1_000_003 + k * 1_009 + n);
        T[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1))];
        T[] a = Values(m * k), b = Values(k * n), start = Values(m * n), c = (T[])start.Clone();
        T A(int i, int p) => transposeA ? a[p * m + i] : a[i * k + p];
        T B(int p, int j) => transposeB ? b[j * k + p] : b[p * n + j];

        MatrixKernels.Multiply<T>(a, b, c, m, k, n, accumulate, transposeA, transposeB);

        string where = $"{typeof(T).Name} [{m}, {k}] x [{k}, {n}], transposeA {transposeA}, transposeB {transposeB}, accumulate {accumulate}";
        bool packed = m >= 4 && n != 1 && n >= Vector256<T>.Count;
        // Large products: every third row and column, and the last of each (the reference is slow).
        int stride = (long)m * k * n > 2_000_000 ? 3 : 1;
        for (int i = 0; i < m; i = i + stride < m || i == m - 1 ? i + stride : m - 1)
            for (int j = 0; j < n; j = j + stride < n || j == n - 1 ? j + stride : n - 1)
            {
                T initial = accumulate ? start[i * n + j] : T.Zero;
                if (packed)
                {
                    // The packed kernel is one fused multiply-add chain over k in order: exactly this.
                    T chain = initial;
                    for (int p = 0; p < k; p++) chain = T.FusedMultiplyAdd(A(i, p), B(p, j), chain);
                    Assert.True(chain == c[i * n + j], $"{where}: C[{i}, {j}] = {c[i * n + j]}, not {chain}");
                }
                else
                {
                    double exact = double.CreateChecked(initial), size = Math.Abs(exact);
                    for (int p = 0; p < k; p++)
                    {
                        double term = double.CreateChecked(A(i, p)) * double.CreateChecked(B(p, j));
                        exact += term;
                        size += Math.Abs(term);
                    }
                    // The narrow kernels round each product and sum in T, in their own order.
                    double unit = typeof(T) == typeof(float) ? 6e-8 : 1.2e-16, tolerance = 2 * (k + 1) * unit * size;
                    Assert.True(Math.Abs(double.CreateChecked(c[i * n + j]) - exact) <= tolerance,
                        $"{where}: C[{i}, {j}] = {c[i * n + j]}, not {exact} within {tolerance}");
                }
            }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 9)]
    [InlineData(9, 1)]
    [InlineData(8, 8)]
    [InlineData(4, 12)]
    [InlineData(17, 23)]
    [InlineData(64, 40)]
    public void TransposesAnyShape(int rows, int cols)
    {
        float[] f = [.. Enumerable.Range(0, rows * cols).Select(i => (float)i)], ft = new float[rows * cols];
        double[] d = [.. f.Select(v => (double)v)], dt = new double[rows * cols];
        MatrixKernels.Transpose<float>(f, ft, rows, cols);
        MatrixKernels.Transpose<double>(d, dt, rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                Assert.Equal(f[i * cols + j], ft[j * rows + i]);
                Assert.Equal(d[i * cols + j], dt[j * rows + i]);
            }
    }

    [Fact]
    public void AnEmptyReductionGivesZerosOrLeavesCAsItWas()
    {
        float[] c = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        MatrixKernels.Multiply<float>([], [], c, 2, 0, 8, accumulate: true);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (float)i), c);
        MatrixKernels.Multiply<float>([], [], c, 2, 0, 8);
        Assert.All(c, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RepeatedProductsAllocateNothing()
    {
        // Packing buffers and the job that splits a product across threads are kept per thread.
        float[] a = new float[256 * 512], b = new float[512 * 384], c = new float[256 * 384];
        a.AsSpan().Fill(0.5f);
        b.AsSpan().Fill(0.25f);
        for (int warm = 0; warm < 3; warm++) MatrixKernels.Multiply<float>(a, b, c, 256, 512, 384, transposeB: warm == 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) MatrixKernels.Multiply<float>(a, b, c, 256, 512, 384, accumulate: i % 2 == 0, transposeB: i % 3 == 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
