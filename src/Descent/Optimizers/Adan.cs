using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Adan{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record AdanOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rates of the running averages of the gradient, of the gradient's change, and of the square of the Nesterov-corrected gradient.</summary>
    [Description("decay rates of the gradient's, its change's and the corrected gradient's square's running averages")]
    public (double, double, double) Betas { get; init; } = (0.98, 0.92, 0.99);

    /// <summary>Weight decay: p is divided by 1 + lr * weight_decay after the step, or with weight_decouple multiplied by 1 - lr * weight_decay before it.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters before the step, as AdamW, rather than dividing them after it.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; }

    /// <summary>Clip the gradients to this global norm (over every parameter) before the step; 0 turns clipping off.</summary>
    [Description("global gradient norm to clip to (0: none)")]
    public double MaxGradNorm { get; init; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Xie et al., 2022: Adan: Adaptive Nesterov Momentum Algorithm for Faster Optimizing Deep Models";

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireUnitInterval("betas[0]", Betas.Item1);
        RequireUnitInterval("betas[1]", Betas.Item2);
        Require(Betas.Item3 is >= 0 and <= 1, "betas[2]", Betas.Item3, "it must be in [0, 1]");
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireAtLeast("max_grad_norm", MaxGradNorm, 0);
        RequireAtLeast("eps", Eps, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = c * grad (negated if maximize)      (c = min(max_grad_norm / (|all grads| + eps), 1); 1 if max_grad_norm = 0)
        d = g - g_prev                          (g_prev = c * grad on the first step: d = 0, or -2 c grad if maximize)
        m = beta1 * m + (1 - beta1) * g
        n = beta2 * n + (1 - beta2) * d
        v = beta3 * v + (1 - beta3) * (g + beta2 * d)^2
        p = p * (1 - lr * weight_decay)         (weight_decouple)
        p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta3^t) + eps)
              - lr * beta2 / (1 - beta2^t) * n / (sqrt(v) / sqrt(1 - beta3^t) + eps)
        p = p / (1 + lr * weight_decay)         (otherwise)
        pytorch_optimizer's keyword-only extras (use_gc, adanorm) are not implemented.
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adan<T>(parameters, this);
}

/// <summary>
/// Adan (adaptive Nesterov momentum), as pytorch_optimizer's <c>Adan</c> at commit 7a076d2f (per-parameter path):
/// Adam-like moments of the gradient and of its change since the last step, which it remembers.
/// Its update rule: <see cref="AdanOptions.UpdateRule"/>.
/// </summary>
public sealed class Adan<T>(IEnumerable<Tensor<T>> parameters, AdanOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private float _clip = 1f;

    /// <inheritdoc/>
    public override double? Step(Func<double>? closure = null)
    {
        double? loss = closure?.Invoke();
        // The clipping factor comes from every gradient, so it is known before any update.
        var defaults = (AdanOptions)Defaults;
        _clip = Norms.GlobalGradientScale(ParamGroups, defaults.MaxGradNorm, defaults.Eps);
        base.Step();
        return loss;
    }

    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdanOptions)options;
        bool first = !state.Buffers.ContainsKey("previous_grad");
        long step = ++state.Step;
        Memory<T> m = BufferOf(state, "exp_avg", parameter), v = BufferOf(state, "exp_avg_sq", parameter);
        Memory<T> n = BufferOf(state, "exp_avg_diff", parameter), previous = BufferOf(state, "previous_grad", parameter);
        // Five arrays change (p, three moments, the previous gradient) and a fused pass holds four:
        // the moments and the previous gradient first, then the step from the moments.
        FusedUpdate.Run(new MomentsRule(o, _clip, first), previous, gradient.Memory, m, n, v);
        FusedUpdate.Run(new StepRule(o, step), parameter.Memory, v, m, n);
    }

    /// <summary>Updates the moments from the gradient and the previous one (in the parameter's slot), which it then replaces.</summary>
    private readonly struct MomentsRule(AdanOptions o, float clip, bool first) : IFusedUpdate<T>
    {
        private readonly bool _maximize = o.Maximize, _first = first;
        private readonly Vector256<T> _clip = Splat<T>(clip), _negativeClip = Splat<T>(-clip), _beta2 = Splat<T>(o.Betas.Item2);
        private readonly Decay<T> _decay1 = new(o.Betas.Item1), _decay2 = new(o.Betas.Item2), _decay3 = new(o.Betas.Item3);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> previous, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> n, ref Vector256<T> v)
        {
            // The reference starts the buffer at -c * grad before maximize negates the gradient.
            if (_first) previous = grad * _negativeClip;
            Vector256<T> g = (_maximize ? -grad : grad) * _clip;
            // previous holds minus the last gradient, so this sum is the gradient's change.
            Vector256<T> change = previous + g;
            m = Average(m, g, _decay1);
            n = Average(n, change, _decay2);
            Vector256<T> corrected = change * _beta2 + g;
            v = AverageOfSquares(v, corrected, _decay3);
            previous = -g;
        }
    }

    /// <summary>The step from the updated moments: v in the gradient's slot, m and n in the first two state slots.</summary>
    private readonly struct StepRule : IFusedUpdate<T>
    {
        private readonly Vector256<T> _biasCorrection3Sqrt, _eps, _step1, _step2, _shrink, _divisor;
        private readonly bool _decouple;

        public StepRule(AdanOptions o, long step)
        {
            double biasCorrection1 = 1 - Math.Pow(o.Betas.Item1, step), biasCorrection2 = 1 - Math.Pow(o.Betas.Item2, step);
            _biasCorrection3Sqrt = Splat<T>(Math.Sqrt(1 - Math.Pow(o.Betas.Item3, step)));
            _eps = Splat<T>(o.Eps);
            _step1 = Splat<T>(-o.Lr / biasCorrection1);
            _step2 = Splat<T>(-o.Lr * o.Betas.Item2 / biasCorrection2);
            _decouple = o.WeightDecouple;
            _shrink = Splat<T>(1 - o.Lr * o.WeightDecay);
            _divisor = Splat<T>(1 + o.Lr * o.WeightDecay);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> v, ref Vector256<T> m, ref Vector256<T> n, ref Vector256<T> s2)
        {
            Vector256<T> denom = Vector256.Sqrt(v) / _biasCorrection3Sqrt + _eps;
            if (_decouple) p *= _shrink;
            p = AddCDiv(p, _step1, m, denom);
            p = AddCDiv(p, _step2, n, denom);
            // The reference divides even by 1 (weight_decay 0), which changes nothing.
            if (!_decouple) p /= _divisor;
        }
    }
}
