using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="CyclicLr{T}"/>, with PyTorch 1.13's defaults (base_lr and max_lr have none and are required).</summary>
public sealed record CyclicLrOptions : SchedulerOptions
{
    /// <summary>The lower learning rate of the cycle.</summary>
    [Required(ErrorMessage = "cyclic_lr(base_lr=0.001, max_lr=0.1)"), Description("lower learning rate of the cycle (required)")]
    public double BaseLr { get; init; } = double.NaN;

    /// <summary>The upper learning rate of the cycle (reached only by the triangular mode).</summary>
    [Required(ErrorMessage = "cyclic_lr(base_lr=0.001, max_lr=0.1)"), Description("upper learning rate of the cycle (required)")]
    public double MaxLr { get; init; } = double.NaN;

    /// <summary>Steps of the rising half of a cycle.</summary>
    [Description("steps of the rising half of a cycle")]
    public int StepSizeUp { get; init; } = 2000;

    /// <summary>Steps of the falling half of a cycle; none means step_size_up.</summary>
    [Description("steps of the falling half of a cycle (none: step_size_up)")]
    public int? StepSizeDown { get; init; }

    /// <summary><c>triangular</c>, <c>triangular2</c> (the amplitude halves every cycle) or <c>exp_range</c> (it shrinks by gamma^step).</summary>
    [Description("triangular, triangular2 (amplitude halves each cycle) or exp_range (amplitude * gamma^epoch)")]
    public string Mode { get; init; } = "triangular";

    /// <summary>The base of exp_range's amplitude factor gamma^epoch.</summary>
    [Description("exp_range's factor: the amplitude is scaled by gamma^epoch")]
    public double Gamma { get; init; } = 1.0;

    /// <summary>Cycle the optimizer's momentum inversely to the learning rate (it needs a momentum hyperparameter).</summary>
    [Description("cycle the optimizer's momentum inversely to the learning rate")]
    public bool CycleMomentum { get; init; } = true;

    /// <summary>The momentum at the peak learning rate.</summary>
    [Description("momentum at the peak of the cycle")]
    public double BaseMomentum { get; init; } = 0.8;

    /// <summary>The momentum at the lowest learning rate.</summary>
    [Description("momentum at the start of the cycle")]
    public double MaxMomentum { get; init; } = 0.9;

    /// <inheritdoc/>
    public override void Validate()
    {
        RequireCount("step_size_up", StepSizeUp, 1);
        if (StepSizeDown is int down) RequireCount("step_size_down", down, 0);
        RequireChoice("mode", Mode, "triangular", "triangular2", "exp_range");
    }

    /// <inheritdoc/>
    public override string Formula => """
        cycle = floor(1 + epoch / (step_size_up + step_size_down))
        x = 1 + epoch / (step_size_up + step_size_down) - cycle
        s = x / ratio if x <= ratio, else (x - 1) / (ratio - 1)      ratio = step_size_up / (step_size_up + step_size_down)
        f = 1 (triangular), 1 / 2^(cycle - 1) (triangular2), gamma^epoch (exp_range)
        lr = base_lr + (max_lr - base_lr) * s * f
        momentum = max_momentum - (max_momentum - base_momentum) * s * f      (if cycle_momentum)
        (building it sets lr to base_lr and momentum to max_momentum; its first lr is the group's initial_lr)
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new CyclicLr<T>(optimizer, this);
}

/// <summary>
/// Cycles the learning rate between base_lr and max_lr (and the momentum inversely), as PyTorch 1.13's
/// <c>CyclicLR</c> (Smith, 2017): <see cref="CyclicLrOptions.Formula"/>.
/// </summary>
public sealed class CyclicLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly CyclicLrOptions _o;
    private readonly double _totalSize, _stepRatio;
    private readonly MomentumSetting? _momentum;
    private double[] _baseMomenta = [];

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    /// <exception cref="HyperparameterException">cycle_momentum is on and the optimizer has no momentum.</exception>
    public CyclicLr(Optimizer<T> optimizer, CyclicLrOptions options) : base(optimizer, options)
    {
        _o = options;
        double[] baseLrs = [.. Groups.Select(_ => options.BaseLr)];
        foreach (var group in Groups) SetLr(group, options.BaseLr);
        double up = options.StepSizeUp, down = options.StepSizeDown ?? up;
        _totalSize = up + down;
        _stepRatio = up / _totalSize;
        if (options.CycleMomentum)
        {
            _momentum = MomentumSetting.Of(optimizer.Defaults, betas: false)
                ?? throw new HyperparameterException($"{options.Name}: cycle_momentum needs an optimizer with momentum, and {optimizer.Defaults.Name} has none; give cycle_momentum=false");
            foreach (var group in Groups) group.Scheduled = _momentum.With(group.Options, options.BaseMomentum);
            _baseMomenta = [.. Groups.Select(g => _momentum.Get(g.Options))];
        }
        // PyTorch's first step runs with the groups' initial_lr as the base; base_lr takes over from the second.
        Attach();
        BaseLrs = baseLrs;
    }

    /// <inheritdoc/>
    internal override MomentumSetting? CycledMomentum => _momentum;

    /// <inheritdoc/>
    protected override double[] Lrs()
    {
        double cycle = Math.Floor(1 + LastEpoch / _totalSize);
        double x = 1.0 + LastEpoch / _totalSize - cycle;
        double scale = x <= _stepRatio ? x / _stepRatio : (x - 1) / (_stepRatio - 1);
        double factor = _o.Mode switch
        {
            "triangular" => 1.0,
            "triangular2" => 1 / Power(2.0, cycle - 1),
            _ => Power(_o.Gamma, LastEpoch),
        };
        double[] lrs = [.. BaseLrs.Select(b => b + (_o.MaxLr - b) * scale * factor)];
        if (_momentum is not null)
            for (int i = 0; i < Groups.Count; i++)
                Groups[i].Scheduled = _momentum.With(Groups[i].Options, _o.MaxMomentum - (_o.MaxMomentum - _baseMomenta[i]) * scale * factor);
        return lrs;
    }

    /// <inheritdoc/>
    internal override void Save(SchedulerState state)
    {
        base.Save(state);
        if (_momentum is not null) state.Set("base_momentums", _baseMomenta);
    }

    /// <inheritdoc/>
    internal override void Load(SchedulerState state)
    {
        double[] baseMomenta = _momentum is not null ? state.Numbers("base_momentums", Groups.Count) : [];
        base.Load(state);
        _baseMomenta = baseMomenta;
    }
}
