using System.ComponentModel;
using System.Numerics;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of <see cref="AdamW{T}"/>, with PyTorch 1.13's defaults (note weight_decay = 0.01).</summary>
public sealed record AdamWOptions : OptimizerOptions
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

    /// <summary>Decoupled weight decay: p shrinks by lr * weight_decay * p each step.</summary>
    [Description("decoupled weight decay coefficient")]
    public double WeightDecay { get; init; } = 1e-2;

    /// <summary>Use the maximum of past squared-gradient averages (AMSGrad).</summary>
    [Description("use the AMSGrad variant")]
    public bool Amsgrad { get; init; }

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override void Validate() => ValidateAdamFamily(Lr, Eps, Betas, WeightDecay);

    /// <inheritdoc/>
    public override string UpdateRule => """
        p = p * (1 - lr * weight_decay)
        g = grad (negated if maximize)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g^2            (amsgrad: v_max = max(v_max, v) replaces v below)
        p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new AdamW<T>(parameters, this);
}

/// <summary>
/// AdamW, as PyTorch 1.13's <c>torch.optim.AdamW</c>: Adam with decoupled weight decay.
/// Its update rule: <see cref="AdamWOptions.UpdateRule"/>.
/// </summary>
public sealed class AdamW<T>(IEnumerable<Tensor<T>> parameters, AdamWOptions options) : Optimizer<T>(parameters, options)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Update(OptimizerOptions options, Tensor<T> parameter, Tensor<T> gradient, ParameterState<T> state)
    {
        var o = (AdamWOptions)options;
        var rule = new AdamRule<T>(o.Lr, o.Betas, o.Eps, o.WeightDecay, o.Amsgrad, o.Maximize, decoupled: true, ++state.Step);
        AdamRule<T>.Run(rule, parameter, gradient, state, o.Amsgrad);
    }
}
