using System.ComponentModel;
using Descent.Tensors;

namespace Descent.Optimizers;

/// <summary>Hyperparameters of schedule-free AdamW (<see cref="ScheduleFree{T}"/>), with pytorch_optimizer's defaults.</summary>
public sealed record ScheduleFreeAdamWOptions : OptimizerOptions
{
    /// <inheritdoc/>
    [Description("learning rate")]
    public override double Lr { get; init; } = 2.5e-3;

    /// <summary>beta1 interpolates between the averaged point and the iterate (gradients are taken at y = (1 - beta1) z + beta1 x); beta2 is the decay rate of the squared-gradient average.</summary>
    [Description("interpolation to the average (beta1) and decay of the squared-gradient average (beta2)")]
    public (double, double) Betas { get; init; } = (0.9, 0.999);

    /// <summary>L2 penalty added to the normalized gradient.</summary>
    [Description("weight decay (L2 penalty added to the normalized gradient)")]
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

    /// <summary>Refined schedule-free AdamW's coefficient c: the averaging weight becomes min(1, weight * (1 - beta1) * c); 0 turns it off (about 200 is proposed).</summary>
    [Description("refined schedule-free coefficient (0: off, about 200 proposed)")]
    public int DecouplingC { get; init; }

    /// <summary>Divide by the largest bias-corrected squared-gradient average so far (AMSBound).</summary>
    [Description("use the AMSBound variant")]
    public bool AmsBound { get; init; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    [Description("term added to the denominator for stability")]
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
        // The reference allows beta1 = 0, but then the averaged point cannot be recovered from y and z: eval() divides by it.
        Require(Betas.Item1 > 0 && Betas.Item1 < 1, "betas[0]", Betas.Item1, "it must be in (0, 1)");
        RequireUnitInterval("betas[1]", Betas.Item2);
        RequireAtLeast("decoupling_c", DecouplingC, 0);
        RequireAtLeast("weight_decay", WeightDecay, 0);
        RequireAtLeast("eps", Eps, 0);
    }

    /// <inheritdoc/>
    public override string UpdateRule => """
        per group: t = t + 1;  lr_t = lr * t / warmup_steps while t < warmup_steps, else lr
        lr_max = max(lr_max, lr_t);  w = t^r * lr_max^weight_lr_power;  W = W + w;  c = w / W
        c = min(1, c * (1 - beta1) * decoupling_c)                     (decoupling_c > 0)
        g = grad (negated if maximize)
        v = beta2 * v + (1 - beta2) * g^2
        u = v / (1 - beta2^t)                                          (ams_bound: u = u_max = max(u_max, u))
        g = g / (sqrt(u + 1e-15) + eps) + weight_decay * p
        y = y + c * (z - y) + lr_t * (beta1 * (1 - c) - 1) * g         (p holds y in train mode)
        z = z - lr_t * g
        eval(): p = x = y + (1 - 1/beta1) * (z - y);  train(): p = y = x + (1 - beta1) * (z - x)
        """;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new ScheduleFree<T>(parameters, this);
}
