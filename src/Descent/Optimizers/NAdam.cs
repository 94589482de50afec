using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="NAdam{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record NAdamOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 2e-3;

    /// <summary>Decay rates of the running averages of the gradient and of its square.</summary>
    [Description("decay rates of the gradient's running average and of its square's")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <summary>How fast the momentum schedule mu_t approaches beta1.</summary>
    [Description("momentum schedule decay")]
    public double MomentumDecay { get; init; } = 4e-3;

    /// <inheritdoc/>
    public override void Validate()
    {
        ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);
        RequireAtLeast("momentum_decay", MomentumDecay, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad + weight_decay * p
        mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay));  P_t = mu_1 * ... * mu_t
        m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
        d = sqrt(v / (1 - beta2^t)) + eps
        p = p - lr * (1 - mu_t) / (1 - P_t) * g / d
        p = p - lr * mu_(t+1) / (1 - P_t * mu_(t+1)) * m / d
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new NAdam<T>(parameters, this);
}

/// <summary>
/// NAdam (Adam with Nesterov momentum), as PyTorch 1.13's <c>torch.optim.NAdam</c> (single-tensor form); its update rule: <see cref="NAdamOptions.UpdateRule"/>.
/// </summary>
public sealed class NAdam<T>(IEnumerable<Tensor<T>> parameters, NAdamOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (NAdamOptions)options;
        long step = ++state.Step;
        double beta1 = o.Betas.Item1;
        double mu = beta1 * (1.0 - 0.5 * Math.Pow(0.96, step * o.MomentumDecay));
        double muNext = beta1 * (1.0 - 0.5 * Math.Pow(0.96, (step + 1) * o.MomentumDecay));
        // PyTorch 1.13 keeps the product of the mu_t in a float32 tensor whatever the parameters' type,
        // and its mu_product_next multiplies in mu_t a second time; both are reproduced for parity.
        float muProduct = (float)state.Scalars.GetValueOrDefault("mu_product", 1.0) * (float)mu;
        float muProductNext = muProduct * (float)mu * (float)muNext;
        state.Scalars["mu_product"] = muProduct;
        double gradStep = -o.Lr * (1.0 - mu) / (1.0 - muProduct);
        double averageStep = -o.Lr * muNext / (1.0 - muProductNext);
        FusedUpdate.Run(new Rule(o, 1 - Math.Pow(o.Betas.Item2, step), gradStep, averageStep), parameter.Memory, gradient.Memory,
            BufferOf(state, "exp_avg", parameter), BufferOf(state, "exp_avg_sq", parameter));
    }

    private readonly struct Rule(NAdamOptions o, double biasCorrection2, double gradStep, double averageStep) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(false, o.WeightDecay);
        private readonly Decay<T> _beta1 = new(o.Betas.Item1), _beta2 = new(o.Betas.Item2);
        private readonly Vector256<T> _biasCorrection2 = Splat<T>(biasCorrection2), _eps = Splat<T>(o.Eps),
            _gradStep = Splat<T>(gradStep), _averageStep = Splat<T>(averageStep);


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> s2)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            m = Average(m, g, _beta1);
            v = AverageOfSquares(v, g, _beta2);
            Vector256<T> denom = Vector256.Sqrt(v / _biasCorrection2) + _eps;
            p = AddCDiv(p, _gradStep, g, denom);
            p = AddCDiv(p, _averageStep, m, denom);
        }
    }
}
