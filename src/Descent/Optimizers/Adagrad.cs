using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Adagrad{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-2;

    /// <summary>Learning-rate decay: step t uses lr / (1 + (t - 1) * lr_decay).</summary>
    [Description("learning rate decay")]
    public double LrDecay { get; init; }

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>The starting value of the sum of squared gradients.</summary>
    [Description("starting value of the sum of squared gradients")]
    public double InitialAccumulatorValue { get; init; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-10;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("lr_decay", LrDecay, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireAtLeast("initial_accumulator_value", InitialAccumulatorValue, 0);
        RequireAtLeast("eps", Eps, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize) + weight_decay * p
        s = s + g^2                                  (s starts at initial_accumulator_value)
        p = p - lr / (1 + (t - 1) * lr_decay) * g / (sqrt(s) + eps)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adagrad<T>(parameters, this);
}

/// <summary>
/// Adagrad, as PyTorch 1.13's <c>torch.optim.Adagrad</c> (dense, single-tensor form); its update rule: <see cref="AdagradOptions.UpdateRule"/>.
/// </summary>
public sealed class Adagrad<T>(IEnumerable<Tensor<T>> parameters, AdagradOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdagradOptions)options;
        Memory<T> sum = BufferOf(state, "sum", parameter, Cast(o.InitialAccumulatorValue));
        long step = ++state.Step;
        double clr = o.Lr / (1 + (step - 1) * o.LrDecay);
        FusedUpdate.Run(new Rule(o, clr), parameter.Memory, gradient.Memory, sum);
    }

    private readonly struct Rule(AdagradOptions o, double clr) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(o.Maximize, o.WeightDecay);
        private readonly Vector256<T> _one = Vector256<T>.One, _eps = Splat<T>(o.Eps), _negativeClr = Splat<T>(-clr);


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> sum, ref Vector256<T> s1, ref Vector256<T> s2)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            sum = AddCMul(sum, _one, g, g);
            p = AddCDiv(p, _negativeClr, g, Vector256.Sqrt(sum) + _eps);
        }
    }
}
