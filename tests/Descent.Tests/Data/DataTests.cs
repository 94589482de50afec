using Descent.Data;
using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Tests.Data;

public class DataTests
{
    private static Dataset<double> Numbered(int n) => new(
        Tensor<double>.FromArray([.. Enumerable.Range(0, n * 2).Select(i => (double)i)], n, 2),
        Tensor<double>.FromArray([.. Enumerable.Range(0, n).Select(i => (double)i)], n, 1), ["a", "b"], ["y"]);

    [Fact]
    public void RandomSplitIsADisjointSeededPermutation()
    {
        var data = Numbered(1000);
        var parts = RandomSplit.ByFractions(data, [0.8, 0.2], new TorchGenerator(0));
        Assert.Equal(800, parts[0].Count);
        Assert.Equal(200, parts[1].Count);
        var seen = parts.SelectMany(p => p.Targets.ToArray()).ToHashSet();
        Assert.Equal(1000, seen.Count);
        // Rows stay whole: the features of target i are 2i and 2i + 1.
        for (int i = 0; i < 200; i++) Assert.Equal(parts[1].Targets[i, 0] * 2, parts[1].Features[i, 0]);
        Assert.Equal(parts[0].Targets.ToArray(), RandomSplit.ByFractions(data, [0.8, 0.2], new TorchGenerator(0))[0].Targets.ToArray());
        Assert.NotEqual(parts[0].Targets.ToArray(), RandomSplit.ByFractions(data, [0.8, 0.2], new TorchGenerator(1))[0].Targets.ToArray());
        Assert.NotEqual(Enumerable.Range(0, 800).Select(i => (double)i), parts[0].Targets.ToArray());
    }

    [Fact]
    public void SplitSizesFollowPyTorchsRemainderRule()
    {
        Assert.Equal([4, 3, 3], RandomSplit.Sizes(10, [0.34, 0.33, 0.33]));
        Assert.Equal([8, 2], RandomSplit.Sizes(10, [0.8, 0.2]));
        Assert.Throws<ArgumentException>(() => RandomSplit.Sizes(10, [0.5, 0.6]));
    }

    [Fact]
    public void TheLoaderBatchesInOrderWithASmallerLastBatchUnlessDropped()
    {
        var data = Numbered(10);
        var loader = new DataLoader<double>(data, 4);
        var batches = loader.Epoch(0).Select(b => b.Targets.ToArray()).ToList();
        Assert.Equal([[0.0, 1, 2, 3], [4.0, 5, 6, 7], [8.0, 9]], batches);
        Assert.Equal(2, new DataLoader<double>(data, 4, dropLast: true).Epoch(0).Count());
    }

    [Fact]
    public void ShufflingVisitsEverySampleOnceInANewSeededOrderEachEpoch()
    {
        var data = Numbered(50);
        var loader = new DataLoader<double>(data, 8, shuffle: true, seed: 3);
        double[] Epoch(DataLoader<double> l, int e) => [.. l.Epoch(e).SelectMany(b => b.Targets.ToArray())];
        double[] first = Epoch(loader, 0), second = Epoch(loader, 1);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), first.Order());
        Assert.NotEqual(first, second);
        Assert.Equal(first, Epoch(new DataLoader<double>(data, 8, shuffle: true, seed: 3), 0));
        // Features travel with their targets.
        foreach (var (f, t) in loader.Epoch(2))
            for (int i = 0; i < t.Dim(0); i++) Assert.Equal(t[i, 0] * 2, f[i, 0]);
    }

    [Fact]
    public void SyntheticDataIsTheFunctionPlusSeededNoise()
    {
        var f = Expression.Parse("x^2 + y^2");
        var clean = SyntheticData.Generate<double>(f, 500, noise: 0, new TorchGenerator(1));
        Assert.Equal(["x", "y"], clean.FeatureNames);
        for (int i = 0; i < 500; i++)
        {
            double x = clean.Features[i, 0], y = clean.Features[i, 1];
            Assert.InRange(x, 0, 1);
            Assert.Equal(x * x + y * y, clean.Targets[i, 0], 12);
        }
        var noisy = SyntheticData.Generate<double>(f, 20_000, noise: 1, new TorchGenerator(1));
        double[] residuals = [.. Enumerable.Range(0, 20_000).Select(i =>
            noisy.Targets[i, 0] - (Math.Pow(noisy.Features[i, 0], 2) + Math.Pow(noisy.Features[i, 1], 2)))];
        Assert.InRange(Math.Sqrt(residuals.Select(r => r * r).Average()), 0.97, 1.03);
        Assert.Equal(noisy.Targets.ToArray(), SyntheticData.Generate<double>(f, 20_000, noise: 1, new TorchGenerator(1)).Targets.ToArray());
        var ranged = SyntheticData.Generate<float>(Expression.Parse("a - b"), 100, 0, new TorchGenerator(2), low: -3, high: -1);
        Assert.All(ranged.Features.ToArray(), v => Assert.InRange(v, -3f, -1f));
    }

    [Theory]
    [InlineData("2 + 3", "has no variables")]
    [InlineData("log(x - 2)", "is not finite at sample 1")]
    public void SyntheticDataRefusesFunctionsItCannotSample(string text, string fragment)
    {
        var e = Assert.Throws<InputException>(() => SyntheticData.Generate<double>(Expression.Parse(text), 10, 0, new TorchGenerator(0)));
        Assert.Contains(fragment, e.Message);
    }
}
