using System.ComponentModel;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="ConstantLr{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record ConstantLrOptions : SchedulerOptions
{
    /// <summary>The factor the learning rate is multiplied by until total_iters, in [0, 1].</summary>
    [Description("factor on the learning rate until total_iters, in [0, 1]")]
    public double Factor { get; init; } = 1.0 / 3;

    /// <summary>The step at which the learning rate goes back up.</summary>
    [Description("step at which the factor is removed")]
    public int TotalIters { get; init; } = 5;

    /// <inheritdoc/>
    public override void Validate() => Require(Factor >= 0 && Factor <= 1, "factor", Factor, "it must be in [0, 1]");

    /// <inheritdoc/>
    public override string Formula => """
        epoch 0:              lr = lr * factor
        epoch = total_iters:  lr = lr * (1 / factor)      (PyTorch divides by zero here if factor = 0)
        otherwise:            lr unchanged
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new ConstantLr<T>(optimizer, this);
}

/// <summary>Scales the learning rate by a constant factor for the first total_iters steps, as PyTorch 1.13's <c>ConstantLR</c>: <see cref="ConstantLrOptions.Formula"/>.</summary>
public sealed class ConstantLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly ConstantLrOptions _o;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public ConstantLr(Optimizer<T> optimizer, ConstantLrOptions options) : base(optimizer, options)
    {
        _o = options;
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs() =>
        LastEpoch == 0 ? Scaled(_o.Factor)
        : LastEpoch != _o.TotalIters ? GroupLrs()
        : Scaled(Divide(1.0, _o.Factor));

    /// <inheritdoc/>
    protected override double[] ClosedFormLrs() =>
        [.. BaseLrs.Select(b => b * (_o.Factor + (LastEpoch >= _o.TotalIters ? 1 : 0) * (1 - _o.Factor)))];
}
