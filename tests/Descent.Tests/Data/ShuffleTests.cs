using System.Text.Json;
using Descent.Data;
using Descent.Tensors;

namespace Descent.Tests.Data;

/// <summary>
/// Shuffled loaders against PyTorch 1.13.1's: Fixtures/shuffle.jsonl, recorded by Fixtures/generate_shuffle.py,
/// holds the orders DataLoader(..., shuffle=True, generator=g) visited epoch after epoch, g seeded with the seed.
/// </summary>
public class ShuffleTests
{
    public sealed record ShuffleCase(int N, int BatchSize, ulong Seed, bool DropLast, int[][] Orders)
    {
        public override string ToString() => $"n {N}, batch {BatchSize}, seed {Seed}{(DropLast ? ", drop last" : "")}";
    }

    private static ShuffleCase[] Load()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "shuffle.jsonl"))
            .Select(line => JsonSerializer.Deserialize<ShuffleCase>(line, options)!)];
    }

    public static TheoryData<ShuffleCase> Cases() => new(Load());

    private static DataLoader<double> Loader(ShuffleCase c) => new(
        new Dataset<double>(Tensor<double>.FromArray([.. Enumerable.Range(0, c.N).Select(i => (double)i)], c.N, 1),
            Tensor<double>.FromArray([.. Enumerable.Range(0, c.N).Select(i => (double)i)], c.N, 1), ["i"], ["y"]),
        c.BatchSize, shuffle: true, seed: c.Seed, dropLast: c.DropLast);

    private static int[] Order(DataLoader<double> loader, int epoch) =>
        [.. loader.Epoch(epoch).SelectMany(b => b.Targets.ToArray()).Select(v => (int)v)];

    [Fact]
    public void TheFixturesHoldTheTutorialsSplitAndSeveralEpochs()
    {
        ShuffleCase[] cases = Load();
        Assert.Contains(cases, c => c is { N: 800, BatchSize: 32, Seed: 0 });
        Assert.Contains(cases, c => c.N <= 12 && c.Seed != 0);
        Assert.All(cases, c => Assert.True(c.Orders.Length >= 3));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EpochsVisitPyTorchsOrders(ShuffleCase c)
    {
        var loader = Loader(c);
        for (int e = 0; e < c.Orders.Length; e++) Assert.Equal(c.Orders[e], Order(loader, e));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnEpochsOrderDependsOnlyOnTheSeedAndTheEpoch(ShuffleCase c)
    {
        // Backwards, skipping ahead, repeating: as Trainer.Compare starts over for each optimizer.
        var loader = Loader(c);
        int last = c.Orders.Length - 1;
        foreach (int e in new[] { last, 0, last, last, 1, 0 }) Assert.Equal(c.Orders[e], Order(loader, e));
    }
}
