using System.ComponentModel;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="LinearLr{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record LinearLrOptions : SchedulerOptions
{
    /// <summary>The factor on the learning rate at epoch 0, in [0, 1].</summary>
    [Description("factor on the learning rate at epoch 0, in [0, 1]")]
    public double StartFactor { get; init; } = 1.0 / 3;

    /// <summary>The factor reached at total_iters, in [0, 1].</summary>
    [Description("factor reached at total_iters, in [0, 1]")]
    public double EndFactor { get; init; } = 1.0;

    /// <summary>Steps over which the factor changes linearly.</summary>
    [Description("steps over which the factor goes from start_factor to end_factor")]
    public int TotalIters { get; init; } = 5;

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(StartFactor >= 0 && StartFactor <= 1, "start_factor", StartFactor, "it must be in [0, 1]");
        Require(EndFactor >= 0 && EndFactor <= 1, "end_factor", EndFactor, "it must be in [0, 1]");
    }

    /// <inheritdoc/>
    public override string Formula => """
        epoch 0:                    lr = lr * start_factor
        0 < epoch <= total_iters:   lr = lr * (1 + (end_factor - start_factor)
                                          / (total_iters * start_factor + (epoch - 1) * (end_factor - start_factor)))
        epoch > total_iters:        lr unchanged
        (so the factor on base_lr goes linearly from start_factor to end_factor)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new LinearLr<T>(optimizer, this);
}

/// <summary>Changes the learning rate's factor linearly over total_iters steps (a warmup, typically), as PyTorch 1.13's <c>LinearLR</c>: <see cref="LinearLrOptions.Formula"/>.</summary>
public sealed class LinearLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly LinearLrOptions _o;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public LinearLr(Optimizer<T> optimizer, LinearLrOptions options) : base(optimizer, options)
    {
        _o = options;
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs()
    {
        if (LastEpoch == 0) return Scaled(_o.StartFactor);
        if (LastEpoch > _o.TotalIters) return GroupLrs();
        double change = _o.EndFactor - _o.StartFactor;
        return Scaled(1.0 + Divide(change, _o.TotalIters * _o.StartFactor + (LastEpoch - 1) * change));
    }

    /// <inheritdoc/>
    protected override double[] ClosedFormLrs() =>
        [.. BaseLrs.Select(b => b * (_o.StartFactor + Divide((_o.EndFactor - _o.StartFactor) * Math.Min(_o.TotalIters, LastEpoch), _o.TotalIters)))];
}
