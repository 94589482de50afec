using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Autodiff;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="DAdaptAdam{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record DAdaptAdamOptions : OptimizerOptions
{
    /// <summary>Multiplies the estimated step size d; leave it at 1 unless training is unstable.</summary>
    [Description("learning rate (a multiplier of the estimated step size d)")]
    public override double Lr { get; init; } = 1;

    /// <summary>Decay rates of the running averages of the gradient and of its square (sqrt(beta2) also decays the estimate's sums).</summary>
    [Description("decay rates of the gradient's running average and of its square's")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>The initial estimate of d.</summary>
    [Description("initial estimate of the step size d")]
    public double D0 { get; init; } = 1e-6;

    /// <summary>The most d may grow by in one step, as a factor; inf (the default, as the reference's float('inf')) means no limit.</summary>
    [Description("largest factor d may grow by per step (inf: no limit)")]
    public double GrowthRate { get; init; } = double.PositiveInfinity;

    /// <summary>Weight decay; only its decoupled form acts (see <see cref="WeightDecouple"/>).</summary>
    [Description("weight decay (acts only with weight_decouple)")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW. The reference passes no gradient to its coupled form, so without this weight decay does nothing.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; }

    /// <summary>Decoupled decay by weight_decay alone, not by the step size times weight_decay.</summary>
    [Description("decay not scaled by the step size")]
    public bool FixedDecay { get; init; }

    /// <summary>Scale the step by Adam's bias corrections sqrt(1 - beta2^t) / (1 - beta1^t).</summary>
    [Description("use Adam's bias correction")]
    public bool BiasCorrection { get; init; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Defazio and Mishchenko, 2023: Learning-Rate-Free Learning by D-Adaptation";

    /// <inheritdoc/>
    public override void Validate()
    {
        ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);
        // Not a check of the reference's: an infinite factor is written none, so that specs read back.
        Require(GrowthRate > 0, "growth_rate", GrowthRate, "it must be > 0 (inf: no limit)");
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        over all groups (settings of the first group; growth_rate of the last, as the reference reads it), b = sqrt(beta2):
        dlr = d * lr                                    (bias_correction: d * lr * sqrt(1 - beta2^t) / (1 - beta1^t))
        acc = sum over p of dlr * g.(s / (sqrt(v) + eps))                   (acc, num, l1 in float32; s, v before the update)
        m = beta1 * m + dlr * (1 - beta1) * g;   v = beta2 * v + (1 - beta2) * g^2
        s = b * s + dlr * (1 - b) * g;   l1 = sum over p of |s|_1;  stop if l1 = 0
        num = b * num + (1 - b) * acc
        d = max(d, min(num / (1 - b) * l1, d * growth_rate))                (if lr > 0; "* l1" as in the reference)
        p = p * (1 - dlr * weight_decay)                                    (weight_decouple; fixed_decay: 1 - weight_decay)
        p = p - m / (sqrt(v) + eps)
        g = grad (negated if maximize)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new DAdaptAdam<T>(parameters, this);
}

/// <summary>
/// Adam with D-Adaptation (version 3), as pytorch_optimizer's <c>DAdaptAdam</c> at commit 7a076d2f: Adam whose step
/// size d is estimated as it goes. The estimate spans every group: each step first updates every parameter's moments
/// and sums, then the estimate, then every parameter. Its update rule: <see cref="DAdaptAdamOptions.UpdateRule"/>.
/// </summary>
/// <remarks>
/// The estimate d, the float32 weighted numerator and the step count are group scalars (see <see cref="Optimizer{T}.GroupStateOf"/>).
/// The reference's estimate multiplies by |s|_1 where the paper divides by it; Descent follows the reference.
/// </remarks>
public sealed class DAdaptAdam<T>(IEnumerable<Tensor<T>> parameters, DAdaptAdamOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Takes one step over every group; <paramref name="closure"/>, if given, is evaluated first.</summary>
    /// <returns>The loss the closure returned, if there was a closure.</returns>
    public override double? Step(Func<double>? closure = null)
    {
        double? loss = closure?.Invoke();
        using var _ = Autograd.NoGrad();
        IReadOnlyList<ParameterGroup<T>> groups = ParamGroups;
        var first = (DAdaptAdamOptions)groups[0].Options;
        Dictionary<string, double> shared = GroupStateOf(groups[0]).Scalars;
        (double beta1, double beta2) = first.Betas;
        double beta2Sqrt = Math.Sqrt(beta2);
        double d = shared.GetValueOrDefault("d", first.D0), lr = first.Lr;
        double t = shared.GetValueOrDefault("step") + 1;
        double dLr = d * lr;
        if (first.BiasCorrection) dLr /= (1 - Math.Pow(beta1, t)) / Math.Sqrt(1 - Math.Pow(beta2, t));

        // The reference sums in float32 tensors (torch.tensor([0.0])) whatever the parameters' type, with fused add_(alpha).
        float numerator = 0, l1 = 0, alpha = (float)dLr;
        for (int g = 0; g < groups.Count; g++)
        {
            ParameterGroup<T> group = groups[g];
            var o = (DAdaptAdamOptions)group.Options;
            Dictionary<string, double> scalars = GroupStateOf(group).Scalars;
            scalars["step"] = scalars.GetValueOrDefault("step") + 1;
            var moments = new Moments(o, beta1, beta2, beta2Sqrt, dLr);
            for (int i = 0; i < group.Parameters.Count; i++)
            {
                Tensor<T> p = group.Parameters[i];
                if (p.Grad is not { } grad) continue;
                ParameterState<T> state = StateOf(p);
                state.Step++;
                var (dot, sum) = moments.Run(grad.Data, BufferOf(state, "exp_avg", p).Span, BufferOf(state, "exp_avg_sq", p).Span, BufferOf(state, "s", p).Span);
                numerator = MathF.FusedMultiplyAdd(float.CreateTruncating(dot), alpha, numerator);
                l1 += float.CreateTruncating(sum);
            }
        }
        if (l1 == 0) return loss;

        float weighted = MathF.FusedMultiplyAdd(numerator, (float)(1 - beta2Sqrt), (float)shared.GetValueOrDefault("numerator_weighted") * (float)beta2Sqrt);
        if (lr > 0)
        {
            double dHat = weighted / (float)(1 - beta2Sqrt) * l1;
            // The reference reads growth_rate after its loop over the groups, from the loop variable: the last group's.
            double growth = ((DAdaptAdamOptions)groups[^1].Options).GrowthRate;
            d = PythonMax(d, PythonMin(dHat, d * growth));
        }

        for (int g = 0; g < groups.Count; g++)
        {
            ParameterGroup<T> group = groups[g];
            var o = (DAdaptAdamOptions)group.Options;
            Dictionary<string, double> scalars = GroupStateOf(group).Scalars;
            scalars["numerator_weighted"] = weighted;
            scalars["d"] = d;
            var rule = new Rule(o, dLr);
            for (int i = 0; i < group.Parameters.Count; i++)
            {
                Tensor<T> p = group.Parameters[i];
                if (p.Grad is not { } grad) continue;
                ParameterState<T> state = StateOf(p);
                FusedUpdate.Run(rule, p.Memory, grad.Memory, BufferOf(state, "exp_avg", p), BufferOf(state, "exp_avg_sq", p));
            }
        }
        return loss;
    }

    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state) =>
        throw new InvalidOperationException("D-Adaptation Adam updates all groups together in Step: its step size is estimated over all of them.");

    // Python's max and min: the first argument unless the second is strictly beyond it (so a NaN estimate is passed over).
    private static double PythonMax(double a, double b) => b > a ? b : a;

    private static double PythonMin(double a, double b) => b < a ? b : a;

    /// <summary>
    /// The first pass over one parameter: g.(s / (sqrt(v) + eps)) before the update, the moments and s, and |s|_1 after
    /// it. The sums run in element order, as PyTorch's dot and (for a few elements) sum do; that is why this is a loop, not SIMD.
    /// </summary>
    private readonly struct Moments(DAdaptAdamOptions o, double beta1, double beta2, double beta2Sqrt, double dLr)
    {
        private readonly bool _maximize = o.Maximize;
        private readonly T _eps = Cast(o.Eps), _beta1 = Cast(beta1), _mRate = Cast(dLr * (1 - beta1)), _beta2 = Cast(beta2), _vRate = Cast(1 - beta2);
        private readonly T _sDecay = Cast(beta2Sqrt), _sRate = Cast(dLr * (1 - beta2Sqrt));

        public (T Dot, T Sum) Run(ReadOnlySpan<T> grad, Span<T> m, Span<T> v, Span<T> s)
        {
            T dot = T.Zero, sum = T.Zero;
            for (int i = 0; i < grad.Length; i++)
            {
                T g = _maximize ? -grad[i] : grad[i];
                dot += g * (s[i] / (T.Sqrt(v[i]) + _eps));
                m[i] = T.FusedMultiplyAdd(g, _mRate, m[i] * _beta1);
                v[i] = T.FusedMultiplyAdd(_vRate * g, g, v[i] * _beta2);
                s[i] = T.FusedMultiplyAdd(g, _sRate, s[i] * _sDecay);
                sum += T.Abs(s[i]);
            }
            return (dot, sum);
        }
    }

    /// <summary>The second pass: decoupled weight decay and the step, with this step's dlr.</summary>
    private readonly struct Rule(DAdaptAdamOptions o, double dLr) : IFusedUpdate<T>
    {
        // The coupled form is handed no gradient in the reference: no decay at all.
        private readonly Vector256<T> _shrink = Splat<T>(o.WeightDecouple ? 1 - o.WeightDecay * (o.FixedDecay ? 1 : dLr) : 1);
        private readonly Vector256<T> _eps = Splat<T>(o.Eps), _minusOne = Splat<T>(-1);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> s2)
        {
            p *= _shrink;
            p = AddCDiv(p, _minusOne, m, Vector256.Sqrt(v) + _eps);
        }
    }
}
