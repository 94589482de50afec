using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="AdaBelief{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record AdaBeliefOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rates of the gradient's running average and of the running variance of the gradient around it.</summary>
    [Description("decay rates of the gradient's running average and of its running variance")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Weight decay: decoupled (p shrinks by lr * weight_decay) unless weight_decouple is false.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW, rather than adding weight_decay * p to the gradient.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; } = true;

    /// <summary>Decoupled decay by weight_decay alone, not lr * weight_decay.</summary>
    [Description("decay not scaled by lr")]
    public bool FixedDecay { get; init; }

    /// <summary>Rectify the adaptive step as RAdam does (plain momentum steps while the variance estimate is unreliable).</summary>
    [Description("rectified update, as RAdam")]
    public bool Rectify { get; init; }

    /// <summary>With rectify, the length of the approximated simple moving average from which adaptive steps are taken.</summary>
    [Description("SMA length from which rectified steps are adaptive")]
    public int NSmaThreshold { get; init; } = 5;

    /// <summary>With rectify, take momentum SGD steps below the threshold (otherwise no step at all).</summary>
    [Description("below the SMA threshold, step as SGD with momentum")]
    public bool DegeneratedToSgd { get; init; } = true;

    /// <summary>Use the maximum of past variances in the denominator (AMSBound).</summary>
    [Description("use the AMSBound variant")]
    public bool AmsBound { get; init; }

    /// <summary>Added to the variance and to the denominator for numerical stability.</summary>
    [Description("term added to the variance and the denominator for stability")]
    public double Eps { get; init; } = 1e-16;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Zhuang et al., 2020: AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients";

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize)
        p = p * (1 - lr * weight_decay)                 (weight_decouple; fixed_decay: 1 - weight_decay)
        g = g + weight_decay * p                        (otherwise)
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * (g - m)^2 + eps
        d = sqrt(s + 1e-15) + eps                       (ams_bound: s_max = max(s_max, s) replaces s)
        p = p - lr / (1 - beta1^t) * m / (d / sqrt(1 - beta2^t))
        rectify: with rho_inf = 2 / (1 - beta2) - 1, rho = rho_inf - 2 t beta2^t / (1 - beta2^t),
          rho >= n_sma_threshold: p = p - lr r / (1 - beta1^t) * m / d,
                                  r = sqrt((1 - beta2^t) (rho - 4)(rho - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho))
          otherwise:              p = p - lr / (1 - beta1^t) * m     (only if degenerated_to_sgd)
        (pytorch_optimizer's keyword-only extras adanorm and adam_debias are left out)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new AdaBelief<T>(parameters, this);
}

/// <summary>
/// AdaBelief, as pytorch_optimizer's <c>AdaBelief</c> at commit 7a076d2f (per-parameter path): Adam whose
/// denominator tracks the variance of the gradient around its running average, the "belief" in it.
/// Its update rule: <see cref="AdaBeliefOptions.UpdateRule"/>.
/// </summary>
public sealed class AdaBelief<T>(IEnumerable<Tensor<T>> parameters, AdaBeliefOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdaBeliefOptions)options;
        long step = ++state.Step;
        // Scalars in double, in pytorch_optimizer's order (its get_rectify_step_size, then division by bias_correction1).
        double biasCorrection1 = 1 - Math.Pow(o.Betas.Item1, step);
        double stepSize = o.Lr;
        Kind kind = Kind.Adaptive;
        if (o.Rectify)
        {
            double beta2 = o.Betas.Item2, rhoInf = 2.0 / (1.0 - beta2) - 1.0, beta2T = Math.Pow(beta2, step);
            double rho = rhoInf - 2 * step * beta2T / (1.0 - beta2T);
            if (rho >= o.NSmaThreshold)
            {
                kind = Kind.Rectified;
                stepSize *= Math.Sqrt((1.0 - beta2T) * (rho - 4) / (rhoInf - 4) * (rho - 2) / rho * rhoInf / (rhoInf - 2));
            }
            else kind = o.DegeneratedToSgd ? Kind.Momentum : Kind.None;
        }
        stepSize /= biasCorrection1;
        // pytorch_optimizer takes the momentum step only if step_size > 0, judged in double (lr = 0 takes none).
        if (kind == Kind.Momentum && !(stepSize > 0)) kind = Kind.None;
        var rule = new Rule(o, kind, stepSize, Math.Sqrt(1 - Math.Pow(o.Betas.Item2, step)));
        FusedUpdate.Run(rule, parameter.Memory, gradient.Memory, BufferOf(state, "exp_avg", parameter), BufferOf(state, "exp_avg_var", parameter),
            o.AmsBound ? BufferOf(state, "max_exp_avg_var", parameter) : default);
    }

    /// <summary>How this step moves p: Adam's step, RAdam's rectified one, momentum SGD's, or not at all (rectify below the threshold).</summary>
    private enum Kind { Adaptive, Rectified, Momentum, None }

    private readonly struct Rule(AdaBeliefOptions o, Kind kind, double stepSize, double biasCorrection2Sqrt) : IFusedUpdate<T>
    {
        private readonly DecoupledDecay<T> _decay = new(o.Maximize, o.Lr, o.WeightDecay, o.WeightDecouple, o.FixedDecay);
        private readonly bool _amsBound = o.AmsBound;
        private readonly Decay<T> _beta1 = new(o.Betas.Item1), _beta2 = new(o.Betas.Item2);
        // The variance gets eps once more inside the square root (apply_ams_bound's 1e-15) and once outside.
        private readonly Vector256<T> _eps = Splat<T>(o.Eps), _varianceEps = Splat<T>(1e-15), _biasCorrection2Sqrt = Splat<T>(biasCorrection2Sqrt);
        private readonly Vector256<T> _negativeStepSize = Splat<T>(-stepSize);
        private readonly Kind _kind = kind;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> s, ref Vector256<T> sMax)
        {
            Vector256<T> g = _decay.Apply(ref p, grad);
            m = Average(m, g, _beta1);
            Vector256<T> residual = g - m;
            s = AverageOfSquares(s, residual, _beta2) + _eps;
            if (_amsBound) sMax = Vector256.Max(sMax, s);
            Vector256<T> denom = Vector256.Sqrt((_amsBound ? sMax : s) + _varianceEps) + _eps;
            switch (_kind)
            {
                case Kind.Adaptive: p = AddCDiv(p, _negativeStepSize, m, denom / _biasCorrection2Sqrt); break;
                case Kind.Rectified: p = AddCDiv(p, _negativeStepSize, m, denom); break;
                case Kind.Momentum: p = Fma(m, _negativeStepSize, p); break;
                default: break;
            }
        }
    }
}
