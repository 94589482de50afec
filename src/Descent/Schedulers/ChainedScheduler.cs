using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="ChainedScheduler{T}"/> (schedulers has no default and is required).</summary>
public sealed record ChainedSchedulerOptions : SchedulerOptions
{
    /// <summary>The schedulers, all stepped at every step, in order.</summary>
    [Required(ErrorMessage = "chained_scheduler(schedulers=(constant_lr(factor=0.5, total_iters=4), exponential_lr(gamma=0.95)))")]
    [Description("the schedulers, all stepped at every step, in order (required)")]
    public IReadOnlyList<SchedulerOptions> Schedulers { get; init; } = [];

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(Schedulers.Count > 0, "schedulers", Schedulers, "it must hold at least one scheduler");
        foreach (SchedulerOptions s in Schedulers)
            // PyTorch 1.13's ChainedScheduler steps each without a metric, which reduce_lr_on_plateau needs.
            if (s is ReduceLrOnPlateauOptions) throw new HyperparameterException($"{Name}: {s.Name} cannot be one of its schedulers (PyTorch 1.13 steps them without a metric)");
    }

    /// <inheritdoc/>
    public override string Formula => """
        every step, each scheduler steps in turn, each changing the lr the one before left
        (so chainable schedulers multiply: constant_lr then exponential_lr gives base_lr * factor * gamma^epoch at first).
        Building it builds each scheduler in turn, each taking its first step.
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new ChainedScheduler<T>(optimizer, this);
}

/// <summary>Steps several schedulers at once, each on the learning rate the one before set, as PyTorch 1.13's <c>ChainedScheduler</c>: <see cref="ChainedSchedulerOptions.Formula"/>.</summary>
public sealed class ChainedScheduler<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly Scheduler<T>[] _schedulers;

    /// <summary>Builds every scheduler over <paramref name="optimizer"/> in turn.</summary>
    public ChainedScheduler(Optimizer<T> optimizer, ChainedSchedulerOptions options) : base(optimizer, options)
    {
        _schedulers = [.. options.Schedulers.Select(s => s.Create(optimizer))];
        BaseLrs = [.. Groups.Select(g => GroupValues.Of(g)["initial_lr"])];
        LastEpoch = 0;
        RememberLrs();
    }

    /// <inheritdoc/>
    internal override IReadOnlyList<Scheduler<T>> Nested => _schedulers;

    /// <inheritdoc/>
    public override void Step(double? metric = null)
    {
        LastEpoch++;
        foreach (Scheduler<T> s in _schedulers) s.Step();
        RememberLrs();
    }

    /// <inheritdoc/>
    protected override double[] Lrs() => GroupLrs();
}
