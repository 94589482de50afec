using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Specs;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="AdaBound{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record AdaBoundOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>The SGD learning rate the per-coordinate bounds close in on (scaled by lr / the group's initial lr).</summary>
    [Description("final (SGD) learning rate the bounds converge to")]
    public double FinalLr { get; init; } = 1e-1;

    /// <summary>Decay rates of the running averages of the gradient and of its square.</summary>
    [Description("decay rates of the gradient's running average and of its square's")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>How fast the bounds converge: they are final_lr (1 -+ 1 / (gamma t + ...)).</summary>
    [Description("convergence speed of the bounds")]
    public double Gamma { get; init; } = 1e-3;

    /// <summary>Weight decay: decoupled (p shrinks by lr * weight_decay) unless weight_decouple is false.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW, rather than adding weight_decay * p to the gradient.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; } = true;

    /// <summary>Decoupled decay by weight_decay alone, not lr * weight_decay.</summary>
    [Description("decay not scaled by lr")]
    public bool FixedDecay { get; init; }

    /// <summary>Use the maximum of past squared-gradient averages (AMSBound).</summary>
    [Description("use the AMSBound variant")]
    public bool AmsBound { get; init; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Luo et al., 2019: Adaptive Gradient Methods with Dynamic Bound of Learning Rate";

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize)
        p = p * (1 - lr * weight_decay)                 (weight_decouple; fixed_decay: 1 - weight_decay)
        g = g + weight_decay * p                        (otherwise)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g^2               (ams_bound: v_max = max(v_max, v) replaces v below)
        f = final_lr * lr / lr0                         (lr0: the group's lr when it was created)
        s = clamp(lr sqrt(1 - beta2^t) / (1 - beta1^t) / (sqrt(v + 1e-15) + eps),
                  f (1 - 1 / (gamma t + 1)), f (1 + 1 / (gamma t)))
        p = p - s * m
        (pytorch_optimizer's keyword-only extra adam_debias is left out)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new AdaBound<T>(parameters, this);
}

/// <summary>
/// AdaBound, as pytorch_optimizer's <c>AdaBound</c> at commit 7a076d2f: Adam whose per-coordinate step
/// sizes are clipped to bounds that tighten around an SGD learning rate, so it turns into SGD over time.
/// Its update rule: <see cref="AdaBoundOptions.UpdateRule"/>.
/// </summary>
public sealed class AdaBound<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // Each parameter's group lr when the group was created: later lr changes (schedules) scale final_lr by lr / it,
    // as pytorch_optimizer's base_lrs. Like them it is not part of the saved state.
    private readonly Dictionary<Tensor<T>, double> _initialLr = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an AdaBound optimizer over <paramref name="parameters"/>.</summary>
    /// <exception cref="HyperparameterException">lr is 0: final_lr scales with lr divided by it.</exception>
    public AdaBound(IEnumerable<Tensor<T>> parameters, AdaBoundOptions options) : base(parameters, options) => Remember(ParamGroups[0]);

    /// <inheritdoc/>
    /// <exception cref="HyperparameterException">The group's lr is 0: final_lr scales with lr divided by it.</exception>
    public override void AddParamGroup(IEnumerable<Tensor<T>> parameters, OptimizerOptions? options = null)
    {
        // Checked first, so that a refused group is not added.
        if ((options ?? Defaults) is AdaBoundOptions { Lr: 0 }) throw ZeroInitialLr();
        base.AddParamGroup(parameters, options);
        Remember(ParamGroups[^1]);
    }

    private void Remember(ParameterGroup<T> group)
    {
        // pytorch_optimizer divides by this lr at every step (ZeroDivisionError there); refused up front here.
        if (group.Lr == 0) throw ZeroInitialLr();
        foreach (Tensor<T> p in group.Parameters) _initialLr[p] = group.Lr;
    }

    private static HyperparameterException ZeroInitialLr() =>
        HyperparameterException.OutOfRange("adabound", "lr", 0.0, "a new group's lr must be > 0 (final_lr is scaled by lr / that initial lr)");

    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdaBoundOptions)options;
        long step = ++state.Step;
        // Scalars in double, in pytorch_optimizer's order.
        double biasCorrection1 = 1 - Math.Pow(o.Betas.Item1, step), biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(o.Betas.Item2, step));
        double finalLr = o.FinalLr * o.Lr / _initialLr[parameter];
        double lower = finalLr * (1 - 1 / (o.Gamma * step + 1)), upper = finalLr * (1 + 1 / (o.Gamma * step));
        double stepSize = o.Lr * biasCorrection2Sqrt / biasCorrection1;
        FusedUpdate.Run(new Rule(o, stepSize, lower, upper), parameter.Memory, gradient.Memory,
            BufferOf(state, "exp_avg", parameter), BufferOf(state, "exp_avg_sq", parameter),
            o.AmsBound ? BufferOf(state, "max_exp_avg_sq", parameter) : default);
    }

    private readonly struct Rule(AdaBoundOptions o, double stepSize, double lower, double upper) : IFusedUpdate<T>
    {
        private readonly DecoupledDecay<T> _decay = new(o.Maximize, o.Lr, o.WeightDecay, o.WeightDecouple, o.FixedDecay);
        private readonly bool _amsBound = o.AmsBound;
        private readonly Decay<T> _beta1 = new(o.Betas.Item1), _beta2 = new(o.Betas.Item2);
        // apply_ams_bound adds 1e-15 under the square root, eps outside it.
        private readonly Vector256<T> _eps = Splat<T>(o.Eps), _varianceEps = Splat<T>(1e-15);
        private readonly Vector256<T> _stepSize = Splat<T>(stepSize), _lower = Splat<T>(lower), _upper = Splat<T>(upper);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> vMax)
        {
            Vector256<T> g = _decay.Apply(ref p, grad);
            m = Average(m, g, _beta1);
            v = AverageOfSquares(v, g, _beta2);
            if (_amsBound) vMax = Vector256.Max(vMax, v);
            Vector256<T> denom = Vector256.Sqrt((_amsBound ? vMax : v) + _varianceEps) + _eps;
            // torch.clamp propagates NaN, as Vector256's Min and Max do.
            p -= Vector256.Min(Vector256.Max(_stepSize / denom, _lower), _upper) * m;
        }
    }
}
