using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Adam{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record AdamOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rates of the running averages of the gradient and of its square.</summary>
    [Description("decay rates of the gradient's running average and of its square's")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty added to the gradient)")]
    public double WeightDecay { get; init; }

    /// <summary>Use the maximum of past squared-gradient averages (AMSGrad).</summary>
    [Description("use the AMSGrad variant")]
    public bool Amsgrad { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize) + weight_decay * p
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g^2            (amsgrad: v_max = max(v_max, v) replaces v below)
        p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adam<T>(parameters, this);
}

/// <summary>
/// Adam, as PyTorch 1.13's <c>torch.optim.Adam</c> (single-tensor form); its update rule: <see cref="AdamOptions.UpdateRule"/>.
/// </summary>
public sealed class Adam<T>(IEnumerable<Tensor<T>> parameters, AdamOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdamOptions)options;
        var rule = new AdamRule<T>(o.Lr, o.Betas, o.Eps, o.WeightDecay, o.Amsgrad, o.Maximize, decoupled: false, ++state.Step);
        AdamRule<T>.Run(rule, parameter, gradient, state, o.Amsgrad);
    }
}

/// <summary>The Adam update shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>, which differ only in how weight decay enters.</summary>
internal readonly struct AdamRule<T> : IFusedUpdate<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GradientTerms<T> _terms;
    private readonly Decay<T> _beta1, _beta2;
    private readonly Vector256<T> _shrink, _biasCorrection2Sqrt, _eps, _negativeStepSize;
    private readonly bool _decoupled, _amsgrad;

    public AdamRule(double lr, (double, double) betas, double eps, double weightDecay, bool amsgrad, bool maximize, bool decoupled, long step)
    {
        _decoupled = decoupled;
        _amsgrad = amsgrad;
        _terms = new GradientTerms<T>(maximize, decoupled ? 0 : weightDecay);
        _shrink = Splat<T>(1 - lr * weightDecay);
        _beta1 = new Decay<T>(betas.Item1);
        _beta2 = new Decay<T>(betas.Item2);
        // Scalars in double, as PyTorch computes them in Python, then converted once.
        double biasCorrection1 = 1 - Math.Pow(betas.Item1, step), biasCorrection2 = 1 - Math.Pow(betas.Item2, step);
        _negativeStepSize = Splat<T>(-(lr / biasCorrection1));
        _biasCorrection2Sqrt = Splat<T>(Math.Sqrt(biasCorrection2));
        _eps = Splat<T>(eps);
    }

    public static void Run(in AdamRule<T> rule, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state, bool amsgrad) =>
        FusedUpdate.Run(rule, parameter.Memory, gradient.Memory,
            Optimizer<T>.BufferOf(state, "exp_avg", parameter), Optimizer<T>.BufferOf(state, "exp_avg_sq", parameter),
            amsgrad ? Optimizer<T>.BufferOf(state, "max_exp_avg_sq", parameter) : default);


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> vMax)
    {
        if (_decoupled) p *= _shrink;
        Vector256<T> g = Decayed(grad, p, _terms);
        m = Average(m, g, _beta1);
        v = AverageOfSquares(v, g, _beta2);
        Vector256<T> second = v;
        if (_amsgrad) second = vMax = Vector256.Max(vMax, v);
        Vector256<T> denom = Vector256.Sqrt(second) / _biasCorrection2Sqrt + _eps;
        p = AddCDiv(p, _negativeStepSize, m, denom);
    }
}
