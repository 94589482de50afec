using System.ComponentModel;
using Descent.Optimizers;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="ReduceLrOnPlateau{T}"/>, with PyTorch 1.13's defaults.</summary>
public sealed record ReduceLrOnPlateauOptions : SchedulerOptions
{
    /// <summary><c>min</c>: reduce when the metric stops falling; <c>max</c>: when it stops rising.</summary>
    [Description("min (reduce when the metric stops falling) or max (stops rising)")]
    public string Mode { get; init; } = "min";

    /// <summary>The factor a reduction multiplies the learning rate by (&lt; 1).</summary>
    [Description("factor of each reduction (< 1)")]
    public double Factor { get; init; } = 0.1;

    /// <summary>Steps without improvement that are tolerated; the next one reduces the learning rate.</summary>
    [Description("steps without improvement tolerated before a reduction")]
    public int Patience { get; init; } = 10;

    /// <summary>How much better than the best a metric must be to count as an improvement.</summary>
    [Description("how much better than the best counts as an improvement")]
    public double Threshold { get; init; } = 1e-4;

    /// <summary><c>rel</c>: the threshold is relative to the best; <c>abs</c>: absolute.</summary>
    [Description("rel (threshold relative to the best) or abs")]
    public string ThresholdMode { get; init; } = "rel";

    /// <summary>Steps after a reduction during which bad steps are not counted.</summary>
    [Description("steps after a reduction during which bad steps are not counted")]
    public int Cooldown { get; init; }

    /// <summary>The learning rate is never reduced below this.</summary>
    [Description("lower bound on the learning rate")]
    public double MinLr { get; init; }

    /// <summary>A reduction smaller than this is skipped.</summary>
    [Description("reductions smaller than this are skipped")]
    public double Eps { get; init; } = 1e-8;

    /// <inheritdoc/>
    public override bool WatchesMetric => true;

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(Factor < 1.0, "factor", Factor, "it must be < 1");
        RequireChoice("mode", Mode, "min", "max");
        RequireChoice("threshold_mode", ThresholdMode, "rel", "abs");
    }

    /// <inheritdoc/>
    public override string Formula => """
        each step, with the watched metric m (a loss):
          improved = m < best * (1 - threshold)   (min, rel)     m < best - threshold   (min, abs)
                     m > best * (1 + threshold)   (max, rel)     m > best + threshold   (max, abs)
          if improved: best = m, bad = 0; else bad = bad + 1
          during a cooldown: cooldown_counter = cooldown_counter - 1, bad = 0
          if bad > patience: lr = max(lr * factor, min_lr) unless that lowers lr by eps or less;
                             cooldown_counter = cooldown, bad = 0
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new ReduceLrOnPlateau<T>(optimizer, this);
}

/// <summary>
/// Reduces the learning rate when a watched metric (a loss) stops improving, as PyTorch 1.13's
/// <c>ReduceLROnPlateau</c>: <see cref="ReduceLrOnPlateauOptions.Formula"/>. Unlike the others, building it changes nothing.
/// </summary>
public sealed class ReduceLrOnPlateau<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly ReduceLrOnPlateauOptions _o;
    private double _best;
    private int _bad, _cooldownCounter;

    /// <summary>Builds the schedule over <paramref name="optimizer"/>; the learning rates stay as they are.</summary>
    public ReduceLrOnPlateau(Optimizer<T> optimizer, ReduceLrOnPlateauOptions options) : base(optimizer, options)
    {
        _o = options;
        _best = options.Mode == "min" ? double.PositiveInfinity : double.NegativeInfinity;
        LastEpoch = 0;
    }

    /// <summary>Takes one step with the watched metric <paramref name="metric"/> (required).</summary>
    /// <exception cref="ArgumentNullException">No metric was given.</exception>
    public override void Step(double? metric = null)
    {
        double current = metric ?? throw new ArgumentNullException(nameof(metric), "reduce_lr_on_plateau steps on a metric, e.g. the validation loss");
        LastEpoch++;
        if (IsBetter(current)) { _best = current; _bad = 0; }
        else _bad++;
        if (_cooldownCounter > 0)
        {
            _cooldownCounter--;
            _bad = 0;
        }
        if (_bad > _o.Patience)
        {
            foreach (var group in Groups)
            {
                double old = group.Lr, reduced = old * _o.Factor;
                double lr = _o.MinLr > reduced ? _o.MinLr : reduced; // Python's max keeps the first of equals
                if (old - lr > _o.Eps) SetLr(group, lr);
            }
            _cooldownCounter = _o.Cooldown;
            _bad = 0;
        }
        RememberLrs();
    }

    /// <inheritdoc/>
    protected override double[] Lrs() => GroupLrs();

    private bool IsBetter(double m) => (_o.Mode, _o.ThresholdMode) switch
    {
        ("min", "rel") => m < _best * (1.0 - _o.Threshold),
        ("min", _) => m < _best - _o.Threshold,
        (_, "rel") => m > _best * (_o.Threshold + 1.0),
        _ => m > _best + _o.Threshold,
    };

    /// <inheritdoc/>
    internal override void Save(SchedulerState state)
    {
        state.Set("last_epoch", LastEpoch);
        state.Set("best", _best);
        state.Set("num_bad_epochs", _bad);
        state.Set("cooldown_counter", _cooldownCounter);
        state.Set("last_lrs", LastLrs);
    }

    /// <inheritdoc/>
    internal override void Load(SchedulerState state)
    {
        int lastEpoch = state.Count("last_epoch"), bad = state.Count("num_bad_epochs"), cooldown = state.Count("cooldown_counter");
        double best = state.Number("best");
        state.Numbers("last_lrs", Groups.Count);
        (LastEpoch, _best, _bad, _cooldownCounter) = (lastEpoch, best, bad, cooldown);
        RememberLrs();
    }
}
