using System.Numerics;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Training;

/// <summary>
/// Where a training run stopped being finite: the optimizer step after which the loss was not finite, the parameter
/// to blame (the first, in the model's order, holding a value that is not finite; with every weight finite, the one
/// with the largest gradient), and the size of that step's gradient.
/// </summary>
public sealed record Divergence
{
    /// <summary>The optimizer step to blame, counted from 1 over the whole run; 0 when the loss was not finite at the initial weights.</summary>
    public required int Step { get; init; }

    /// <summary>The 1-based epoch of <see cref="Step"/> (1 for step 0).</summary>
    public required int Epoch { get; init; }

    /// <summary>The 1-based batch of <see cref="Step"/> within its epoch (0 for step 0).</summary>
    public required int Batch { get; init; }

    /// <summary>The loss found after the step: the next batch's loss, or the whole training set's after the last step.</summary>
    public required double Loss { get; init; }

    /// <summary>The parameter to blame, by its <c>state_dict</c> name, e.g. <c>weight</c> or <c>0.weight</c>.</summary>
    public required string Parameter { get; init; }

    /// <summary>Whether <see cref="Parameter"/> holds values that are not finite (otherwise it had the largest gradient).</summary>
    public required bool ParameterNotFinite { get; init; }

    /// <summary>The 2-norm of the gradient the step used (all parameters together, after any clipping).</summary>
    public required double GradientNorm { get; init; }

    /// <summary>The 2-norm of <see cref="Parameter"/>'s part of that gradient.</summary>
    public required double ParameterGradientNorm { get; init; }

    /// <summary>
    /// The step and the parameter to blame in a phrase, e.g. "step 56 (epoch 3, batch 6) left weight not finite; its gradient
    /// norm was 3.2e+19 (3.2e+19 in weight)".
    /// </summary>
    public override string ToString()
    {
        if (Step == 0) return ParameterNotFinite ? $"{Parameter} is not finite at the initial weights" : "at the initial weights";
        string step = $"step {Step} (epoch {Epoch}, batch {Batch})";
        return ParameterNotFinite
            ? $"{step} left {Parameter} not finite; its gradient norm was {Short(GradientNorm)} ({Short(ParameterGradientNorm)} in {Parameter})"
            : $"the weights are finite after {step}, whose gradient norm was {Short(GradientNorm)}, largest in {Parameter} ({Short(ParameterGradientNorm)})";
    }

    /// <summary>
    /// The divergence of a model whose loss came out <paramref name="loss"/> (not finite) after <paramref name="steps"/>
    /// optimizer steps of <paramref name="batches"/> a epoch; reads the parameters and the gradients of the last step,
    /// still in their <c>Grad</c>. Called once, when a run stops, so it may take its time.
    /// </summary>
    internal static Divergence Find<T>(IEnumerable<(string Name, Tensor<T> Value)> parameters, int steps, int batches, double loss)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string? notFinite = null, largest = null;
        double total = 0, largestKey = -1, largestNorm = double.NaN, blamedNorm = double.NaN;
        foreach (var (name, value) in parameters)
        {
            double norm = value.Grad is { } g ? Norm(g.Data) : 0;
            total += norm * norm;
            if (notFinite is null && !AllFinite(value.Data))
            {
                notFinite = name;
                blamedNorm = norm;
            }
            // A gradient that is NaN counts as the largest.
            double key = double.IsNaN(norm) ? double.PositiveInfinity : norm;
            if (largest is null || key > largestKey) (largest, largestKey, largestNorm) = (name, key, norm);
        }
        int epoch = steps == 0 ? 1 : (steps - 1) / batches + 1, batch = steps == 0 ? 0 : (steps - 1) % batches + 1;
        return new Divergence
        {
            Step = steps,
            Epoch = epoch,
            Batch = batch,
            Loss = loss,
            Parameter = notFinite ?? largest ?? "",
            ParameterNotFinite = notFinite is not null,
            GradientNorm = Math.Sqrt(total),
            ParameterGradientNorm = notFinite is not null ? blamedNorm : largestNorm,
        };
    }

    private static double Norm<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // In double: a float32 gradient of 1e20 overflows when squared.
        double sum = 0;
        foreach (T v in values) sum += double.CreateTruncating(v) * double.CreateTruncating(v);
        return Math.Sqrt(sum);
    }

    private static bool AllFinite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (T v in values)
            if (!T.IsFinite(v)) return false;
        return true;
    }

    private static string Short(double value) => double.IsFinite(value) ? Curvature.StabilityBound.Short(value) : SpecFormat.Number(value);
}
