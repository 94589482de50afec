using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="ExponentialLr{T}"/> (gamma has no default in PyTorch 1.13 and is required).</summary>
public sealed record ExponentialLrOptions : SchedulerOptions
{
    /// <summary>The factor every step multiplies the learning rate by.</summary>
    [Required(ErrorMessage = "exponential_lr(gamma=0.9)"), Description("multiplicative factor of every step (required)")]
    public double Gamma { get; init; } = double.NaN;

    /// <inheritdoc/>
    public override string Formula => """
        lr = lr * gamma          every step after epoch 0
        (so lr = base_lr * gamma^epoch when nothing else changes it)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new ExponentialLr<T>(optimizer, this);
}

/// <summary>Decays the learning rate by gamma every step, as PyTorch 1.13's <c>ExponentialLR</c>: <see cref="ExponentialLrOptions.Formula"/>.</summary>
public sealed class ExponentialLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly ExponentialLrOptions _o;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public ExponentialLr(Optimizer<T> optimizer, ExponentialLrOptions options) : base(optimizer, options)
    {
        _o = options;
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs() => LastEpoch == 0 ? GroupLrs() : Scaled(_o.Gamma);

    /// <inheritdoc/>
    protected override double[] ClosedFormLrs() => [.. BaseLrs.Select(b => b * Power(_o.Gamma, LastEpoch))];
}
