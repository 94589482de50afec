using System.Numerics;
using Descent.Expressions;
using Descent.Tensors;

namespace Descent.Nn;

/// <summary>
/// A loss function with mean reduction, as PyTorch's defaults: its value through the autodiff graph
/// (<see cref="Forward"/>) and, right beside it in each loss, its value and gradient over rows for training.
/// </summary>
public abstract record Loss
{
    /// <summary>The loss's name in specs, e.g. <c>mse</c>.</summary>
    public abstract string Name { get; }

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

    /// <summary>The loss a spec names: <c>mse</c>, <c>l1</c>, <c>huber(delta=1.0)</c>, <c>bce_with_logits</c> or <c>cross_entropy</c>.</summary>
    /// <exception cref="ParseException">The text is not a spec.</exception>
    /// <exception cref="InputException">An unknown loss or argument.</exception>
    public static Loss Parse(string text)
    {
        Spec spec = Spec.Parse(text);
        string[] names = ["mse", "l1", "huber", "bce_with_logits", "cross_entropy"];
        double delta = 1.0;
        foreach (SpecArgument a in spec.Arguments)
        {
            if (spec.Name != "huber" || a.Key != "delta")
                throw new InputException($"loss {spec.Name}: unknown argument '{a.Key}'" + (spec.Name == "huber" ? " (it takes delta)" : " (it takes none)"));
            if (a.Value is not SpecValue.Number { Value: > 0 and var d } || !double.IsFinite(d))
                throw new InputException($"loss huber: delta = {a.Value} is invalid: it must be a number > 0");
            delta = d;
        }
        return spec.Name switch
        {
            "mse" => new MseLoss(),
            "l1" => new L1Loss(),
            "huber" => new HuberLoss(delta),
            "bce_with_logits" => new BceWithLogitsLoss(),
            "cross_entropy" => new CrossEntropyLoss(),
            _ => throw new InputException($"unknown loss '{spec.Name}'" +
                Spelling.Suggestion(spec.Name, names) + $" (known: {string.Join(", ", names)})"),
        };
    }
}
