using System.Numerics;
using Descent.Specs;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>
/// Gradient clipping between backward and the optimizer's step, as PyTorch 1.13's <c>torch.nn.utils</c>:
/// <see cref="ByNorm"/> (<c>clip_grad_norm_</c>) or <see cref="ByValue"/> (<c>clip_grad_value_</c>).
/// </summary>
public abstract record GradientClipping
{
    /// <summary>Throws if a setting is out of range.</summary>
    /// <exception cref="InputException">A setting out of range, named as the command line names it.</exception>
    public abstract void Validate();

    /// <summary>Clips the gradients of <paramref name="parameters"/> in place (parameters without a gradient are skipped).</summary>
    public abstract void Apply<T>(IEnumerable<Tensor<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Scales all gradients together so that their total <paramref name="NormType"/>-norm is at most
    /// <paramref name="MaxNorm"/>, as <c>clip_grad_norm_(parameters, max_norm, norm_type)</c>.
    /// </summary>
    /// <param name="MaxNorm">The largest total norm allowed (&gt; 0).</param>
    /// <param name="NormType">p of the p-norm (&gt; 0), or infinity for the largest absolute value.</param>
    public sealed record ByNorm(double MaxNorm, double NormType = 2) : GradientClipping
    {
        /// <inheritdoc/>
        public override void Validate()
        {
            if (!(MaxNorm > 0 && double.IsFinite(MaxNorm))) throw new InputException($"clip_grad_norm: max_norm = {SpecFormat.Number(MaxNorm)} is invalid: it must be a finite number > 0");
            if (!(NormType > 0)) throw new InputException($"clip_grad_norm: norm_type = {SpecFormat.Number(NormType)} is invalid: it must be > 0, or inf");
        }

        /// <inheritdoc/>
        public override void Apply<T>(IEnumerable<Tensor<T>> parameters) => ClipGradNorm(parameters, MaxNorm, NormType);

        /// <summary>The settings as PyTorch's call would write them, e.g. <c>clip_grad_norm_(max_norm=1, norm_type=2)</c>.</summary>
        public override string ToString() => $"clip_grad_norm_(max_norm={SpecFormat.Number(MaxNorm)}, norm_type={SpecFormat.Number(NormType)})";
    }

    /// <summary>Clamps every gradient entry to [-<paramref name="ClipValue"/>, <paramref name="ClipValue"/>], as <c>clip_grad_value_(parameters, clip_value)</c>.</summary>
    /// <param name="ClipValue">The largest absolute value allowed (&gt; 0).</param>
    public sealed record ByValue(double ClipValue) : GradientClipping
    {
        /// <inheritdoc/>
        public override void Validate()
        {
            if (!(ClipValue > 0 && double.IsFinite(ClipValue))) throw new InputException($"clip_grad_value: clip_value = {SpecFormat.Number(ClipValue)} is invalid: it must be a finite number > 0");
        }

        /// <inheritdoc/>
        public override void Apply<T>(IEnumerable<Tensor<T>> parameters) => ClipGradValue(parameters, ClipValue);

        /// <summary>The settings as PyTorch's call would write them, e.g. <c>clip_grad_value_(clip_value=0.5)</c>.</summary>
        public override string ToString() => $"clip_grad_value_(clip_value={SpecFormat.Number(ClipValue)})";
    }

    /// <summary>
    /// PyTorch 1.13's <c>clip_grad_norm_</c>: the norm of each gradient, the norm of those norms, then every
    /// gradient times min(max_norm / (total + 1e-6), 1), all in the gradients' element type; as PyTorch evaluates
    /// <c>max_norm / t</c> for a tensor t, the division is <c>(1 / t) * max_norm</c>.
    /// </summary>
    /// <returns>The total norm before clipping (0 when no parameter has a gradient).</returns>
    public static double ClipGradNorm<T>(IEnumerable<Tensor<T>> parameters, double maxNorm, double normType = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T>[] grads = [.. parameters.Select(p => p.Grad).OfType<Tensor<T>>()];
        if (grads.Length == 0) return 0;
        T p = T.CreateChecked(normType);
        T[] norms = [.. grads.Select(g => PNorm<T>(g.Data, p))];
        T total = grads.Length == 1 && T.IsPositiveInfinity(p) ? norms[0] : PNorm<T>(norms, p);
        T coefficient = T.One / (total + T.CreateChecked(1e-6)) * T.CreateChecked(maxNorm);
        coefficient = T.Min(coefficient, T.One);
        foreach (Tensor<T> g in grads)
        {
            Span<T> data = g.Data;
            for (int i = 0; i < data.Length; i++) data[i] *= coefficient;
        }
        return double.CreateChecked(total);
    }

    /// <summary>PyTorch 1.13's <c>clip_grad_value_</c>: every gradient entry clamped to [-clip_value, clip_value] (NaN stays NaN).</summary>
    public static void ClipGradValue<T>(IEnumerable<Tensor<T>> parameters, double clipValue) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T high = T.CreateChecked(clipValue), low = -high;
        foreach (Tensor<T> p in parameters)
        {
            if (p.Grad is not { } grad) continue;
            Span<T> data = grad.Data;
            for (int i = 0; i < data.Length; i++) data[i] = T.Min(T.Max(data[i], low), high);
        }
    }

    /// <summary>The p-norm of <paramref name="x"/> as PyTorch's CPU norm kernel computes it, accumulating in the element type.</summary>
    private static T PNorm<T>(ReadOnlySpan<T> x, T p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T acc = T.Zero;
        if (T.IsPositiveInfinity(p))
        {
            foreach (T v in x) acc = T.Max(acc, T.Abs(v));
            return acc;
        }
        if (p == T.Zero)
        {
            foreach (T v in x) acc += v != T.Zero ? T.One : T.Zero;
            return acc;
        }
        if (p == T.One)
        {
            foreach (T v in x) acc += T.Abs(v);
            return acc;
        }
        if (p == T.CreateChecked(2))
        {
            foreach (T v in x) acc += v * v;
            return T.Sqrt(acc);
        }
        foreach (T v in x) acc += T.Pow(T.Abs(v), p);
        return T.Pow(acc, T.One / p);
    }
}
