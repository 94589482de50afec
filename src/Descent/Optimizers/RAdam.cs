using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Descent.Tensors;
using static Descent.Optimizers.VectorMath;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="RAdam{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record RAdamOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1e-3;

    /// <summary>Decay rates of the running averages of the gradient and of its square.</summary>
    [Description("decay rates of the gradient's running average and of its square's")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty)")]
    public double WeightDecay { get; init; }

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        g = grad + weight_decay * p
        m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2;  m_hat = m / (1 - beta1^t)
        rho_inf = 2 / (1 - beta2) - 1;  rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
        rho_t > 5:  r = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))
                    p = p - m_hat * lr * sqrt(1 - beta2^t) / (sqrt(v) + eps) * r
        otherwise:  p = p - m_hat * lr
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new RAdam<T>(parameters, this);
}

/// <summary>
/// RAdam (rectified Adam), as PyTorch 1.13's <c>torch.optim.RAdam</c> (single-tensor form); its update rule: <see cref="RAdamOptions.UpdateRule"/>.
/// </summary>
public sealed class RAdam<T>(IEnumerable<Tensor<T>> parameters, RAdamOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (RAdamOptions)options;
        long step = ++state.Step;
        var (beta1, beta2) = o.Betas;
        double biasCorrection1 = 1 - Math.Pow(beta1, step), biasCorrection2 = 1 - Math.Pow(beta2, step);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * step * Math.Pow(beta2, step) / biasCorrection2;
        double? rect = rhoT > 5.0
            ? Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
            : null;
        FusedUpdate.Run(new Rule(o, biasCorrection1, biasCorrection2, rect), parameter.Memory, gradient.Memory,
            BufferOf(state, "exp_avg", parameter), BufferOf(state, "exp_avg_sq", parameter));
    }

    private readonly struct Rule(RAdamOptions o, double biasCorrection1, double biasCorrection2, double? rect) : IFusedUpdate<T>
    {
        private readonly GradientTerms<T> _terms = new(false, o.WeightDecay);
        private readonly Decay<T> _beta1 = new(o.Betas.Item1), _beta2 = new(o.Betas.Item2);
        private readonly Vector256<T> _biasCorrection1 = Splat<T>(biasCorrection1), _biasCorrection2Sqrt = Splat<T>(Math.Sqrt(biasCorrection2)),
            _lr = Splat<T>(o.Lr), _eps = Splat<T>(o.Eps), _rect = Splat<T>(rect ?? 0);
        private readonly bool _rectified = rect is not null;


        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector256<T> p, Vector256<T> grad, ref Vector256<T> m, ref Vector256<T> v, ref Vector256<T> s2)
        {
            Vector256<T> g = Decayed(grad, p, _terms);
            m = Average(m, g, _beta1);
            v = AverageOfSquares(v, g, _beta2);
            Vector256<T> corrected = m / _biasCorrection1;
            if (_rectified)
            {
                // sqrt(bc2) / tensor is computed by PyTorch as reciprocal(tensor) * sqrt(bc2).
                Vector256<T> adaptiveLr = Vector256<T>.One / (Vector256.Sqrt(v) + _eps) * _biasCorrection2Sqrt;
                p -= corrected * _lr * adaptiveLr * _rect;
            }
            else p -= corrected * _lr;
        }
    }
}
