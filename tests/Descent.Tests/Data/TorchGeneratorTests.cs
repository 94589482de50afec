using Descent.Data;
using Descent.Nn;

namespace Descent.Tests.Data;

/// <summary>
/// The generator against values PyTorch 1.13.1 printed on this machine after torch.manual_seed(0)
/// (torch.rand(20, 1), torch.randperm(10), nn.Linear(2, 1), torch.randn(5), torch.randn(40, 1)).
/// </summary>
public class TorchGeneratorTests
{
    [Fact]
    public void UniformsAreTorchRands()
    {
        var g = new TorchGenerator(0);
        Assert.Equal([0.49625658988952637, 0.7682217955589294, 0.08847743272781372, 0.13203048706054688, 0.30742281675338745],
            Enumerable.Range(0, 5).Select(_ => (double)g.UniformSingle()));
    }

    [Fact]
    public void PermutationsAreTorchRandperms() => Assert.Equal([4, 1, 7, 5, 3, 9, 0, 8, 6, 2], new TorchGenerator(0).Permutation(10));

    [Fact]
    public void ReseedingStartsOverAndSkippingDrawsThatMany()
    {
        var g = new TorchGenerator(0);
        uint[] first = [.. Enumerable.Range(0, 700).Select(_ => g.NextUInt32())]; // past one twist of the state
        g.ManualSeed(0);
        g.Skip(650);
        Assert.Equal(first[650..], Enumerable.Range(0, 50).Select(_ => g.NextUInt32()));
        g.ManualSeed(0);
        Span<int> p = stackalloc int[10];
        g.Permutation(p);
        Assert.Equal([4, 1, 7, 5, 3, 9, 0, 8, 6, 2], p.ToArray());
    }

    [Fact]
    public void LinearLayersGetTorchsInitialWeights()
    {
        var layer = new Linear<float>(2, 1, new TorchGenerator(0));
        Assert.Equal([-0.005293981172144413f, 0.37932288646698f], layer.Weight.ToArray());
        Assert.Equal([-0.5819807648658752f], layer.Bias.ToArray());
    }

    [Fact]
    public void FewNormalsAreTorchsDoublePrecisionBoxMuller() =>
        Assert.Equal([1.5409960746765137f, -0.293428897857666f, -2.1787893772125244f, 0.5684312582015991f, -1.0845223665237427f],
            new TorchGenerator(0).Normal(5));

    [Fact]
    public void ManyNormalsAreTorchsBlocksOfSixteenToWithinRounding()
    {
        // PyTorch computes these logs and sines with its own vectorised approximations: equal to about an ulp.
        float[] n = new TorchGenerator(0).Normal(40);
        float[] expected = [-1.1258398294448853f, -1.152360200881958f, -0.2505785822868347f, -0.4338788092136383f, 0.8487103581428528f];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], n[i], 1e-6f);
        Assert.Equal(1.7066433429718018f, n[^1], 1e-6f);
    }
}
