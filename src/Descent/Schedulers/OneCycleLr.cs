using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>
/// Hyperparameters of <see cref="OneCycleLr{T}"/>, with PyTorch 1.13's defaults (max_lr has none and is required;
/// so is total_steps, or epochs and steps_per_epoch).
/// </summary>
public sealed record OneCycleLrOptions : SchedulerOptions
{
    /// <summary>The peak learning rate.</summary>
    [Required(ErrorMessage = "one_cycle_lr(max_lr=0.1, total_steps=100)"), Description("peak learning rate (required)")]
    public double MaxLr { get; init; } = double.NaN;

    /// <summary>Steps in the cycle; without it, epochs * steps_per_epoch.</summary>
    [Description("steps in the cycle (or give epochs and steps_per_epoch)")]
    public int? TotalSteps { get; init; }

    /// <summary>With steps_per_epoch, gives the steps in the cycle when total_steps is not given.</summary>
    [Description("epochs, with steps_per_epoch, when total_steps is not given")]
    public int? Epochs { get; init; }

    /// <summary>With epochs, gives the steps in the cycle when total_steps is not given.</summary>
    [Description("steps per epoch, with epochs, when total_steps is not given")]
    public int? StepsPerEpoch { get; init; }

    /// <summary>The fraction of the cycle spent raising the learning rate.</summary>
    [Description("fraction of the cycle spent raising the learning rate")]
    public double PctStart { get; init; } = 0.3;

    /// <summary><c>cos</c> or <c>linear</c>: how each phase goes from its start to its end.</summary>
    [Description("cos or linear annealing within each phase")]
    public string AnnealStrategy { get; init; } = "cos";

    /// <summary>Cycle the optimizer's momentum (or Adam's beta1) inversely to the learning rate.</summary>
    [Description("cycle momentum (betas[0] for Adam-like optimizers) inversely to the learning rate")]
    public bool CycleMomentum { get; init; } = true;

    /// <summary>The momentum at the peak learning rate.</summary>
    [Description("momentum at the peak learning rate")]
    public double BaseMomentum { get; init; } = 0.85;

    /// <summary>The momentum at the start and end of the cycle.</summary>
    [Description("momentum at the start and end of the cycle")]
    public double MaxMomentum { get; init; } = 0.95;

    /// <summary>The starting learning rate is max_lr / div_factor.</summary>
    [Description("initial lr = max_lr / div_factor")]
    public double DivFactor { get; init; } = 25.0;

    /// <summary>The final learning rate is the starting one / final_div_factor.</summary>
    [Description("minimum lr = initial lr / final_div_factor")]
    public double FinalDivFactor { get; init; } = 1e4;

    /// <summary>Three phases (up, down to the start, then down to the minimum) as in the paper, instead of fastai's two.</summary>
    [Description("three phases (up, back down, annihilate) instead of two")]
    public bool ThreePhase { get; init; }

    /// <summary>The steps in the cycle: total_steps, or epochs * steps_per_epoch.</summary>
    public int CycleSteps => TotalSteps ?? Epochs.GetValueOrDefault() * StepsPerEpoch.GetValueOrDefault();

    /// <inheritdoc/>
    public override void Validate()
    {
        if (TotalSteps is null && Epochs is null && StepsPerEpoch is null)
            throw new HyperparameterException($"{Name}: total_steps is required, or epochs and steps_per_epoch, e.g. one_cycle_lr(max_lr=0.1, total_steps=100)");
        if (TotalSteps is int total) RequireCount("total_steps", total, 1);
        else
        {
            if (Epochs is not int epochs) throw new HyperparameterException($"{Name}: epochs is required with steps_per_epoch (or give total_steps)");
            if (StepsPerEpoch is not int perEpoch) throw new HyperparameterException($"{Name}: steps_per_epoch is required with epochs (or give total_steps)");
            RequireCount("epochs", epochs, 1);
            RequireCount("steps_per_epoch", perEpoch, 1);
        }
        Require(PctStart >= 0 && PctStart <= 1, "pct_start", PctStart, "it must be in [0, 1]");
        RequireChoice("anneal_strategy", AnnealStrategy, "cos", "linear");
    }

    /// <inheritdoc/>
    public override string Formula => """
        initial_lr = max_lr / div_factor, min_lr = initial_lr / final_div_factor, n = total_steps (or epochs * steps_per_epoch)
        two phases:    steps 0 .. pct_start*n - 1:          initial_lr -> max_lr,   max_momentum -> base_momentum
                       then .. n - 1:                       max_lr -> min_lr,       base_momentum -> max_momentum
        three phases:  steps 0 .. pct_start*n - 1:          initial_lr -> max_lr,   max_momentum -> base_momentum
                       then .. 2*pct_start*n - 2:           max_lr -> initial_lr,   base_momentum -> max_momentum
                       then .. n - 1:                       initial_lr -> min_lr,   max_momentum
        within a phase from step a to b, with p = (epoch - a) / (b - a):
          cos:     value = end + (start - end) / 2 * (cos(pi * p) + 1)
          linear:  value = (end - start) * p + start
        it may be stepped n times after it is built; PyTorch raises at the next step
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new OneCycleLr<T>(optimizer, this);
}

/// <summary>
/// The one-cycle policy (Smith and Topin, 2017): the learning rate rises from max_lr / div_factor to max_lr and
/// anneals far below the start, the momentum moving inversely, as PyTorch 1.13's <c>OneCycleLR</c>: <see cref="OneCycleLrOptions.Formula"/>.
/// </summary>
public sealed class OneCycleLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly OneCycleLrOptions _o;
    private readonly Phase[] _phases;
    private readonly MomentumSetting? _momentum;

    /// <summary>One phase: it ends at step <paramref name="End"/> and goes between the group values named.</summary>
    private readonly record struct Phase(double End, string StartLr, string EndLr, string StartMomentum, string EndMomentum);

    /// <summary>Builds the schedule over <paramref name="optimizer"/> and takes its first step.</summary>
    /// <exception cref="HyperparameterException">cycle_momentum is on and the optimizer has neither momentum nor betas.</exception>
    public OneCycleLr(Optimizer<T> optimizer, OneCycleLrOptions options) : base(optimizer, options)
    {
        _o = options;
        int n = options.CycleSteps;
        double pct = options.PctStart;
        _phases = options.ThreePhase
            ?
            [
                new(pct * n - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new(2 * pct * n - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                new(n - 1, "initial_lr", "min_lr", "max_momentum", "max_momentum"),
            ]
            :
            [
                new(pct * n - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                new(n - 1, "max_lr", "min_lr", "base_momentum", "max_momentum"),
            ];
        // PyTorch keeps these in the group's dictionary and overwrites initial_lr, even if another scheduler set it.
        foreach (var group in Groups)
        {
            Dictionary<string, double> values = GroupValues.Of(group);
            values["initial_lr"] = Divide(options.MaxLr, options.DivFactor);
            values["max_lr"] = options.MaxLr;
            values["min_lr"] = Divide(values["initial_lr"], options.FinalDivFactor);
        }
        if (options.CycleMomentum)
        {
            _momentum = MomentumSetting.Of(optimizer.Defaults, betas: true)
                ?? throw new HyperparameterException($"{options.Name}: cycle_momentum needs an optimizer with momentum or betas, and {optimizer.Defaults.Name} has neither; give cycle_momentum=false");
            foreach (var group in Groups)
            {
                group.Scheduled = _momentum.With(group.Options, options.MaxMomentum);
                GroupValues.Of(group)["max_momentum"] = options.MaxMomentum;
                GroupValues.Of(group)["base_momentum"] = options.BaseMomentum;
            }
        }
        Attach();
    }

    /// <inheritdoc/>
    internal override MomentumSetting? CycledMomentum => _momentum;

    /// <inheritdoc/>
    protected override double[] Lrs()
    {
        int step = LastEpoch, total = _o.CycleSteps;
        if (step > total)
            throw new InputException($"{_o.ToSpec()}: stepped {step} times after it was built, past its {total} total steps (PyTorch 1.13 raises here too)");
        var lrs = new double[Groups.Count];
        for (int g = 0; g < Groups.Count; g++)
        {
            Dictionary<string, double> values = GroupValues.Of(Groups[g]);
            double start = 0;
            for (int i = 0; i < _phases.Length; i++)
            {
                Phase phase = _phases[i];
                if (step <= phase.End || i == _phases.Length - 1)
                {
                    double pct = Divide(step - start, phase.End - start);
                    lrs[g] = Anneal(values[phase.StartLr], values[phase.EndLr], pct);
                    if (_momentum is not null)
                        Groups[g].Scheduled = _momentum.With(Groups[g].Options, Anneal(values[phase.StartMomentum], values[phase.EndMomentum], pct));
                    break;
                }
                start = phase.End;
            }
        }
        return lrs;
    }

    private double Anneal(double start, double end, double pct) => _o.AnnealStrategy == "cos"
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;
}
