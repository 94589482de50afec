using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="MultiStepLr{T}"/>, with PyTorch 1.13's defaults (milestones has none and is required).</summary>
public sealed record MultiStepLrOptions : SchedulerOptions
{
    /// <summary>The steps at which the learning rate decays; a milestone listed twice decays twice.</summary>
    [Required(ErrorMessage = "multi_step_lr(milestones=(30, 80))"), Description("steps at which the learning rate decays (required)")]
    public IReadOnlyList<int> Milestones { get; init; } = [];

    /// <summary>The factor each decay multiplies the learning rate by.</summary>
    [Description("multiplicative factor of each decay")]
    public double Gamma { get; init; } = 0.1;

    /// <inheritdoc/>
    public override string Formula => """
        lr = lr * gamma^k        when epoch is a milestone listed k times; otherwise lr is unchanged
        (so lr = base_lr * gamma^(number of milestones <= epoch) when nothing else changes it)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new MultiStepLr<T>(optimizer, this);
}

/// <summary>Decays the learning rate by gamma at each milestone, as PyTorch 1.13's <c>MultiStepLR</c>: <see cref="MultiStepLrOptions.Formula"/>.</summary>
public sealed class MultiStepLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly MultiStepLrOptions _o;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public MultiStepLr(Optimizer<T> optimizer, MultiStepLrOptions options) : base(optimizer, options)
    {
        _o = options;
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs()
    {
        int hits = _o.Milestones.Count(m => m == LastEpoch);
        return hits == 0 ? GroupLrs() : Scaled(Power(_o.Gamma, hits));
    }

    /// <inheritdoc/>
    protected override double[] ClosedFormLrs()
    {
        int passed = _o.Milestones.Count(m => m <= LastEpoch);
        return [.. BaseLrs.Select(b => b * Power(_o.Gamma, passed))];
    }
}
