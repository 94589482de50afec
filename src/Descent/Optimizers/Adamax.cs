using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Adamax{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record AdamaxOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 2e-3;

    /// <summary>Decay rates of the running average of the gradient and of the infinity norm.</summary>
    [Description("decay rates of the gradient's running average and of the infinity norm")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Added to the infinity norm for numerical stability.</summary>
    [Description("term added to the infinity norm for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize) + weight_decay * p
        m = beta1 * m + (1 - beta1) * g
        u = max(beta2 * u, |g| + eps)
        p = p - lr / (1 - beta1^t) * m / u
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adamax<T>(parameters, this);
}

/// <summary>
/// Adamax (Adam with the infinity norm), as PyTorch 1.13's <c>torch.optim.Adamax</c> (single-tensor form); its update rule: <see cref="AdamaxOptions.UpdateRule"/>.
/// </summary>
public sealed class Adamax<T>(IEnumerable<Tensor<T>> parameters, AdamaxOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdamaxOptions)options;
        long step = ++state.Step;
        FusedUpdate.Run(new Rule(o, o.Lr / (1 - Math.Pow(o.Betas.Item1, step))), parameter.Memory, gradient.Memory,
            BufferOf(state, "exp_avg", parameter), BufferOf(state, "exp_inf", parameter));
    }

    private readonly struct Rule(AdamaxOptions o, double clr) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(o.Maximize, o.WeightDecay);
        private readonly Decay<T> _beta1 = new(o.Betas.Item1);
        private readonly Vector256<T> _beta2 = Splat<T>(o.Betas.Item2), _eps = Splat<T>(o.Eps), _negativeClr = Splat<T>(-clr);


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> expAvg, ref Vector256<T> expInf, ref Vector256<T> s2)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            expAvg = Average(expAvg, g, _beta1);
            expInf = Vector256.Max(expInf * _beta2, Vector256.Abs(g) + _eps);
            p = AddCDiv(p, _negativeClr, expAvg, expInf);
        }
    }
}
