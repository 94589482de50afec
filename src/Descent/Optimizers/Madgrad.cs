using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Madgrad{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record MadgradOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Momentum as an average of the iterate with the dual-averaging point; 0 is plain dual averaging.</summary>
    [Description("momentum (0: plain dual averaging)")]
    public double Momentum { get; init; } = 0.9;

    /// <summary>Weight decay: added to the gradient as an L2 penalty, or, with weight_decouple, shrinking p directly.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW, rather than adding weight_decay * p to the gradient.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; }

    /// <summary>Added to the learning rate and to the cube-root denominator for numerical stability.</summary>
    [Description("term added to lr and the denominator for stability")]
    public double Eps { get; init; } = 1e-6;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Defazio and Jelassi, 2021: Adaptivity without Compromise: A Momentumized, Adaptive, Dual Averaged Gradient Method for Stochastic Optimization";

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireUnitInterval("momentum", Momentum);
        RequireAtLeast("eps", Eps, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        k = steps taken before this one; lambda = (lr + eps) * sqrt(k + 1); x0 = p before the first step
        g = grad (negated if maximize) + weight_decay * p     (unless weight_decouple)
        x0 = p + s / (v^(1/3) + eps)                          (momentum = 0 only: recomputed each step)
        v = v + lambda * g^2
        s = s + lambda * g
        z = x0 - s / (v^(1/3) + eps)                          (eps = 0: where v^(1/3) = 0, the denominator is infinite)
        p = momentum * p + (1 - momentum) * z
        p = p - (lr + eps) * weight_decay * p_old             (weight_decouple; p_old: p before this step)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Madgrad<T>(parameters, this);
}

/// <summary>
/// MADGRAD, as pytorch_optimizer's <c>MADGRAD</c> at commit 7a076d2f (dense gradients): dual averaging with
/// an AdaGrad-like cube-root denominator and momentum as an average of the iterates.
/// Its update rule: <see cref="MadgradOptions.UpdateRule"/>.
/// </summary>
/// <remarks>
/// pytorch_optimizer counts steps k once for the whole optimizer; Descent counts them per parameter, which is the
/// same whenever every parameter has a gradient at every step.
/// </remarks>
public sealed class Madgrad<T>(IEnumerable<Tensor<T>> parameters, MadgradOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (MadgradOptions)options;
        // The dual-averaging point is p as it was before the first step.
        Memory<T> x0 = o.Momentum > 0 ? state.Buffer("x0", parameter.Clone).Memory : default;
        long k = state.Step++;
        double lr = o.Lr + o.Eps;
        // math.pow(k + 1, 0.5), in double, as Python computes it.
        double lambda = lr * Math.Pow(k + 1, 0.5);
        FusedUpdate.Run(new Rule(o, lr, lambda), parameter.Memory, gradient.Memory,
            BufferOf(state, "grad_sum_sq", parameter), BufferOf(state, "s", parameter), x0);
    }

    private readonly struct Rule(MadgradOptions o, double lr, double lambda) : IFusedUpdate<T>
    {
        private readonly bool _maximize = o.Maximize, _coupled = o.WeightDecay > 0 && !o.WeightDecouple, _decoupled = o.WeightDecay > 0 && o.WeightDecouple;
        private readonly bool _momentum = o.Momentum != 0, _infiniteWhereZero = o.Eps == 0;
        private readonly Vector256<T> _weightDecay = Splat<T>(o.WeightDecay), _decoupledStep = Splat<T>(-lr * o.WeightDecay);
        private readonly Vector256<T> _lambda = Splat<T>(lambda), _eps = Splat<T>(o.Eps);
        private readonly Decay<T> _average = new(o.Momentum);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> v, ref Vector256<T> s, ref Vector256<T> x0)
        {
            Vector256<T> g = _maximize ? -grad : grad;
            if (_coupled) g = Fma(p, _weightDecay, g);
            // Without momentum the dual-averaging point is recomputed from p (no infinity fix here, as in pytorch_optimizer).
            Vector256<T> origin = _momentum ? x0 : AddCDiv(p, Vector256<T>.One, s, CubeRoot(v) + _eps);
            v = AddCMul(v, _lambda, g, g);
            Vector256<T> rms = CubeRoot(v) + _eps;
            if (_infiniteWhereZero) rms = Vector256.ConditionalSelect(Vector256.Equals(rms, Vector256<T>.Zero), Vector256.Create(T.PositiveInfinity), rms);
            s = Fma(g, _lambda, s);
            Vector256<T> old = p;
            Vector256<T> z = AddCDiv(origin, -Vector256<T>.One, s, rms);
            p = _momentum ? Average(p, z, _average) : z;
            if (_decoupled) p = Fma(old, _decoupledStep, p);
        }

        /// <summary>
        /// <c>x.pow(1 / 3)</c> as PyTorch 1.13's CPU kernel computes it element by element: the C library's pow in double,
        /// rounded to float for float32 tensors (its vectorised path, for long tensors, uses SLEEF instead).
        /// </summary>
        private static Vector256<T> CubeRoot(Vector256<T> x)
        {
            Vector256<T> result = default;
            for (int i = 0; i < Vector256<T>.Count; i++)
                result = result.WithElement(i, T.CreateTruncating(Math.Pow(double.CreateTruncating(x[i]), 1.0 / 3)));
            return result;
        }
    }
}
