using System.Numerics;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// A loss function with mean reduction, as PyTorch's defaults: its value through the autodiff graph
/// (<see cref="Forward"/>) and, right beside it in each loss, its value and gradient over rows for training.
/// </summary>
public abstract record Loss : SpecOptions
{
    /// <summary>The loss's name in specs, e.g. <c>mse</c>.</summary>
    public abstract override string Name { get; }

    /// <summary>The mean loss of <paramref name="prediction"/> against <paramref name="target"/>, as a rank-0 tensor in the graph.</summary>
    public abstract Tensor<T> Forward<T>(Tensor<T> prediction, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// The mean loss over <paramref name="rows"/> rows (computed in double) and its gradient with
    /// respect to each prediction (in T), as backward from the mean would give it.
    /// </summary>
    internal abstract double ValueAndGradient<T>(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, int rows, int width)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>How many outputs a model needs for targets with <paramref name="targetColumns"/> columns and these values; checks the values suit the loss.</summary>
    /// <exception cref="InputException">A target value this loss cannot take (e.g. a class index that is not a whole number).</exception>
    public virtual int ModelOutputs<T>(int targetColumns, ReadOnlySpan<T> targets) where T : unmanaged, IFloatingPointIeee754<T> => targetColumns;
}
