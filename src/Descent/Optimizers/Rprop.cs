using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Rprop{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record RpropOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate: every step size starts here")]
    public override double Lr { get; init; } = 1e-2;

    /// <summary>Multiplicative decrease and increase factors of the step sizes (etaminus, etaplus).</summary>
    [Description("step-size factors (etaminus, etaplus)")]
    public (double, double) Etas { get; init; } = (0.5, 1.2);

    /// <summary>The smallest and largest allowed step sizes.</summary>
    [Description("smallest and largest step sizes")]
    public (double, double) StepSizes { get; init; } = (1e-6, 50);

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        Require(0 < Etas.Item1 && Etas.Item1 < 1 && 1 < Etas.Item2, "etas", Etas, "it must satisfy 0 < etaminus < 1 < etaplus");
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        s = sign(g * g_prev)                          (g negated if maximize)
        step = clamp(step * (etaplus if s > 0, etaminus if s < 0, else 1), step_sizes)   (step starts at lr)
        g = 0 where s < 0
        p = p - sign(g) * step;  g_prev = g
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Rprop<T>(parameters, this);
}

/// <summary>
/// Resilient backpropagation, as PyTorch 1.13's <c>torch.optim.Rprop</c> (single-tensor form); its update rule: <see cref="RpropOptions.UpdateRule"/>.
/// </summary>
public sealed class Rprop<T>(IEnumerable<Tensor<T>> parameters, RpropOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (RpropOptions)options;
        state.Step++;
        FusedUpdate.Run(new Rule(o), parameter.Memory, gradient.Memory,
            BufferOf(state, "prev", parameter), BufferOf(state, "step_size", parameter, Cast(o.Lr)));
    }

    private readonly struct Rule(RpropOptions o) : IFusedUpdate<T>
    {
        private readonly Vector256<T> _etaMinus = Splat<T>(o.Etas.Item1), _etaPlus = Splat<T>(o.Etas.Item2),
            _min = Splat<T>(o.StepSizes.Item1), _max = Splat<T>(o.StepSizes.Item2);
        private readonly bool _maximize = o.Maximize;


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> prev, ref Vector256<T> stepSize, ref Vector256<T> s2)
        {
            Vector256<T> g = _maximize ? -grad : grad;
            Vector256<T> product = g * prev;
            Vector256<T> factor = Vector256.ConditionalSelect(Vector256.GreaterThan(product, Vector256<T>.Zero), _etaPlus,
                Vector256.ConditionalSelect(Vector256.LessThan(product, Vector256<T>.Zero), _etaMinus, Vector256<T>.One));
            stepSize = Vector256.Min(Vector256.Max(stepSize * factor, _min), _max);
            g = Vector256.ConditionalSelect(Vector256.Equals(factor, _etaMinus), Vector256<T>.Zero, g);
            p -= Sign(g) * stepSize;
            prev = g;
        }

        private static Vector256<T> Sign(Vector256<T> x) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero)
            - Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), Vector256<T>.One, Vector256<T>.Zero);
    }
}
