using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Adadelta{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record AdadeltaOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("coefficient that scales delta before it is applied")]
    public override double Lr { get; init; } = 1.0;

    /// <summary>Decay rate of the running averages of squared gradients and squared updates.</summary>
    [Description("decay rate of the squared-gradient and squared-update averages")]
    public double Rho { get; init; } = 0.9;

    /// <summary>Added inside the square roots for numerical stability.</summary>
    [Description("term added inside the square roots for stability")]
    public double Eps { get; init; } = 1e-6;

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
        Require(Rho >= 0 && Rho <= 1, "rho", Rho, "it must be in [0, 1]");
        RequireAtLeast("eps", Eps, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize) + weight_decay * p
        v = rho * v + (1 - rho) * g^2
        delta = sqrt(u + eps) / sqrt(v + eps) * g
        u = rho * u + (1 - rho) * delta^2
        p = p - lr * delta
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adadelta<T>(parameters, this);
}

/// <summary>
/// Adadelta, as PyTorch 1.13's <c>torch.optim.Adadelta</c> (single-tensor form); its update rule: <see cref="AdadeltaOptions.UpdateRule"/>.
/// </summary>
public sealed class Adadelta<T>(IEnumerable<Tensor<T>> parameters, AdadeltaOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdadeltaOptions)options;
        state.Step++;
        FusedUpdate.Run(new Rule(o), parameter.Memory, gradient.Memory,
            BufferOf(state, "square_avg", parameter), BufferOf(state, "acc_delta", parameter));
    }

    private readonly struct Rule(AdadeltaOptions o) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(o.Maximize, o.WeightDecay);
        private readonly Decay<T> _rho = new(o.Rho);
        private readonly Vector256<T> _eps = Splat<T>(o.Eps), _negativeLr = Splat<T>(-o.Lr);


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> squareAvg, ref Vector256<T> accDelta, ref Vector256<T> s2)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            squareAvg = AverageOfSquares(squareAvg, g, _rho);
            Vector256<T> std = Vector256.Sqrt(squareAvg + _eps);
            Vector256<T> delta = Vector256.Sqrt(accDelta + _eps) / std * g;
            accDelta = AverageOfSquares(accDelta, delta, _rho);
            p = Fma(delta, _negativeLr, p);
        }
    }
}
