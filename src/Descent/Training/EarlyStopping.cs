using System.Numerics;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>
/// Early stopping on the test (validation) loss, as Keras' <c>EarlyStopping(patience=P, restore_best_weights=True)</c>
/// and PyTorch Lightning's: keeps a copy of the weights of the epoch with the lowest test loss so far, asks to stop
/// once <see cref="Patience"/> epochs in a row have not lowered it, and puts those weights back at the end.
/// </summary>
public sealed class EarlyStopping<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<Tensor<T>> _parameters;
    private readonly T[][] _best;

    /// <summary>Watches <paramref name="parameters"/> (copied when the test loss improves); stops after <paramref name="patience"/> epochs without improvement.</summary>
    public EarlyStopping(IReadOnlyList<Tensor<T>> parameters, int patience)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        _parameters = parameters;
        _best = [.. parameters.Select(p => p.ToArray())];
        Patience = patience;
    }

    /// <summary>Epochs without a lower test loss after which training stops.</summary>
    public int Patience { get; }

    /// <summary>The lowest test loss seen (infinity before the first epoch).</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>The 1-based epoch of <see cref="BestLoss"/>, 0 before the first epoch.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>
    /// Records epoch <paramref name="epoch"/> (1-based) with test loss <paramref name="testLoss"/>, taken with the
    /// parameters as they are now (so in eval mode); true when training should stop.
    /// </summary>
    public bool Observe(int epoch, double testLoss)
    {
        // A loss that is NaN never improves; strictly lower is better, as Keras with min_delta = 0.
        if (testLoss < BestLoss)
        {
            BestLoss = testLoss;
            BestEpoch = epoch;
            for (int i = 0; i < _parameters.Count; i++) _parameters[i].Data.CopyTo(_best[i]);
        }
        return epoch - BestEpoch >= Patience;
    }

    /// <summary>Puts the best epoch's weights back into the parameters (nothing if no epoch was observed).</summary>
    public void Restore()
    {
        if (BestEpoch == 0) return;
        for (int i = 0; i < _parameters.Count; i++) _best[i].CopyTo(_parameters[i].Data);
    }

    /// <summary>The best epoch's weights, in parameter order (copies).</summary>
    public IReadOnlyList<Tensor<T>> BestWeights() => [.. _best.Select((b, i) => Tensor<T>.FromArray(b, [.. _parameters[i].Shape]))];

    /// <summary>Continues from a saved <see cref="BestLoss"/>, <see cref="BestEpoch"/> and <see cref="BestWeights"/>.</summary>
    public void Resume(double bestLoss, int bestEpoch, IReadOnlyList<Tensor<T>> bestWeights)
    {
        ArgumentNullException.ThrowIfNull(bestWeights);
        if (bestWeights.Count != _best.Length) throw new ArgumentException($"{bestWeights.Count} tensors for {_best.Length} parameters.", nameof(bestWeights));
        for (int i = 0; i < _best.Length; i++)
        {
            if (!bestWeights[i].Shape.SequenceEqual(_parameters[i].Shape)) throw new ArgumentException($"Weight {i} has another shape than its parameter.", nameof(bestWeights));
            bestWeights[i].Data.CopyTo(_best[i]);
        }
        (BestLoss, BestEpoch) = (bestLoss, bestEpoch);
    }
}
