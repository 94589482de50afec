using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Yogi{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record YogiOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-2;

    /// <summary>Decay rates of the gradient's running average and of the additive squared-gradient estimate.</summary>
    [Description("decay rates of the gradient's running average and of its square's estimate")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>The value both moments start from.</summary>
    [Description("initial value of both moments")]
    public double InitialAccumulator { get; init; } = 1e-6;

    /// <summary>Weight decay: decoupled (p shrinks by lr * weight_decay) unless weight_decouple is false.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW, rather than adding weight_decay * p to the gradient.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; } = true;

    /// <summary>Decoupled decay by weight_decay alone, not lr * weight_decay.</summary>
    [Description("decay not scaled by lr")]
    public bool FixedDecay { get; init; }

    /// <summary>Added to the denominator for numerical stability (Yogi's default is large: 1e-3).</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-3;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Zaheer et al., 2018: Adaptive Methods for Nonconvex Optimization";

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        m, v start at initial_accumulator
        g = grad (negated if maximize)
        p = p * (1 - lr * weight_decay)                 (weight_decouple; fixed_decay: 1 - weight_decay)
        g = g + weight_decay * p                        (otherwise)
        m = beta1 * m + (1 - beta1) * g
        v = v - (1 - beta2) * sign(v - g^2) * g^2       (additive: v moves towards g^2 by at most (1 - beta2) g^2)
        p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
        (pytorch_optimizer's keyword-only extra adam_debias is left out)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Yogi<T>(parameters, this);
}

/// <summary>
/// Yogi, as pytorch_optimizer's <c>Yogi</c> at commit 7a076d2f: Adam whose squared-gradient estimate changes
/// additively, by the sign of its difference to g², so it cannot forget a large gradient all at once.
/// Its update rule: <see cref="YogiOptions.UpdateRule"/>.
/// </summary>
public sealed class Yogi<T>(IEnumerable<Tensor<T>> parameters, YogiOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (YogiOptions)options;
        long step = ++state.Step;
        T initial = Cast(o.InitialAccumulator);
        var rule = new Rule(o, step);
        FusedUpdate.Run(rule, parameter.Memory, gradient.Memory,
            BufferOf(state, "exp_avg", parameter, initial), BufferOf(state, "exp_avg_sq", parameter, initial));
    }

    private readonly struct Rule(YogiOptions o, long step) : IFusedUpdate<T>
    {
        private readonly DecoupledDecay<T> _decay = new(o.Maximize, o.Lr, o.WeightDecay, o.WeightDecouple, o.FixedDecay);
        private readonly Decay<T> _beta1 = new(o.Betas.Item1);
        private readonly Vector256<T> _negativeComplement2 = Splat<T>(-(1.0 - o.Betas.Item2)), _eps = Splat<T>(o.Eps);
        // Scalars in double, as pytorch_optimizer computes them in Python, then converted once.
        private readonly Vector256<T> _biasCorrection2Sqrt = Splat<T>(Math.Sqrt(1 - Math.Pow(o.Betas.Item2, step)));
        private readonly Vector256<T> _negativeStepSize = Splat<T>(-(o.Lr / (1 - Math.Pow(o.Betas.Item1, step))));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> s2)
        {
            Vector256<T> g = _decay.Apply(ref p, grad);
            Vector256<T> square = g * g;
            m = Average(m, g, _beta1);
            v = AddCMul(v, _negativeComplement2, Sign(v - square), square);
            Vector256<T> denom = Vector256.Sqrt(v) / _biasCorrection2Sqrt + _eps;
            p = AddCDiv(p, _negativeStepSize, m, denom);
        }
    }
}
