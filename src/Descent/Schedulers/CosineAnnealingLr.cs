using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="CosineAnnealingLr{T}"/>, with PyTorch 1.13's defaults (t_max has none and is required).</summary>
public sealed record CosineAnnealingLrOptions : SchedulerOptions
{
    /// <summary>Steps of the half cosine from the base learning rate down to eta_min (PyTorch's <c>T_max</c>).</summary>
    [Required(ErrorMessage = "cosine_annealing_lr(t_max=50)"), Description("steps from base_lr down to eta_min (PyTorch's T_max; required)")]
    public int TMax { get; init; }

    /// <summary>The lowest learning rate.</summary>
    [Description("minimum learning rate")]
    public double EtaMin { get; init; }

    /// <inheritdoc/>
    public override void Validate() => RequireCount("t_max", TMax, 1);

    /// <inheritdoc/>
    public override string Formula => """
        PyTorch's recursive form, which follows changes made to lr by anything else:
        epoch 0:                                 lr unchanged
        (epoch - 1 - t_max) % (2 * t_max) == 0:  lr = lr + (base_lr - eta_min) * (1 - cos(pi / t_max)) / 2
        otherwise:                               lr = (1 + cos(pi * epoch / t_max)) / (1 + cos(pi * (epoch - 1) / t_max))
                                                      * (lr - eta_min) + eta_min
        (so lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * epoch / t_max)) / 2 when nothing else changes it,
        rising again after t_max steps; sequential_lr restarts it with that closed form)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new CosineAnnealingLr<T>(optimizer, this);
}

/// <summary>
/// Anneals the learning rate along a cosine from the base learning rate to eta_min over t_max steps, as PyTorch
/// 1.13's <c>CosineAnnealingLR</c> in its recursive form (its rounding included): <see cref="CosineAnnealingLrOptions.Formula"/>.
/// </summary>
public sealed class CosineAnnealingLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly CosineAnnealingLrOptions _o;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public CosineAnnealingLr(Optimizer<T> optimizer, CosineAnnealingLrOptions options) : base(optimizer, options)
    {
        _o = options;
        Attach();
    }

    /// <inheritdoc/>
    protected override double[] Lrs()
    {
        int e = LastEpoch, tMax = _o.TMax;
        double etaMin = _o.EtaMin;
        if (e == 0) return GroupLrs();
        if ((e - 1 - tMax) % (2 * tMax) == 0)
            return [.. Groups.Select((g, i) => g.Lr + (BaseLrs[i] - etaMin) * (1 - Math.Cos(Math.PI / tMax)) / 2)];
        return [.. Groups.Select(g => (1 + Math.Cos(Math.PI * e / tMax)) / (1 + Math.Cos(Math.PI * (e - 1) / tMax)) * (g.Lr - etaMin) + etaMin)];
    }

    /// <inheritdoc/>
    protected override double[] ClosedFormLrs() =>
        [.. BaseLrs.Select(b => _o.EtaMin + (b - _o.EtaMin) * (1 + Math.Cos(Math.PI * LastEpoch / _o.TMax)) / 2)];
}
