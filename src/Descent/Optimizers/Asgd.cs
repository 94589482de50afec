using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Asgd{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record AsgdOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-2;

    /// <summary>Decay term.</summary>
    [Description("decay term")]
    public double Lambd { get; init; } = 1e-4;

    /// <summary>Power of the learning-rate update.</summary>
    [Description("power for the eta update")]
    public double Alpha { get; init; } = 0.75;

    /// <summary>The step at which averaging starts.</summary>
    [Description("step at which averaging starts")]
    public double T0 { get; init; } = 1e6;

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize) + weight_decay * p
        p = p * (1 - lambd * eta) - eta * g           (eta starts at lr)
        ax = ax + mu * (p - ax)                       (ax = p while mu = 1)
        eta = lr / (1 + lambd * lr * t)^alpha;  mu = 1 / max(1, t - t0)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Asgd<T>(parameters, this);
}

/// <summary>
/// Averaged SGD, as PyTorch 1.13's <c>torch.optim.ASGD</c> (single-tensor form); its update rule: <see cref="AsgdOptions.UpdateRule"/>.
/// The averaged parameters are kept in the state as <c>ax</c>.
/// </summary>
public sealed class Asgd<T>(IEnumerable<Tensor<T>> parameters, AsgdOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AsgdOptions)options;
        // PyTorch 1.13 keeps eta and mu in float32 tensors, whatever the parameters' type.
        double eta = state.Scalars.GetValueOrDefault("eta", (float)o.Lr);
        double mu = state.Scalars.GetValueOrDefault("mu", 1.0);
        long step = ++state.Step;
        FusedUpdate.Run(new Rule(o, eta, mu), parameter.Memory, gradient.Memory, BufferOf(state, "ax", parameter));
        state.Scalars["eta"] = (float)(o.Lr / Math.Pow(1 + o.Lambd * o.Lr * step, o.Alpha));
        state.Scalars["mu"] = (float)(1 / Math.Max(1, step - o.T0));
    }

    private readonly struct Rule(AsgdOptions o, double eta, double mu) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(o.Maximize, o.WeightDecay);
        private readonly Vector256<T> _shrink = Splat<T>(1 - o.Lambd * eta), _negativeEta = Splat<T>(-eta), _mu = Splat<T>(mu);
        private readonly bool _averaging = mu != 1;


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> ax, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            p *= _shrink;
            p = Fma(g, _negativeEta, p);
            ax = _averaging ? ax + (p - ax) * _mu : p;
        }
    }
}
