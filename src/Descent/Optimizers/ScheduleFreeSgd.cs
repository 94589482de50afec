using System.ComponentModel;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of schedule-free SGD (<see cref="ScheduleFree{T}"/>), with pytorch_optimizer's defaults.</summary>
public sealed record ScheduleFreeSgdOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 1;

    /// <summary>The interpolation between the averaged point x and the SGD iterate z at which gradients are taken (beta in the paper).</summary>
    [Description("momentum: gradients are taken at y = (1 - momentum) z + momentum x")]
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 penalty added to the gradient.</summary>
    [Description("weight decay (L2 penalty added to the gradient)")]
    public double WeightDecay { get; init; }

    /// <summary>Power of the step count in the weights of the average (0: weights depend on the learning rate only).</summary>
    [Description("polynomial weighting of the average by step^r")]
    public double R { get; init; }

    /// <summary>Power of the largest learning rate so far in the weights of the average (0: no learning-rate weighting).</summary>
    [Description("weighting of the average by lr_max^weight_lr_power")]
    public double WeightLrPower { get; init; } = 2;

    /// <summary>Steps over which the learning rate rises linearly from lr / warmup_steps to lr (0: no warmup).</summary>
    [Description("linear learning-rate warmup steps")]
    public int WarmupSteps { get; init; }

    /// <summary>Accepted, as the reference accepts it, and unused: schedule-free SGD divides by nothing.</summary>
    [Description("unused (kept for the reference's signature)")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>Maximize the objective instead of minimizing it.</summary>
    [Description("maximize the objective instead of minimizing")]
    public bool Maximize { get; init; }

    /// <inheritdoc/>
    public override string Reference => "pytorch_optimizer 7a076d2f";

    /// <inheritdoc/>
    public override string Paper => "Defazio et al., 2024: The Road Less Scheduled";

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireAtLeast("lr", Lr, 0);
        // The reference allows momentum = 0, but then the averaged point cannot be recovered from y and z: eval() divides by it.
        Require(Momentum > 0 && Momentum <= 1, "momentum", Momentum, "it must be in (0, 1]");
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireAtLeast("eps", Eps, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        per group: t = t + 1;  lr_t = lr * t / warmup_steps while t < warmup_steps, else lr
        lr_max = max(lr_max, lr_t);  w = t^r * lr_max^weight_lr_power;  W = W + w;  c = w / W
        g = grad (negated if maximize) + weight_decay * p
        y = y + c * (z - y) + lr_t * (momentum * (1 - c) - 1) * g      (p holds y in train mode)
        z = z - lr_t * g
        eval(): p = x = y + (1 - 1/momentum) * (z - y);  train(): p = y = x + (1 - momentum) * (z - x)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new ScheduleFree<T>(parameters, this);
}
