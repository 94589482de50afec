using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="AdEMAMix{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record AdEMAMixOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rates of the fast running average of the gradient, of its square, and of the slow running average.</summary>
    [Description("decay rates of the fast average, the squared average and the slow average")]
    public (double, double, double) Betas { get; init; } = (0.9, 0.999, 0.9999);

    /// <summary>Weight decay: added to the gradient as an L2 penalty, or with weight_decouple applied to p directly.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW, rather than adding weight_decay * p to the gradient.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; }

    /// <summary>Decoupled decay by weight_decay alone, not lr * weight_decay.</summary>
    [Description("decay not scaled by lr")]
    public bool FixedDecay { get; init; }

    /// <summary>Weight of the slow average in the step.</summary>
    [Description("weight of the slow average")]
    public double Alpha { get; init; } = 5.0;

    /// <summary>Steps over which alpha and beta3 warm up from their start (0 and beta1); none means no warmup.</summary>
    [Description("warmup steps of alpha and beta3 (none: no warmup)")]
    public double? TAlphaBeta3 { get; init; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Pagliardini, Ablin and Grangier, 2024: The AdEMAMix Optimizer: Better, Faster, Older";

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireUnitInterval("betas[0]", Betas.Item1);
        RequireUnitInterval("betas[1]", Betas.Item2);
        Require(Betas.Item3 is >= 0 and <= 1, "betas[2]", Betas.Item3, "it must be in [0, 1]");
        RequireAtLeast("alpha", Alpha, 0);
        // The reference accepts 0 and then divides by it on the first step.
        if (TAlphaBeta3 is double t) Require(t > 0, "t_alpha_beta3", t, "it must be > 0, or none");
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireAtLeast("eps", Eps, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize)
        p = p * (1 - lr * weight_decay)              (weight_decouple; fixed_decay: 1 - weight_decay)
        g = g + weight_decay * p                     (otherwise)
        m1 = beta1 * m1 + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g^2
        m2 = beta3_t * m2 + (1 - beta3_t) * g
        p = p - lr / (1 - beta1^t) * (m1 + alpha_t * m2) / (sqrt(v) / sqrt(1 - beta2^t) + eps)
        alpha_t = alpha, beta3_t = beta3; with T = t_alpha_beta3: alpha_t = min(t * alpha / T, alpha),
        beta3_t = min(exp(ln beta1 ln beta3 / ((1 - t / T) ln beta3 + (t / T) ln beta1)), beta3)
        pytorch_optimizer's keyword-only extras (cautious, stable_adamw) are not implemented.
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new AdEMAMix<T>(parameters, this);
}

/// <summary>
/// AdEMAMix (a mixture of two exponential moving averages), as pytorch_optimizer's <c>AdEMAMix</c> at commit
/// 7a076d2f: Adam whose numerator adds a slow running average of the gradient, weighted by alpha, to the fast one.
/// Its update rule: <see cref="AdEMAMixOptions.UpdateRule"/>.
/// </summary>
public sealed class AdEMAMix<T>(IEnumerable<Tensor<T>> parameters, AdEMAMixOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdEMAMixOptions)options;
        long step = ++state.Step;
        FusedUpdate.Run(new Rule(o, step), parameter.Memory, gradient.Memory,
            BufferOf(state, "exp_avg", parameter), BufferOf(state, "exp_avg_sq", parameter), BufferOf(state, "exp_avg_slow", parameter));
    }

    /// <summary>alpha and beta3 at step <paramref name="step"/>: constant, or warming up over t_alpha_beta3 steps.</summary>
    private static (double Alpha, double Beta3) Schedule(AdEMAMixOptions o, long step)
    {
        if (o.TAlphaBeta3 is not double t) return (o.Alpha, o.Betas.Item3);
        double fraction = step / t, logBeta1 = Math.Log(o.Betas.Item1), logBeta3 = Math.Log(o.Betas.Item3);
        double alpha = step * o.Alpha / t;
        double beta3 = Math.Exp(logBeta1 * logBeta3 / ((1 - fraction) * logBeta3 + fraction * logBeta1));
        // Python's min(a, b) is a unless b < a, which decides what a NaN gives.
        return (o.Alpha < alpha ? o.Alpha : alpha, o.Betas.Item3 < beta3 ? o.Betas.Item3 : beta3);
    }

    private readonly struct Rule : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms;
        private readonly bool _decouple;
        private readonly Decay<T> _beta1, _beta2, _beta3;
        private readonly Vector256<T> _shrink, _alpha, _biasCorrection2Sqrt, _eps, _negativeStepSize;

        public Rule(AdEMAMixOptions o, long step)
        {
            _decouple = o.WeightDecouple;
            _terms = new GradientTerms<T>(o.Maximize, o.WeightDecouple ? 0 : o.WeightDecay);
            _shrink = Splat<T>(1 - o.WeightDecay * (o.FixedDecay ? 1 : o.Lr));
            var (alpha, beta3) = Schedule(o, step);
            _beta1 = new Decay<T>(o.Betas.Item1);
            _beta2 = new Decay<T>(o.Betas.Item2);
            _beta3 = new Decay<T>(beta3);
            _alpha = Splat<T>(alpha);
            _biasCorrection2Sqrt = Splat<T>(Math.Sqrt(1 - Math.Pow(o.Betas.Item2, step)));
            _eps = Splat<T>(o.Eps);
            _negativeStepSize = Splat<T>(-(o.Lr / (1 - Math.Pow(o.Betas.Item1, step))));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> slow)
        {
            if (_decouple) p *= _shrink;
            Vector256<T> g = Decayed(grad, p, _terms);
            m = Average(m, g, _beta1);
            v = AverageOfSquares(v, g, _beta2);
            slow = Average(slow, g, _beta3);
            Vector256<T> denom = Vector256.Sqrt(v) / _biasCorrection2Sqrt + _eps;
            p = Fma(Fma(slow, _alpha, m) / denom, _negativeStepSize, p);
        }
    }
}
