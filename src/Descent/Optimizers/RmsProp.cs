using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="RmsProp{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record RmsPropOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-2;

    /// <summary>Smoothing constant of the running average of squared gradients.</summary>
    [Description("smoothing constant of the squared-gradient average")]
    public double Alpha { get; init; } = 0.99;

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>Momentum factor.</summary>
    [Description("momentum factor")]
    public double Momentum { get; init; }

    /// <summary>Normalize by an estimate of the gradient's variance instead of its second moment.</summary>
    [Description("centered RMSprop (divide by the variance estimate)")]
    public bool Centered { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("eps", Eps, 0);
        RequireAtLeast("momentum", Momentum, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireAtLeast("alpha", Alpha, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize) + weight_decay * p
        v = alpha * v + (1 - alpha) * g^2
        d = sqrt(v - a^2) + eps with a = alpha * a + (1 - alpha) * g   (centered)
          = sqrt(v) + eps                                              (otherwise)
        b = momentum * b + g / d;  p = p - lr * b                       (momentum > 0)
        p = p - lr * g / d                                              (otherwise)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new RmsProp<T>(parameters, this);
}

/// <summary>
/// RMSprop, as PyTorch 1.13's <c>torch.optim.RMSprop</c> (single-tensor form); its update rule: <see cref="RmsPropOptions.UpdateRule"/>.
/// </summary>
public sealed class RmsProp<T>(IEnumerable<Tensor<T>> parameters, RmsPropOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (RmsPropOptions)options;
        state.Step++;
        FusedUpdate.Run(new Rule(o), parameter.Memory, gradient.Memory,
            BufferOf(state, "square_avg", parameter),
            o.Centered ? BufferOf(state, "grad_avg", parameter) : default,
            o.Momentum > 0 ? BufferOf(state, "momentum_buffer", parameter) : default);
    }

    private readonly struct Rule(RmsPropOptions o) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(o.Maximize, o.WeightDecay);
        private readonly Decay<T> _alpha = new(o.Alpha);
        private readonly Vector256<T> _eps = Splat<T>(o.Eps), _momentum = Splat<T>(o.Momentum), _negativeLr = Splat<T>(-o.Lr);
        private readonly bool _centered = o.Centered, _useMomentum = o.Momentum > 0;


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> squareAvg, ref Vector256<T> gradAvg, ref Vector256<T> buffer)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            squareAvg = AverageOfSquares(squareAvg, g, _alpha);
            Vector256<T> avg;
            if (_centered)
            {
                gradAvg = Average(gradAvg, g, _alpha);
                avg = Vector256.Sqrt(AddCMul(squareAvg, -Vector256<T>.One, gradAvg, gradAvg));
            }
            else avg = Vector256.Sqrt(squareAvg);
            avg += _eps;
            if (_useMomentum)
            {
                buffer = AddCDiv(buffer * _momentum, Vector256<T>.One, g, avg);
                p = Fma(buffer, _negativeLr, p);
            }
            else p = AddCDiv(p, _negativeLr, g, avg);
        }
    }
}
