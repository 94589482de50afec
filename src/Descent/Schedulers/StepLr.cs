using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="StepLr{T}"/>, with PyTorch 1.13's defaults (step_size has none and is required).</summary>
public sealed record StepLrOptions : SchedulerOptions
{
    /// <summary>Scheduler steps between decays.</summary>
    [Required(ErrorMessage = "step_lr(step_size=30)"), Description("scheduler steps between decays (required)")]
    public int StepSize { get; init; }

    /// <summary>The factor each decay multiplies the learning rate by.</summary>
    [Description("multiplicative factor of each decay")]
    public double Gamma { get; init; } = 0.1;

    /// <inheritdoc/>
    public override void Validate() => RequireCount("step_size", StepSize, 1);

    /// <inheritdoc/>
    public override string Formula => """
        lr = lr * gamma          when epoch > 0 is a multiple of step_size; otherwise lr is unchanged
        (so lr = base_lr * gamma^floor(epoch / step_size) when nothing else changes it)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new StepLr<T>(optimizer, this);
}

/// <summary>Decays the learning rate by gamma every step_size steps, as PyTorch 1.13's <c>StepLR</c>: <see cref="StepLrOptions.Formula"/>.</summary>
public sealed class StepLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly StepLrOptions _o;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public StepLr(Optimizer<T> optimizer, StepLrOptions options) : base(optimizer, options)
    {
        _o = options;
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs() =>
        LastEpoch == 0 || LastEpoch % _o.StepSize != 0 ? GroupLrs() : Scaled(_o.Gamma);

    /// <inheritdoc/>
    protected override double[] ClosedFormLrs() =>
        [.. BaseLrs.Select(b => b * Power(_o.Gamma, LastEpoch / _o.StepSize))];
}
