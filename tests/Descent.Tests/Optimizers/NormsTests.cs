using Descent.Optimizers;

namespace Descent.Tests.Optimizers;

/// <summary>
/// The 2-norm LAMB's and LARS's trust ratios use has PyTorch 1.13's bits (values from Debian's python3-torch
/// 1.13.1, torch.linalg.norm). Each vector was picked so that the plausible other orders (all fused, none fused,
/// lanes for double) give other bits.
/// </summary>
public class NormsTests
{
    /// <summary>Values with full mantissas that Python computes identically: a multiplicative hash scaled to [-0.5, 0.5).</summary>
    private static double[] Values(int n, int k) =>
        [.. Enumerable.Range(1, n).Select(i => (ulong)(i + 1000 * k) * 2654435761UL % 4294967296UL / 4294967296.0 - 0.5)];

    [Theory]
    [InlineData(2, 1, 0.27565402f)]
    [InlineData(3, 1, 0.4760231f)]
    [InlineData(5, 170, 0.6801031f)]
    [InlineData(6, 170, 0.68024814f)]
    [InlineData(7, 19, 0.8045828f)]
    [InlineData(15, 10, 1.1484092f)]
    [InlineData(1003, 1, 9.1414385f)]
    public void Float32NormsArePyTorchs(int n, int k, float expected) =>
        Assert.Equal(expected, Norms.L2<float>([.. Values(n, k).Select(v => (float)v)]));

    [Theory]
    [InlineData(2, 74, 0.4446282656761304)]
    [InlineData(3, 4, 0.5665991510771662)]
    [InlineData(5, 7, 0.6062206898732149)]
    [InlineData(100, 5, 2.898861769745959)]
    [InlineData(1003, 5, 9.144994186546016)]
    public void Float64NormsArePyTorchs(int n, int k, double expected) =>
        Assert.Equal(expected, Norms.L2<double>(Values(n, k)));
}
