using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Autodiff;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="Prodigy{T}"/>, with pytorch_optimizer's defaults.</summary>
public sealed record ProdigyOptions : OptimizerOptions
{
    /// <summary>Multiplies the estimated step size d; leave it at 1 unless training is unstable.</summary>
    [Description("learning rate (a multiplier of the estimated step size d)")]
    public override double Lr { get; init; } = 1;

    /// <summary>Decay rates of the running averages of the gradient and of its square.</summary>
    [Description("decay rates of the gradient's running average and of its square's")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Decay rate of the running sums that estimate d; none means sqrt(beta2).</summary>
    [Description("decay rate of the step-size estimate's sums (none: sqrt(beta2))")]
    public double? Beta3 { get; init; }

    /// <summary>The initial estimate of d.</summary>
    [Description("initial estimate of the step size d")]
    public double D0 { get; init; } = 1e-6;

    /// <summary>Multiplies each new estimate of d.</summary>
    [Description("coefficient of the step-size estimate")]
    public double DCoef { get; init; } = 1;

    /// <summary>The most d may grow by in one step, as a factor; inf (the default, as the reference's float('inf')) means no limit.</summary>
    [Description("largest factor d may grow by per step (inf: no limit)")]
    public double GrowthRate { get; init; } = double.PositiveInfinity;

    /// <summary>Weight decay: decoupled (p shrinks by d * lr * weight_decay) unless weight_decouple is false.</summary>
    [Description("weight decay")]
    public double WeightDecay { get; init; }

    /// <summary>Shrink the parameters directly, as AdamW; the reference's coupled form changes the gradient only after the step has used it, so it has no effect.</summary>
    [Description("decoupled weight decay, as AdamW")]
    public bool WeightDecouple { get; init; } = true;

    /// <summary>Decoupled decay by weight_decay alone, not by the step size times weight_decay.</summary>
    [Description("decay not scaled by the step size")]
    public bool FixedDecay { get; init; }

    /// <summary>Scale the step by Adam's bias corrections sqrt(1 - beta2^t) / (1 - beta1^t).</summary>
    [Description("use Adam's bias correction")]
    public bool BiasCorrection { get; init; }

    /// <summary>Leave lr out of the denominator sum of the estimate, against instability during a learning-rate warmup.</summary>
    [Description("leave lr out of the estimate's denominator (for warmup)")]
    public bool SafeguardWarmup { get; init; }

    /// <summary>Added to the denominator (times d); none updates by atan2(m, sqrt(v)) instead of dividing.</summary>
    [Description("term added to the denominator (none: atan2 update)")]
    public double? Eps { get; init; } = 1e-8;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Mishchenko and Defazio, 2023: Prodigy: An Expeditiously Adaptive Parameter-Free Learner";

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        RequireUnitInterval("betas[0]", Betas.Item1);
        RequireUnitInterval("betas[1]", Betas.Item2);
        if (Beta3 is double beta3) Require(beta3 >= 0 && beta3 <= 1, "beta3", beta3, "it must be in [0, 1]");
        // Not a check of the reference's: an infinite factor is written none, so that specs read back.
        Require(GrowthRate > 0, "growth_rate", GrowthRate, "it must be > 0 (inf: no limit)");
        RequireAtLeast("weight_decay", WeightDecay, 0);
        if (Eps is double eps) RequireAtLeast("eps", eps, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        over all groups (settings of the first group; d_coef, d0 and growth_rate of the last, as the reference reads them):
        dlr = d * lr                        (bias_correction: d * lr * sqrt(1 - beta2^k) / (1 - beta1^k), k = 1, 3, 5, ...)
        num = beta3 * num + sum over p of (d / d0) * dlr * g.(p0 - p)        (num, den in float32; p0 = p at the start)
        m = beta1 * m + d * (1 - beta1) * g;   v = beta2 * v + d^2 * (1 - beta2) * g^2
        s = beta3 * s + (d / d0) * dlr * g                                   (safeguard_warmup: d in place of dlr)
        den = sum over p of |s|_1;  stop if den = 0
        d_hat = d_coef * num / den;  d = max(d, d_hat) if d = d0;  d_max = max(d_max, d_hat);  d = min(d_max, d * growth_rate)
        p = p * (1 - dlr * weight_decay)                                      (weight_decouple; fixed_decay: 1 - weight_decay)
        p = p - dlr * m / (sqrt(v) + d * eps)                                 (eps none: p = p - dlr * atan2(m, sqrt(v)))
        g = grad (negated if maximize); dlr is this step's, d the new estimate
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Prodigy<T>(parameters, this);
}

/// <summary>
/// Prodigy, as pytorch_optimizer's <c>Prodigy</c> at commit 7a076d2f: Adam whose step size d is estimated as it
/// goes, from how far the parameters moved against the gradients. The estimate spans every group: each step first
/// updates every parameter's moments and sums, then the estimate, then every parameter. Its update rule:
/// <see cref="ProdigyOptions.UpdateRule"/>.
/// </summary>
/// <remarks>
/// The estimate (d, d_max, the float32 numerator) and the step count are group scalars (see <see cref="Optimizer{T}.GroupStateOf"/>);
/// like the reference, the step count grows by two per step once d is estimated (it only matters for bias_correction).
/// </remarks>
public sealed class Prodigy<T>(IEnumerable<Tensor<T>> parameters, ProdigyOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Takes one step over every group; <paramref name="closure"/>, if given, is evaluated first.</summary>
    /// <returns>The loss the closure returned, if there was a closure.</returns>
    public override double? Step(Func<double>? closure = null)
    {
        double? loss = closure?.Invoke();
        using var _ = Autograd.NoGrad();
        IReadOnlyList<ParameterGroup<T>> groups = ParamGroups;
        var first = (ProdigyOptions)groups[0].Options;
        Dictionary<string, double> shared = GroupStateOf(groups[0]).Scalars;
        (double beta1, double beta2) = first.Betas;
        double beta3 = first.Beta3 ?? Math.Sqrt(beta2);
        double k = shared.GetValueOrDefault("step", 1);
        double biasCorrection = first.BiasCorrection ? (1 - Math.Pow(beta1, k)) / Math.Sqrt(1 - Math.Pow(beta2, k)) : 1;
        double d = shared.GetValueOrDefault("d", first.D0), d0 = first.D0;
        double dLr = d * first.Lr / biasCorrection;

        // The reference sums in float32 tensors (torch.tensor([0.0])) whatever the parameters' type, with fused add_(alpha).
        float numerator = (float)shared.GetValueOrDefault("d_numerator") * (float)beta3, denominator = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            ParameterGroup<T> group = groups[g];
            var o = (ProdigyOptions)group.Options;
            Dictionary<string, double> scalars = GroupStateOf(group).Scalars;
            scalars["step"] = scalars.GetValueOrDefault("step", 1) + 1;
            var moments = new Moments(o.Maximize, beta1, beta2, beta3, d, (d / d0) * (o.SafeguardWarmup ? d : dLr));
            float alpha = (float)((d / d0) * dLr);
            for (int i = 0; i < group.Parameters.Count; i++)
            {
                Tensor<T> p = group.Parameters[i];
                if (p.Grad is not { } grad) continue;
                ParameterState<T> state = StateOf(p);
                state.Step++;
                if (!state.Buffers.TryGetValue("p0", out Tensor<T>? p0)) state.Buffers["p0"] = p0 = p.Clone();
                var (dot, sum) = moments.Run(p.Data, grad.Data, p0.Data,
                    BufferOf(state, "exp_avg", p).Span, BufferOf(state, "exp_avg_sq", p).Span, BufferOf(state, "s", p).Span);
                numerator = MathF.FusedMultiplyAdd(float.CreateTruncating(dot), alpha, numerator);
                denominator += float.CreateTruncating(sum);
            }
        }
        shared["d_numerator"] = numerator;
        if (denominator == 0) return loss;

        // The reference reads these after its loop over the groups, from the loop variable: the last group's.
        var last = (ProdigyOptions)groups[^1].Options;
        double dHat = (float)last.DCoef * numerator / denominator;
        if (d == last.D0) d = PythonMax(d, dHat);
        double dMax = PythonMax(GroupStateOf(groups[^1]).Scalars.GetValueOrDefault("d_max", last.D0), dHat);
        d = PythonMin(dMax, d * last.GrowthRate);

        for (int g = 0; g < groups.Count; g++)
        {
            ParameterGroup<T> group = groups[g];
            var o = (ProdigyOptions)group.Options;
            Dictionary<string, double> scalars = GroupStateOf(group).Scalars;
            scalars["step"] += 1;
            scalars["d"] = d;
            scalars["d_max"] = dMax;
            scalars["d_numerator"] = numerator;
            var rule = new Rule(o, d, dLr);
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
        throw new InvalidOperationException("Prodigy updates all groups together in Step: its step size is estimated over all of them.");

    // Python's max and min: the first argument unless the second is strictly beyond it (so a NaN estimate is passed over).
    private static double PythonMax(double a, double b) => b > a ? b : a;

    private static double PythonMin(double a, double b) => b < a ? b : a;

    /// <summary>
    /// The first pass over one parameter: g.(p0 - p) before the update, the moments and s, and |s|_1 after it. The sums
    /// run in element order, as PyTorch's dot and (for a few elements) sum do; that is why this is a loop, not SIMD.
    /// </summary>
    private readonly struct Moments(bool maximize, double beta1, double beta2, double beta3, double d, double sRate)
    {
        private readonly T _beta1 = Cast(beta1), _mRate = Cast(d * (1 - beta1)), _beta2 = Cast(beta2), _vRate = Cast(d * d * (1 - beta2));
        private readonly T _beta3 = Cast(beta3), _sRate = Cast(sRate);

        public (T Dot, T Sum) Run(ReadOnlySpan<T> p, ReadOnlySpan<T> grad, ReadOnlySpan<T> p0, Span<T> m, Span<T> v, Span<T> s)
        {
            T dot = T.Zero, sum = T.Zero;
            for (int i = 0; i < p.Length; i++)
            {
                T g = maximize ? -grad[i] : grad[i];
                dot += g * (p0[i] - p[i]);
                m[i] = T.FusedMultiplyAdd(g, _mRate, m[i] * _beta1);
                v[i] = T.FusedMultiplyAdd(_vRate * g, g, v[i] * _beta2);
                s[i] = T.FusedMultiplyAdd(g, _sRate, s[i] * _beta3);
                sum += T.Abs(s[i]);
            }
            return (dot, sum);
        }
    }

    /// <summary>The second pass: decoupled weight decay and the step, with this step's dlr and the new estimate d.</summary>
    private readonly struct Rule : IFusedUpdate<T>
    {
        private readonly bool _atan2;
        private readonly Vector256<T> _shrink, _eps, _step;

        public Rule(ProdigyOptions o, double d, double dLr)
        {
            _atan2 = o.Eps is null;
            // The coupled form adds weight_decay * p to a gradient nothing reads any more: no decay at all.
            _shrink = Splat<T>(o.WeightDecouple ? 1 - o.WeightDecay * (o.FixedDecay ? 1 : dLr) : 1);
            _eps = Splat<T>(d * (o.Eps ?? 0));
            _step = Splat<T>(-dLr);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> s2)
        {
            p *= _shrink;
            if (_atan2) p = Fma(Atan2(m, Vector256.Sqrt(v)), _step, p);
            else p = AddCDiv(p, _step, m, Vector256.Sqrt(v) + _eps);
        }

        private static Vector256<T> Atan2(Vector256<T> y, Vector256<T> x)
        {
            Vector256<T> result = default;
            for (int i = 0; i < Vector256<T>.Count; i++) result = result.WithElement(i, T.Atan2(y[i], x[i]));
            return result;
        }
    }
}
