using System.Numerics;
using Descent.Tensors;

namespace Descent.Data;

/// <summary>
/// Cuts a dataset into batches, as PyTorch's <c>DataLoader</c>: in order, or shuffled in a new order
/// each epoch, the order PyTorch's shuffling loader visits with a generator seeded with the same seed;
/// optionally dropping a last, smaller batch. Batches are copied into buffers reused from batch to
/// batch, so iterating allocates nothing.
/// </summary>
public sealed class DataLoader<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _order;
    private readonly Tensor<T> _featureBuffer, _targetBuffer;
    private readonly TorchGenerator? _generator;
    private int _generatorEpoch; // the epoch whose numbers _generator draws next
    private int _preparedEpoch = -1; // the epoch _order holds

    /// <summary>Creates a loader over <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch (at least 1).</param>
    /// <param name="shuffle">Visit the samples in a new random order each epoch.</param>
    /// <param name="seed">The seed of the shuffles: epoch e visits the order epoch e of PyTorch's
    /// <c>DataLoader(dataset, batch_size, shuffle=True, generator=g)</c> visits, g seeded with <c>manual_seed(seed)</c>.</param>
    /// <param name="dropLast">Leave out the last batch if it is smaller than <paramref name="batchSize"/>.</param>
    public DataLoader(Dataset<T> dataset, int batchSize, bool shuffle = false, ulong seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        _order = new int[dataset.Count];
        if (shuffle) _generator = new TorchGenerator(seed);
        _featureBuffer = Tensor<T>.Zeros(batchSize, dataset.Features.Dim(1));
        _targetBuffer = Tensor<T>.Zeros(batchSize, dataset.Targets.Dim(1));
    }

    /// <summary>The samples.</summary>
    public Dataset<T> Dataset { get; }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the samples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the shuffles.</summary>
    public ulong Seed { get; }

    /// <summary>Whether a last, smaller batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/> (0-based), each as features [b, f] and targets [b, t].
    /// The tensors are views of reused buffers: valid until the next batch is produced.
    /// </summary>
    public IEnumerable<(Tensor<T> Features, Tensor<T> Targets)> Epoch(int epoch)
    {
        PrepareOrder(epoch);
        for (int b = 0; b < BatchCount; b++) yield return Batch(b);
    }

    /// <summary>
    /// Fixes the sample order of epoch <paramref name="epoch"/> (0-based); call before <see cref="Batch"/>.
    /// Epochs may come in any order: epoch e's order depends only on the seed and e.
    /// </summary>
    public void PrepareOrder(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (_generator is null)
        {
            for (int i = 0; i < _order.Length; i++) _order[i] = i;
            return;
        }
        if (epoch == _preparedEpoch) return;
        // One generator runs through the epochs, as PyTorch's does; going back (the trainer starts
        // over for each optimizer) re-seeds it and going forward past epochs draws their numbers.
        if (epoch < _generatorEpoch)
        {
            _generator.ManualSeed(Seed);
            _generatorEpoch = 0;
        }
        for (; _generatorEpoch < epoch; _generatorEpoch++) _generator.Skip(DrawsPerEpoch);
        // What a full pass of PyTorch's loader draws: the iterator's base seed (an int64, two 32-bit
        // numbers; unused without worker processes), RandomSampler's randperm(n), and, once the
        // exhausted sampler finishes, a second randperm(n) cut to no samples.
        _generator.Skip(2);
        _generator.Permutation(_order);
        _generator.Skip(Math.Max(_order.Length - 1, 0));
        _generatorEpoch = epoch + 1;
        _preparedEpoch = epoch;
    }

    /// <summary>The 32-bit numbers one epoch draws: a base seed of two and two permutations of n - 1 each.</summary>
    private long DrawsPerEpoch => 2 + 2L * Math.Max(_order.Length - 1, 0);

    /// <summary>Batch <paramref name="index"/> of the order set by <see cref="PrepareOrder"/>, copied into the reused buffers.</summary>
    public (Tensor<T> Features, Tensor<T> Targets) Batch(int index)
    {
        int start = index * BatchSize, count = Math.Min(BatchSize, Dataset.Count - start);
        int f = Dataset.Features.Dim(1), t = Dataset.Targets.Dim(1);
        ReadOnlySpan<T> fx = Dataset.Features.Data, tx = Dataset.Targets.Data;
        Span<T> fd = _featureBuffer.Data, td = _targetBuffer.Data;
        for (int i = 0; i < count; i++)
        {
            int row = _order[start + i];
            fx.Slice(row * f, f).CopyTo(fd.Slice(i * f, f));
            tx.Slice(row * t, t).CopyTo(td.Slice(i * t, t));
        }
        return count == BatchSize
            ? (_featureBuffer, _targetBuffer)
            : (_featureBuffer.Rows(0, count), _targetBuffer.Rows(0, count));
    }
}
