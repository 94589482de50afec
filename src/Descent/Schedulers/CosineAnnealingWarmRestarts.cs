using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="CosineAnnealingWarmRestarts{T}"/>, with PyTorch 1.13's defaults (t_0 has none and is required).</summary>
public sealed record CosineAnnealingWarmRestartsOptions : SchedulerOptions
{
    /// <summary>Steps until the first restart (PyTorch's <c>T_0</c>).</summary>
    [SpecName("t_0"), Required(ErrorMessage = "cosine_annealing_warm_restarts(t_0=10)"), Description("steps until the first restart (PyTorch's T_0; required)")]
    public int T0 { get; init; }

    /// <summary>The factor each restart multiplies the period by (PyTorch's <c>T_mult</c>).</summary>
    [Description("factor on the period after each restart (PyTorch's T_mult)")]
    public int TMult { get; init; } = 1;

    /// <summary>The lowest learning rate.</summary>
    [Description("minimum learning rate")]
    public double EtaMin { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireCount("t_0", T0, 1);
        RequireCount("t_mult", TMult, 1);
    }

    /// <inheritdoc/>
    public override string Formula => """
        t_cur = t_cur + 1; when t_cur >= t_i: t_cur = t_cur - t_i, t_i = t_i * t_mult     (t_cur = 0, t_i = t_0 at epoch 0)
        lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * t_cur / t_i)) / 2
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new CosineAnnealingWarmRestarts<T>(optimizer, this);
}

/// <summary>
/// Cosine annealing from the base learning rate to eta_min, restarting every t_i steps (t_i growing by t_mult),
/// as PyTorch 1.13's <c>CosineAnnealingWarmRestarts</c> (SGDR): <see cref="CosineAnnealingWarmRestartsOptions.Formula"/>.
/// </summary>
public sealed class CosineAnnealingWarmRestarts<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly CosineAnnealingWarmRestartsOptions _o;
    private int _tCur, _tI;

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    public CosineAnnealingWarmRestarts(Optimizer<T> optimizer, CosineAnnealingWarmRestartsOptions options) : base(optimizer, options)
    {
        _o = options;
        _tI = options.T0;
        _tCur = -1;
        Attach();
    }

    /// <inheritdoc/>
    public override void Step(double? metric = null)
    {
        // PyTorch's first step (and the first after sequential_lr steps it back) goes through its step(epoch=0).
        if (LastEpoch < 0)
        {
            Restart();
            return;
        }
        LastEpoch++;
        _tCur++;
        if (_tCur >= _tI)
        {
            _tCur -= _tI;
            _tI *= _o.TMult;
        }
        SetLrs(Lrs());
    }

    /// <inheritdoc/>
    internal override void Restart()
    {
        LastEpoch = 0;
        _tI = _o.T0;
        _tCur = 0;
        SetLrs(Lrs());
    }

    /// <inheritdoc/>
    protected override double[] Lrs() =>
        [.. BaseLrs.Select(b => _o.EtaMin + (b - _o.EtaMin) * (1 + Math.Cos(Math.PI * _tCur / _tI)) / 2)];

    /// <inheritdoc/>
    internal override void Save(SchedulerState state)
    {
        base.Save(state);
        state.Set("T_cur", _tCur);
        state.Set("T_i", _tI);
    }

    /// <inheritdoc/>
    internal override void Load(SchedulerState state)
    {
        int tCur = state.Count("T_cur", min: -1), tI = state.Count("T_i", min: 1);
        base.Load(state);
        (_tCur, _tI) = (tCur, tI);
    }
}
