using System.ComponentModel;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="PolynomialLr{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record PolynomialLrOptions : SchedulerOptions
{
    /// <summary>Steps over which the learning rate decays to zero.</summary>
    [Description("steps over which the learning rate decays to 0")]
    public int TotalIters { get; init; } = 5;

    /// <summary>The power of the polynomial.</summary>
    [Description("power of the polynomial")]
    public double Power { get; init; } = 1.0;

    /// <inheritdoc/>
    public override string Formula => """
        0 < epoch <= total_iters:  lr = lr * ((1 - epoch / total_iters) / (1 - (epoch - 1) / total_iters))^power
        otherwise:                 lr unchanged
        (so lr = base_lr * (1 - min(epoch, total_iters) / total_iters)^power when nothing else changes it)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new PolynomialLr<T>(optimizer, this);
}

/// <summary>Decays the learning rate polynomially to zero over total_iters steps, as PyTorch 1.13's <c>PolynomialLR</c>: <see cref="PolynomialLrOptions.Formula"/>.</summary>
public sealed class PolynomialLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly PolynomialLrOptions _o;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public PolynomialLr(Optimizer<T> optimizer, PolynomialLrOptions options) : base(optimizer, options)
    {
        _o = options;
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs()
    {
        if (LastEpoch == 0 || LastEpoch > _o.TotalIters) return GroupLrs();
        double ti = _o.TotalIters;
        double decay = Power((1.0 - LastEpoch / ti) / (1.0 - (LastEpoch - 1) / ti), _o.Power);
        return Scaled(decay);
    }

    /// <inheritdoc/>
    protected override double[] ClosedFormLrs() =>
        [.. BaseLrs.Select(b => b * Power(1.0 - Divide(Math.Min(_o.TotalIters, LastEpoch), _o.TotalIters), _o.Power))];
}
