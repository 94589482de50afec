using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Lion{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record LionOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-4;

    /// <summary>beta1 interpolates the update's sign direction; beta2 is the momentum's decay rate.</summary>
    [Description("interpolation for the update direction (beta1) and momentum decay (beta2)")]
    public (double, double) Betas { get; init; } = (0.9, 0.99);

    /// <summary>Weight decay: decoupled (p shrinks by lr * weight_decay) unless weight_decouple is false.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW, rather than adding weight_decay * p to the gradient.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; } = true;

    /// <summary>Decoupled decay by weight_decay alone, not lr * weight_decay.</summary>
    [Description("decay not scaled by lr")]
    public bool FixedDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Chen et al., 2023: Symbolic Discovery of Optimization Algorithms";

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireUnitInterval("betas[0]", Betas.Item1);
        RequireUnitInterval("betas[1]", Betas.Item2);
        RequireAtLeast("weight_decay", WeightDecay, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize)
        p = p * (1 - lr * weight_decay)                 (weight_decouple; fixed_decay: 1 - weight_decay)
        g = g + weight_decay * p                        (otherwise)
        u = sign(beta1 * m + (1 - beta1) * g)
        m = beta2 * m + (1 - beta2) * g
        p = p - lr * u
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Lion<T>(parameters, this);
}

/// <summary>
/// Lion (evolved sign momentum), as pytorch_optimizer's <c>Lion</c> at commit 7a076d2f (per-parameter path):
/// every coordinate moves by exactly lr, in the sign of an interpolation between momentum and gradient.
/// Its update rule: <see cref="LionOptions.UpdateRule"/>.
/// </summary>
public sealed class Lion<T>(IEnumerable<Tensor<T>> parameters, LionOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (LionOptions)options;
        state.Step++;
        FusedUpdate.Run(new Rule(o), parameter.Memory, gradient.Memory, BufferOf(state, "exp_avg", parameter));
    }

    private readonly struct Rule(LionOptions o) : IFusedUpdate<T>
    {
        private readonly DecoupledDecay<T> _decay = new(o.Maximize, o.Lr, o.WeightDecay, o.WeightDecouple, o.FixedDecay);
        private readonly Decay<T> _beta1 = new(o.Betas.Item1), _beta2 = new(o.Betas.Item2);
        private readonly Vector256<T> _step = Splat<T>(-o.Lr);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            Vector256<T> g = _decay.Apply(ref p, grad);
            Vector256<T> update = Sign(Average(m, g, _beta1));
            m = Average(m, g, _beta2);
            p = Fma(update, _step, p);
        }
    }
}
