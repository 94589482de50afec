using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>
/// The pieces of update math optimizers share, each rounded as PyTorch 1.13's CPU kernel for the
/// same tensor op rounds it: parity depends on the order of operations and on where a multiply-add is fused.
/// </summary>
internal static class VectorMath
{
    /// <summary>
    /// a * b + c rounded once. PyTorch's CPU kernels compute <c>x.add_(y, alpha=a)</c> and
    /// <c>x.addcmul_(y, z, value=v)</c> as fused multiply-adds, so parity needs them exactly there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) where T : unmanaged, IFloatingPointIeee754<T> =>
        Simd.FusedMultiplyAdd(a, b, c);

    /// <summary>PyTorch's <c>self.addcmul(t1, t2, value=v)</c>: self + v * t1 * t2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AddCMul<T>(Vector256<T> self, Vector256<T> value, Vector256<T> t1, Vector256<T> t2)
        where T : unmanaged, IFloatingPointIeee754<T> => Fma(value * t1, t2, self);

    /// <summary>PyTorch's <c>self.addcdiv(t1, t2, value=v)</c>: self + v * t1 / t2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AddCDiv<T>(Vector256<T> self, Vector256<T> value, Vector256<T> t1, Vector256<T> t2)
        where T : unmanaged, IFloatingPointIeee754<T> => self + value * t1 / t2;

    /// <summary>The gradient an update uses: negated to maximize, plus weight_decay * p (<c>grad.add(p, alpha=wd)</c>) when decaying.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Decayed<T>(Vector256<T> grad, Vector256<T> p, in GradientTerms<T> terms) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> g = terms.Maximize ? -grad : grad;
        return terms.Decay ? Fma(p, terms.WeightDecay, g) : g;
    }

    /// <summary>A running average <c>m.mul_(beta).add_(g, alpha=1 - beta)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Average<T>(Vector256<T> m, Vector256<T> g, in Decay<T> d) where T : unmanaged, IFloatingPointIeee754<T> =>
        Fma(g, d.Complement, m * d.Beta);

    /// <summary>A running average of squares <c>v.mul_(beta).addcmul_(g, g, value=1 - beta)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> AverageOfSquares<T>(Vector256<T> v, Vector256<T> g, in Decay<T> d) where T : unmanaged, IFloatingPointIeee754<T> =>
        AddCMul(v * d.Beta, d.Complement, g, g);

    /// <summary>torch.sign: 1, -1 or 0 in each lane (also 0 for NaN, which neither comparison selects).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sign<T>(Vector256<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One,
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), -Vector256<T>.One, Vector256<T>.Zero));

    /// <summary>A scalar hyperparameter in every lane, converted from double as PyTorch converts a Python number.</summary>
    public static Vector256<T> Splat<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> => Vector256.Create(T.CreateChecked(value));
}

/// <summary>A decay rate beta and 1 - beta (computed in double, as Python does), in every lane.</summary>
internal readonly struct Decay<T>(double beta) where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly Vector256<T> Beta = VectorMath.Splat<T>(beta);
    public readonly Vector256<T> Complement = VectorMath.Splat<T>(1 - beta);
}

/// <summary>How the raw gradient becomes the one an update uses: maximize and (coupled) weight decay.</summary>
internal readonly struct GradientTerms<T>(bool maximize, double weightDecay) where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly bool Maximize = maximize;
    public readonly bool Decay = weightDecay != 0;
    public readonly Vector256<T> WeightDecay = VectorMath.Splat<T>(weightDecay);
}

/// <summary>
/// pytorch_optimizer's gradient preparation, shared by its optimizers: the gradient negated to maximize, then its
/// <c>apply_weight_decay</c>: with weight_decouple p shrinks by 1 - weight_decay * lr (1 - weight_decay with
/// fixed_decay), otherwise weight_decay * p is added to the gradient (a fused multiply-add, as <c>grad.add_(p, alpha=wd)</c>).
/// </summary>
internal readonly struct DecoupledDecay<T>(bool maximize, double lr, double weightDecay, bool decouple, bool fixedDecay)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool _maximize = maximize, _decouple = decouple, _coupled = !decouple && weightDecay > 0;
    private readonly Vector256<T> _shrink = VectorMath.Splat<T>(1 - weightDecay * (fixedDecay ? 1 : lr)), _weightDecay = VectorMath.Splat<T>(weightDecay);

    /// <summary>Shrinks <paramref name="p"/> if decoupled; returns the gradient the update uses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<T> Apply(ref Vector256<T> p, Vector256<T> grad)
    {
        Vector256<T> g = _maximize ? -grad : grad;
        if (_decouple) p *= _shrink;
        else if (_coupled) g = VectorMath.Fma(p, _weightDecay, g);
        return g;
    }
}
