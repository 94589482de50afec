using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>Hyperparameters of <see cref="SequentialLr{T}"/> (both have no default and are required).</summary>
public sealed record SequentialLrOptions : SchedulerOptions
{
    /// <summary>The schedulers to run one after another.</summary>
    [Required(ErrorMessage = "sequential_lr(schedulers=(linear_lr(start_factor=0.1, total_iters=5), cosine_annealing_lr(t_max=45)), milestones=(5,))")]
    [Description("the schedulers, run one after another (required)")]
    public IReadOnlyList<SchedulerOptions> Schedulers { get; init; } = [];

    /// <summary>The steps at which the next scheduler takes over: one fewer than the schedulers.</summary>
    [Required(ErrorMessage = "sequential_lr(schedulers=(linear_lr(start_factor=0.1, total_iters=5), cosine_annealing_lr(t_max=45)), milestones=(5,))")]
    [Description("steps at which the next scheduler takes over, one fewer than the schedulers (required)")]
    public IReadOnlyList<int> Milestones { get; init; } = [];

    /// <inheritdoc/>
    public override void Validate()
    {
        Require(Schedulers.Count > 0, "schedulers", Schedulers, "it must hold at least one scheduler");
        Require(Milestones.Count == Schedulers.Count - 1, "milestones", Milestones,
            $"it must hold one fewer milestone than there are schedulers ({Schedulers.Count})");
        foreach (SchedulerOptions s in Schedulers)
            // PyTorch 1.13 fails on these inside sequential_lr: it steps them without a metric or with an epoch they do not take.
            if (s is ReduceLrOnPlateauOptions or SequentialLrOptions or ChainedSchedulerOptions)
                throw new HyperparameterException($"{Name}: {s.Name} cannot be one of its schedulers (PyTorch 1.13 cannot step it there)");
    }

    /// <inheritdoc/>
    public override string Formula => """
        scheduler i runs from milestone i-1 to milestone i; at a milestone the next one restarts at its epoch 0
        (by its closed form where it has one: cosine_annealing_lr goes back to base_lr, linear_lr to base_lr * start_factor).
        Building it builds every scheduler in turn (each takes its first step), resets lr to the groups' initial_lr,
        and takes the first scheduler's first step again.
        """;

    /// <inheritdoc/>
    public override Scheduler<T> Create<T>(Optimizer<T> optimizer) => new SequentialLr<T>(optimizer, this);
}

/// <summary>Runs schedulers one after another, switching at milestones, as PyTorch 1.13's <c>SequentialLR</c>: <see cref="SequentialLrOptions.Formula"/>.</summary>
public sealed class SequentialLr<T> : Scheduler<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private readonly Scheduler<T>[] _schedulers;
    private readonly IReadOnlyList<int> _milestones;

    /// <summary>Builds every scheduler over <paramref name="optimizer"/> in turn, then starts the first, as PyTorch does.</summary>
    public SequentialLr(Optimizer<T> optimizer, SequentialLrOptions options) : base(optimizer, options)
    {
        _schedulers = [.. options.Schedulers.Select(s => s.Create(optimizer))];
        _milestones = options.Milestones;
        LastEpoch = 0;
        BaseLrs = [.. Groups.Select(g => GroupValues.Of(g)["initial_lr"])];
        foreach (var group in Groups) SetLr(group, GroupValues.Of(group)["initial_lr"]);
        // Undo the first step each scheduler took when it was built, then take the first scheduler's again.
        foreach (Scheduler<T> s in _schedulers) s.LastEpoch--;
        _schedulers[0].Step();
        RememberLrs();
    }

    /// <inheritdoc/>
    internal override IReadOnlyList<Scheduler<T>> Nested => _schedulers;

    /// <inheritdoc/>
    public override void Step(double? metric = null)
    {
        LastEpoch++;
        int index = BisectRight(_milestones, LastEpoch);
        Scheduler<T> scheduler = _schedulers[index];
        if (index > 0 && _milestones[index - 1] == LastEpoch) scheduler.Restart();
        else scheduler.Step();
        RememberLrs();
    }

    /// <inheritdoc/>
    protected override double[] Lrs() => GroupLrs();

    /// <summary>Python's <c>bisect.bisect_right</c>, step for step, so that unsorted milestones behave as in PyTorch.</summary>
    private static int BisectRight(IReadOnlyList<int> list, int x)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (x < list[middle]) high = middle;
            else low = middle + 1;
        }
        return low;
    }
}
