using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Adopt{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record AdoptOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rates of the running average of the normalized gradient and of the squared gradient.</summary>
    [Description("decay rates of the normalized gradient's running average and of the squared gradient's")]
    public (double, double) Betas { get; init; } = (0.9, 0.9999);

    /// <summary>Weight decay: added to the gradient as an L2 penalty, or, with weight_decouple, shrinking p directly.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW, rather than adding weight_decay * p to the gradient.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; }

    /// <summary>Decoupled decay by weight_decay alone, not lr * weight_decay.</summary>
    [Description("decay not scaled by lr")]
    public bool FixedDecay { get; init; }

    /// <summary>The least value of the denominator sqrt(v).</summary>
    [Description("lower bound of the denominator")]
    public double Eps { get; init; } = 1e-6;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Taniguchi et al., 2024: ADOPT: Modified Adam Can Converge with Any beta2 with the Optimal Rate";

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad (negated if maximize)
        p = p * (1 - lr * weight_decay)                 (weight_decouple; fixed_decay: 1 - weight_decay)
        g = g + weight_decay * p                        (otherwise)
        step 1: v = g^2, and nothing else
        later:  n = clamp(g / max(sqrt(v), eps), -t^(1/4), t^(1/4))
                m = beta1 * m + (1 - beta1) * n
                p = p - lr * m
                v = beta2 * v + (1 - beta2) * g^2       (after the step: v never holds this step's g)
        (pytorch_optimizer's clip_lambda is fixed at its default t^(1/4), a Python function has no spec form;
         its keyword-only extras cautious and stable_adamw are left out)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adopt<T>(parameters, this);
}

/// <summary>
/// ADOPT, as pytorch_optimizer's <c>ADOPT</c> at commit 7a076d2f (per-parameter path): the gradient is normalized
/// by the previous steps' second moment before momentum, which lets Adam converge for any beta2.
/// Its update rule: <see cref="AdoptOptions.UpdateRule"/>.
/// </summary>
public sealed class Adopt<T>(IEnumerable<Tensor<T>> parameters, AdoptOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdoptOptions)options;
        long step = ++state.Step;
        FusedUpdate.Run(new Rule(o, step), parameter.Memory, gradient.Memory,
            BufferOf(state, "exp_avg", parameter), BufferOf(state, "exp_avg_sq", parameter));
    }

    private readonly struct Rule : IFusedUpdate<T>
    {
        private readonly DecoupledDecay<T> _decay;
        private readonly bool _first, _smallWeight;
        private readonly Vector256<T> _eps, _clip, _negativeLr, _weight, _oneMinusWeight;
        private readonly Decay<T> _beta2;

        public Rule(AdoptOptions o, long step)
        {
            _decay = new DecoupledDecay<T>(o.Maximize, o.Lr, o.WeightDecay, o.WeightDecouple, o.FixedDecay);
            _first = step == 1;
            _eps = Splat<T>(o.Eps);
            // clip_lambda's default, math.pow(step, 0.25), in double.
            _clip = Splat<T>(Math.Pow(step, 0.25));
            _negativeLr = Splat<T>(-o.Lr);
            _beta2 = new Decay<T>(o.Betas.Item2);
            // torch.lerp_ with weight 1 - beta1: the weight is converted to T first, 1 - weight is then computed in T.
            T weight = Cast(1.0 - o.Betas.Item1);
            _smallWeight = T.Abs(weight) < T.CreateChecked(0.5);
            _weight = Vector256.Create(weight);
            _oneMinusWeight = Vector256.Create(T.One - weight);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> s2)
        {
            Vector256<T> g = _decay.Apply(ref p, grad);
            if (_first)
            {
                v = AddCMul(v, Vector256<T>.One, g, g);
                return;
            }
            Vector256<T> normed = g / Vector256.Max(Vector256.Sqrt(v), _eps);
            normed = Vector256.Min(Vector256.Max(normed, -_clip), _clip);
            m = Lerp(m, normed);
            p = Fma(m, _negativeLr, p);
            v = AverageOfSquares(v, g, _beta2);
        }

        // PyTorch 1.13's lerp: from the start for small weights, from the end otherwise, each a fused multiply-add on CPU.
        private Vector256<T> Lerp(Vector256<T> start, Vector256<T> end) =>
            _smallWeight ? Fma(_weight, end - start, start) : Fma(-(end - start), _oneMinusWeight, end);
    }
}
