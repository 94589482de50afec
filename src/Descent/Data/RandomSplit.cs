using System.Numerics;

namespace Descent.Data;

/// <summary>Splits a dataset into disjoint random parts, as PyTorch's <c>random_split</c>: a seeded permutation cut into pieces.</summary>
public static class RandomSplit
{
    /// <summary>Parts of the given sizes (which must add up to the dataset's size), in order, cut from <c>randperm</c> drawn from <paramref name="random"/>.</summary>
    public static Dataset<T>[] BySizes<T>(Dataset<T> dataset, IReadOnlyList<int> sizes, TorchGenerator random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(random);
        if (sizes.Any(s => s < 0) || sizes.Sum() != dataset.Count)
            throw new ArgumentException($"The split sizes ({string.Join(", ", sizes)}) must be non-negative and add up to {dataset.Count}.", nameof(sizes));
        int[] order = random.Permutation(dataset.Count);
        var parts = new Dataset<T>[sizes.Count];
        int start = 0;
        for (int i = 0; i < sizes.Count; i++)
        {
            parts[i] = dataset.Subset(order.AsSpan(start, sizes[i]));
            start += sizes[i];
        }
        return parts;
    }

    /// <summary>
    /// Parts in the given fractions (which must add up to 1). Like PyTorch, each part gets
    /// floor(fraction * n) samples and the remainder goes one each to the parts in turn; so 0.8 of
    /// 1000 samples is 800 and 0.8 of 1001 is 801.
    /// </summary>
    public static Dataset<T>[] ByFractions<T>(Dataset<T> dataset, IReadOnlyList<double> fractions, TorchGenerator random) where T : unmanaged, IFloatingPointIeee754<T> =>
        BySizes(dataset, Sizes(dataset.Count, fractions), random);

    /// <summary>The part sizes <see cref="ByFractions"/> uses for <paramref name="n"/> samples.</summary>
    public static int[] Sizes(int n, IReadOnlyList<double> fractions)
    {
        if (fractions.Any(f => !(f >= 0 && f <= 1)) || Math.Abs(fractions.Sum() - 1) > 1e-9)
            throw new ArgumentException($"The split fractions ({string.Join(", ", fractions)}) must be in [0, 1] and add up to 1.", nameof(fractions));
        // 1e-9 absorbs binary rounding, so that a fraction computed as 1 - 0.8 still gives 0.2 of n.
        int[] sizes = [.. fractions.Select(f => (int)Math.Floor(n * f + 1e-9))];
        int remainder = n - sizes.Sum();
        for (int i = 0; i < remainder; i++) sizes[i % sizes.Length]++;
        return sizes;
    }
}
