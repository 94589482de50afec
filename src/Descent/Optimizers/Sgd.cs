using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Specs;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Sgd{T}"/>, with PyTorch 1.13's defaults (lr has none there and is required).</summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Required, Description("learning rate (required)")]
    public override double Lr { get; init; } = double.NaN;

    /// <summary>Momentum factor; 0 is plain gradient descent.</summary>
    [Description("momentum factor")]
    public double Momentum { get; init; }

    /// <summary>Dampening for momentum.</summary>
    [Description("dampening for momentum")]
    public double Dampening { get; init; }

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>Nesterov momentum; needs momentum &gt; 0 and dampening 0.</summary>
    [Description("use Nesterov momentum")]
    public bool Nesterov { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        if (double.IsNaN(Lr)) throw new HyperparameterException("sgd: lr is required, e.g. sgd(lr=0.1)");
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("momentum", Momentum, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
        Require(!Nesterov || (Momentum > 0 && Dampening == 0), "nesterov", Nesterov, "Nesterov momentum requires momentum > 0 and zero dampening");
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize) + weight_decay * p
        b = g on the first step, else momentum * b + (1 - dampening) * g     (if momentum > 0)
        g = g + momentum * b if nesterov, else b                             (if momentum > 0)
        p = p - lr * g
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Sgd<T>(parameters, this);
}

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay, as PyTorch 1.13's <c>torch.optim.SGD</c>; its update rule: <see cref="SgdOptions.UpdateRule"/>.
/// </summary>
public sealed class Sgd<T>(IEnumerable<Tensor<T>> parameters, SgdOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (SgdOptions)options;
        // As in PyTorch, the momentum buffer starts as a copy of the first gradient it sees.
        bool first = !state.Buffers.ContainsKey("momentum_buffer");
        Memory<T> buffer = o.Momentum != 0 ? BufferOf(state, "momentum_buffer", parameter) : default;
        state.Step++;
        var rule = new Rule(o, first);
        FusedUpdate.Run(rule, parameter.Memory, gradient.Memory, buffer);
    }

    private readonly struct Rule(SgdOptions o, bool first) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(o.Maximize, o.WeightDecay);
        private readonly Vector256<T> _momentum = Splat<T>(o.Momentum), _keep = Splat<T>(1 - o.Dampening), _step = Splat<T>(-o.Lr);
        private readonly bool _useMomentum = o.Momentum != 0, _nesterov = o.Nesterov, _first = first;


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> buffer, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            if (_useMomentum)
            {
                buffer = _first ? g : Fma(g, _keep, buffer * _momentum);
                g = _nesterov ? Fma(buffer, _momentum, g) : buffer;
            }
            p = Fma(g, _step, p);
        }
    }
}
