using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Lars{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record LarsOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>L2 penalty added to the gradient of tensors of two or more dimensions.</summary>
    [Description("weight decay (L2 penalty, tensors of 2+ dimensions only)")]
    public double WeightDecay { get; init; }

    /// <summary>Momentum factor; 0 turns momentum off.</summary>
    [Description("momentum factor")]
    public double Momentum { get; init; } = 0.9;

    /// <summary>Dampening for momentum.</summary>
    [Description("dampening for momentum")]
    public double Dampening { get; init; }

    /// <summary>Scales the trust ratio |p| / |grad|.</summary>
    [Description("trust coefficient")]
    public double TrustCoefficient { get; init; } = 1e-3;

    /// <summary>Nesterov momentum.</summary>
    [Description("use Nesterov momentum")]
    public bool Nesterov { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "You, Gitman and Ginsburg, 2017: Large Batch Training of Convolutional Networks";

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireUnitInterval("momentum", Momentum);
        RequireUnitInterval("dampening", Dampening);
        RequireAtLeast("trust_coefficient", TrustCoefficient, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize)
        for tensors of 2+ dimensions (vectors and scalars skip this line):
            g = (g + weight_decay * p) * trust,  trust = trust_coefficient * |p| / |g|  (1 if |p| or |g| is 0; whole-tensor 2-norms)
        b = momentum * b + (1 - dampening) * g      (if momentum > 0; b starts as the first raw gradient)
        g = g + momentum * b if nesterov, else b    (if momentum > 0)
        p = p - lr * g
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Lars<T>(parameters, this);
}

/// <summary>
/// LARS (layer-wise adaptive rate scaling), as pytorch_optimizer's <c>LARS</c> at commit 7a076d2f (per-parameter
/// path): momentum SGD whose gradient, for each tensor of two or more dimensions, is scaled by the ratio of the
/// weights' norm to the gradient's. Its update rule: <see cref="LarsOptions.UpdateRule"/>.
/// </summary>
public sealed class Lars<T>(IEnumerable<Tensor<T>> parameters, LarsOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (LarsOptions)options;
        // As in the reference, the buffer starts as a copy of the first gradient, before maximize negates it.
        bool first = o.Momentum > 0 && !state.Buffers.ContainsKey("momentum_buffer");
        Memory<T> buffer = o.Momentum > 0 ? BufferOf(state, "momentum_buffer", parameter) : default;
        state.Step++;
        bool scaled = parameter.Rank > 1;
        T trust = T.One;
        if (scaled)
        {
            // The norm of the negated gradient is the gradient's: the same squares in the same order.
            T parameterNorm = Norms.L2<T>(parameter.Data), gradientNorm = Norms.L2<T>(gradient.Data);
            if (parameterNorm > T.Zero && gradientNorm > T.Zero) trust = Cast(o.TrustCoefficient) * parameterNorm / gradientNorm;
        }
        FusedUpdate.Run(new Rule(o, scaled, trust, first), parameter.Memory, gradient.Memory, buffer);
    }

    private readonly struct Rule(LarsOptions o, bool scaled, T trust, bool first) : IFusedUpdate<T>
    {
        private readonly bool _maximize = o.Maximize, _scaled = scaled, _useMomentum = o.Momentum > 0, _nesterov = o.Nesterov, _first = first;
        private readonly Vector256<T> _trust = Vector256.Create(trust), _weightDecay = Splat<T>(o.WeightDecay);
        private readonly Vector256<T> _momentum = Splat<T>(o.Momentum), _keep = Splat<T>(1 - o.Dampening), _step = Splat<T>(-o.Lr);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> buffer, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            Vector256<T> g = _maximize ? -grad : grad;
            // The reference adds the decay even when it is 0 (which can turn a -0 gradient into +0).
            if (_scaled) g = Fma(p, _weightDecay, g) * _trust;
            if (_useMomentum)
            {
                buffer = Fma(g, _keep, (_first ? grad : buffer) * _momentum);
                g = _nesterov ? Fma(buffer, _momentum, g) : buffer;
            }
            p = Fma(g, _step, p);
        }
    }
}
