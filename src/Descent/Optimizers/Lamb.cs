using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Lamb{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record LambOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rates of the running averages of the gradient and of its square.</summary>
    [Description("decay rates of the gradient's running average and of its square's")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Weight decay, decoupled (p shrinks by lr * weight_decay before the step).</summary>
    [Description("decoupled weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Decay the weights directly, as AdamW; when false the reference applies no weight decay at all.</summary>
    [Description("decoupled weight decay, as AdamW (false: no decay, as the reference)")]
    public bool WeightDecouple { get; init; } = true;

    /// <summary>Decoupled decay by weight_decay alone, not lr * weight_decay.</summary>
    [Description("decay not scaled by lr")]
    public bool FixedDecay { get; init; }

    /// <summary>Rectify the adaptive step as RAdam does.</summary>
    [Description("RAdam's rectified step")]
    public bool Rectify { get; init; }

    /// <summary>With rectify, take momentum SGD steps (instead of reversed ones, as the reference does) while the variance estimate is unreliable.</summary>
    [Description("with rectify, SGD steps below the n_sma threshold")]
    public bool DegeneratedToSgd { get; init; }

    /// <summary>With rectify, the length of the approximated simple moving average from which the adaptive step is used.</summary>
    [Description("with rectify, the n_sma from which the step is adaptive")]
    public int NSmaThreshold { get; init; } = 5;

    /// <summary>Average the gradient into the momentum with weight 1 - beta1 (otherwise weight 1).</summary>
    [Description("weight the gradient by 1 - beta1 in its running average")]
    public bool GradAveraging { get; init; } = true;

    /// <summary>With pre_norm, the norm in the clipping factor min(max_grad_norm / |all gradients|, 1); 0 makes the factor 1.</summary>
    [Description("with pre_norm, the norm in the clipping factor (0: factor 1)")]
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Trust ratio always 1, which makes the rule Adam without bias correction of the second moment.</summary>
    [Description("trust ratio 1 (Adam-like)")]
    public bool Adam { get; init; }

    /// <summary>Divide every gradient by the global clipping factor of max_grad_norm before the step.</summary>
    [Description("divide the gradients by max_grad_norm's global clipping factor")]
    public bool PreNorm { get; init; }

    /// <summary>Added to the denominator and to the update's norm for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-6;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "You et al., 2020: Large Batch Optimization for Deep Learning: Training BERT in 76 minutes";

    /// <inheritdoc/>
    public override void Validate()
    {
        ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);
        RequireAtLeast("max_grad_norm", MaxGradNorm, 0);
        // Below 4 the rectification can take the square root of a negative number (the reference raises then, mid-run).
        if (Rectify) RequireAtLeast("n_sma_threshold", NSmaThreshold, 4);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize)
        g = g / c, c = min(max_grad_norm / (|all grads| + eps), 1)    (pre_norm; c <= 1, the reference divides by it)
        m = beta1 * m + (1 - beta1) * g                 (grad_averaging = false: beta1 * m + g)
        v = beta2 * v + (1 - beta2) * g^2
        p = p * (1 - lr * weight_decay)                 (weight_decouple; fixed_decay: 1 - weight_decay; else no decay)
        s = lr / (1 - beta1^t)
        u = m / (sqrt(v) + eps)
        trust = min(|p|, 10) / (|u| + eps)              (1 if adam or either norm is 0; |x| is the whole tensor's 2-norm)
        p = p - s * trust * u
        rectify: s = s * r_t (RAdam's; below n_sma_threshold -1, or 1 with degenerated_to_sgd),
            u = p - s * m / (sqrt(v) + eps), p = p - s * trust * m / (sqrt(v) + eps);
            below the threshold u = p - s * m, p = p - s * trust * m
        pytorch_optimizer's keyword-only extras (adanorm, adam_debias) are not implemented.
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Lamb<T>(parameters, this);
}

/// <summary>
/// LAMB (layer-wise adaptive moments), as pytorch_optimizer's <c>Lamb</c> at commit 7a076d2f (per-parameter
/// path): an Adam-like step scaled per tensor by the trust ratio of the weights' norm to the step's norm.
/// Its update rule: <see cref="LambOptions.UpdateRule"/>.
/// </summary>
public sealed class Lamb<T>(IEnumerable<Tensor<T>> parameters, LambOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The reference's clamp on the weights' norm.</summary>
    private const double MaxWeightNorm = 10;

    // The step u between its computation and the norm that scales it; reused, so steps allocate nothing.
    private T[] _update = [];
    private float _gradientScale = 1f;

    /// <inheritdoc/>
    public override double? Step(Func<double>? closure = null)
    {
        double? loss = closure?.Invoke();
        // pre_norm divides every gradient by one factor from all of them, so it is known before any update.
        var defaults = (LambOptions)Defaults;
        _gradientScale = defaults.PreNorm ? Norms.GlobalGradientScale(ParamGroups, defaults.MaxGradNorm, defaults.Eps) : 1f;
        base.Step();
        return loss;
    }

    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (LambOptions)options;
        long step = ++state.Step;
        var (stepSize, adaptive) = StepSize(o, step);
        Memory<T> p = parameter.Memory, m = BufferOf(state, "exp_avg", parameter), v = BufferOf(state, "exp_avg_sq", parameter);
        if (o.Adam)
        {
            // A trust ratio of 1 needs no norms, so the whole step is one pass.
            FusedUpdate.Run(new MomentsRule(o, _gradientScale, stepSize, adaptive, applyStep: true), p, gradient.Memory, m, v);
            return;
        }
        if (_update.Length < parameter.Size) _update = new T[parameter.Size];
        Memory<T> u = _update.AsMemory(0, parameter.Size);
        FusedUpdate.Run(new MomentsRule(o, _gradientScale, stepSize, adaptive, applyStep: false), p, gradient.Memory, m, v, u);

        T weightNorm = Norms.L2<T>(p.Span), updateNorm = Norms.L2<T>(u.Span);
        // clamp_(min=0, max=10) keeps a NaN.
        if (!T.IsNaN(weightNorm)) weightNorm = T.Min(T.Max(weightNorm, T.Zero), Cast(MaxWeightNorm));
        // The ratio is a tensor of T in the reference, and so is the step it scales; 1 is a Python float.
        T alpha = weightNorm == T.Zero || updateNorm == T.Zero
            ? Cast(-stepSize)
            : Cast(-stepSize) * (weightNorm / (updateNorm + Cast(o.Eps)));
        // Unrectified, the step is u itself; rectified, the reference steps along m again, not along u.
        if (!o.Rectify) FusedUpdate.Run(new StepRule(alpha, o.Eps, divide: false), p, u);
        else FusedUpdate.Run(new StepRule(alpha, o.Eps, divide: adaptive), p, m, adaptive ? v : default);
    }

    /// <summary>lr / (1 - beta1^t), rectified as RAdam's if asked, and whether the step divides by sqrt(v) + eps.</summary>
    private static (double StepSize, bool Adaptive) StepSize(LambOptions o, long step)
    {
        double biasCorrection1 = 1 - Math.Pow(o.Betas.Item1, step);
        if (!o.Rectify) return (o.Lr / biasCorrection1, true);
        double beta2 = o.Betas.Item2, nSmaMax = 2 / (1 - beta2) - 1, beta2T = Math.Pow(beta2, step);
        double nSma = nSmaMax - 2 * step * beta2T / (1 - beta2T);
        bool adaptive = nSma >= o.NSmaThreshold;
        // Below the threshold the reference scales by -1 unless degenerated_to_sgd: it steps against the momentum.
        double rt = adaptive
            ? Math.Sqrt((1 - beta2T) * (nSma - 4) / (nSmaMax - 4) * (nSma - 2) / nSma * nSmaMax / (nSmaMax - 2))
            : o.DegeneratedToSgd ? 1 : -1;
        return (o.Lr * rt / biasCorrection1, adaptive);
    }

    /// <summary>The moments, the decay and u (into s2), or with <c>applyStep</c> the whole step with trust ratio 1.</summary>
    private readonly struct MomentsRule(LambOptions o, float gradientScale, double stepSize, bool adaptive, bool applyStep) : IFusedUpdate<T>
    {
        private readonly bool _maximize = o.Maximize, _preNorm = o.PreNorm, _decouple = o.WeightDecouple, _rectify = o.Rectify, _adaptive = adaptive, _applyStep = applyStep;
        private readonly Vector256<T> _scale = Splat<T>(gradientScale), _shrink = Splat<T>(1 - o.WeightDecay * (o.FixedDecay ? 1 : o.Lr));
        private readonly Vector256<T> _beta1 = Splat<T>(o.Betas.Item1), _gradientWeight = Splat<T>(o.GradAveraging ? 1 - o.Betas.Item1 : 1);
        private readonly Decay<T> _beta2 = new(o.Betas.Item2);
        private readonly Vector256<T> _eps = Splat<T>(o.Eps), _negativeStepSize = Splat<T>(-stepSize);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> u)
        {
            Vector256<T> g = _preNorm ? grad / _scale : grad;
            if (_maximize) g = -g;
            m = Fma(g, _gradientWeight, m * _beta1);
            v = AverageOfSquares(v, g, _beta2);
            if (_decouple) p *= _shrink;
            if (!_rectify) u = m / (Vector256.Sqrt(v) + _eps);
            else u = _adaptive ? AddCDiv(p, _negativeStepSize, m, Vector256.Sqrt(v) + _eps) : Fma(m, _negativeStepSize, p);
            if (_applyStep) p = _rectify ? u : Fma(u, _negativeStepSize, p);
        }
    }

    /// <summary>p = p + alpha * d, or with <c>divide</c> p + alpha * d / (sqrt(v) + eps), v in s0.</summary>
    private readonly struct StepRule(T alpha, double eps, bool divide) : IFusedUpdate<T>
    {
        private readonly Vector256<T> _alpha = Vector256.Create(alpha), _eps = Splat<T>(eps);
        private readonly bool _divide = divide;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> d, ref Vector256<T> v, ref Vector256<T> s1, ref Vector256<T> s2) =>
            p = _divide ? AddCDiv(p, _alpha, d, Vector256.Sqrt(v) + _eps) : Fma(d, _alpha, p);
    }
}
