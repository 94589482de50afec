using System.Numerics;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>
/// The bookkeeping every learning-rate scheduler shares, as PyTorch 1.13's <c>_LRScheduler</c>: it counts
/// its steps (<see cref="LastEpoch"/>), remembers each group's learning rate before any scheduler changed it
/// (<c>initial_lr</c>), sets the groups' learning rates at each step, and saves and loads its state.
/// A derived scheduler supplies its rule: the learning rates of the next step, from the current ones
/// (PyTorch's chainable <c>get_lr</c>) and, where PyTorch has one, in closed form.
/// </summary>
/// <remarks>Call <see cref="Step"/> after the optimizer's step, once per epoch or per batch, as in PyTorch.</remarks>
public abstract class Scheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private double[] _lastLrs;

    /// <summary>A scheduler over <paramref name="optimizer"/>'s groups; a derived constructor ends with <see cref="Attach"/>, as PyTorch's call their base's.</summary>
    /// <exception cref="HyperparameterException">The options are invalid.</exception>
    protected Scheduler(Optimizer<T> optimizer, SchedulerOptions options)
    {
        options.Validate();
        Optimizer = optimizer;
        Options = options;
        _lastLrs = GroupLrs();
    }

    /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The scheduler's hyperparameters.</summary>
    public SchedulerOptions Options { get; }

    /// <summary>Scheduler steps taken, PyTorch's <c>last_epoch</c>: 0 right after the scheduler was built.</summary>
    public int LastEpoch { get; protected internal set; } = -1;

    /// <summary>Each group's learning rate as of the last step (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> LastLrs => _lastLrs;

    /// <summary>Whether <see cref="Step"/> needs the watched metric, as <c>reduce_lr_on_plateau</c>'s does.</summary>
    public bool WatchesMetric => Options.WatchesMetric;

    /// <summary>Each group's cycled momentum (<c>betas[0]</c> for Adam and its relatives), or null if this schedule cycles none.</summary>
    public IReadOnlyList<double>? Momenta => CycledMomentum is { } m ? [.. Groups.Select(g => m.Get(g.Options))] : null;

    /// <summary>The parameter groups whose learning rates this scheduler sets.</summary>
    protected IReadOnlyList<ParameterGroup<T>> Groups => Optimizer.ParamGroups;

    /// <summary>Each group's learning rate at epoch 0 of the schedule (PyTorch's <c>base_lrs</c>).</summary>
    protected double[] BaseLrs { get; set; } = [];

    /// <summary>The momentum this schedule cycles, if it cycles one (for a schedule of schedules, the first such one's).</summary>
    internal virtual MomentumSetting? CycledMomentum => Nested.Select(s => s.CycledMomentum).FirstOrDefault(m => m is not null);

    /// <summary>The schedulers this one holds and steps (those of <c>sequential_lr</c> and <c>chained_scheduler</c>).</summary>
    internal virtual IReadOnlyList<Scheduler<T>> Nested => [];

    /// <summary>
    /// Takes one step: the learning rates of the next epoch (or batch) are set in the optimizer's groups.
    /// <paramref name="metric"/> is the watched quantity, which only <c>reduce_lr_on_plateau</c> reads (and requires).
    /// </summary>
    /// <exception cref="InputException">PyTorch would raise at this step (one-cycle past its total steps, a division by zero).</exception>
    public virtual void Step(double? metric = null)
    {
        LastEpoch++;
        SetLrs(Lrs());
    }

    /// <summary>Writes the scheduler's state, and the learning rates (and cycled momenta) it set, as JSON (format: version 1).</summary>
    public void SaveState(Stream stream) => SchedulerStateFormat.Write(this, stream);

    /// <summary>
    /// Restores what <see cref="SaveState"/> wrote, into a scheduler built from the same spec over an optimizer
    /// with as many groups; it sets the groups' learning rates (and cycled momenta) as they were saved, so it may be
    /// loaded before or after the optimizer's own state. Continuing then is the same as never having stopped, bit for bit.
    /// </summary>
    /// <exception cref="InputException">The stream is not such a state, or is another scheduler's or group layout's; the scheduler is left as it was.</exception>
    public void LoadState(Stream stream) => SchedulerStateFormat.Read(this, stream);

    /// <summary>PyTorch's <c>step(0)</c>, which <c>sequential_lr</c> uses at a milestone: back to epoch 0, by the closed form where there is one.</summary>
    internal virtual void Restart()
    {
        LastEpoch = 0;
        SetLrs(ClosedFormLrs());
    }

    /// <summary>
    /// What PyTorch's <c>_LRScheduler.__init__</c> does for a new schedule: records each group's <c>initial_lr</c>
    /// unless an earlier scheduler did, takes those as the base learning rates, and takes the first step (epoch 0).
    /// </summary>
    protected void Attach()
    {
        foreach (ParameterGroup<T> group in Groups) GroupValues.Of(group).TryAdd("initial_lr", group.Lr);
        BaseLrs = [.. Groups.Select(g => GroupValues.Of(g)["initial_lr"])];
        LastEpoch = -1;
        Step();
    }

    /// <summary>The learning rates for <see cref="LastEpoch"/>, from the groups' current ones (PyTorch's chainable <c>get_lr</c>).</summary>
    protected abstract double[] Lrs();

    /// <summary>The learning rates for <see cref="LastEpoch"/> from the base learning rates alone (PyTorch's <c>_get_closed_form_lr</c>, or <c>get_lr</c> where it has none).</summary>
    protected virtual double[] ClosedFormLrs() => Lrs();

    /// <summary>Sets each group's learning rate and remembers them as the last ones.</summary>
    protected void SetLrs(double[] lrs)
    {
        for (int i = 0; i < Groups.Count; i++) SetLr(Groups[i], lrs[i]);
        _lastLrs = GroupLrs();
    }

    /// <summary>Sets <paramref name="group"/>'s learning rate as PyTorch's schedulers do, unchecked (a schedule may go below 0).</summary>
    internal static void SetLr(ParameterGroup<T> group, double lr) => group.Scheduled = group.Options with { Lr = lr };

    /// <summary>Remembers the groups' current learning rates as the last ones (for schedules that set them another way).</summary>
    protected void RememberLrs() => _lastLrs = GroupLrs();

    /// <summary>Each group's current learning rate.</summary>
    protected double[] GroupLrs() => [.. Groups.Select(g => g.Lr)];

    /// <summary>Each group's current learning rate times <paramref name="factor"/>.</summary>
    protected double[] Scaled(double factor) => [.. Groups.Select(g => g.Lr * factor)];

    /// <summary><paramref name="a"/> / <paramref name="b"/>, refusing a zero divisor where Python (and so PyTorch) raises ZeroDivisionError.</summary>
    /// <exception cref="InputException"><paramref name="b"/> is zero.</exception>
    protected double Divide(double a, double b) => b != 0 ? a / b
        : throw new InputException($"{Options.ToSpec()}: division by zero at scheduler step {LastEpoch}, where PyTorch 1.13 raises ZeroDivisionError");

    /// <summary>
    /// <paramref name="x"/> ** <paramref name="y"/> as Python computes it for floats (the C library's pow), refusing
    /// where Python raises: zero to a negative power, a negative number to a fractional one, and overflow.
    /// </summary>
    /// <exception cref="InputException">Python would raise here.</exception>
    protected double Power(double x, double y)
    {
        double result = Math.Pow(x, y);
        string power = $"{SpecFormat.Number(x)}^{SpecFormat.Number(y)} at scheduler step {LastEpoch}";
        if (x == 0 && y < 0) throw new InputException($"{Options.ToSpec()}: {power}, where PyTorch 1.13 raises ZeroDivisionError");
        if (x < 0 && double.IsFinite(y) && y != Math.Floor(y)) throw new InputException($"{Options.ToSpec()}: {power} is complex in Python, where PyTorch 1.13 fails");
        if (double.IsInfinity(result) && double.IsFinite(x) && double.IsFinite(y)) throw new InputException($"{Options.ToSpec()}: {power} overflows, where PyTorch 1.13 raises OverflowError");
        return result;
    }

    /// <summary>Adds what this scheduler keeps between steps to <paramref name="state"/>.</summary>
    internal virtual void Save(SchedulerState state)
    {
        state.Set("last_epoch", LastEpoch);
        state.Set("base_lrs", BaseLrs);
        state.Set("last_lrs", _lastLrs);
        foreach (Scheduler<T> nested in Nested)
        {
            var child = new SchedulerState();
            nested.Save(child);
            state.Children.Add(child);
        }
    }

    /// <summary>Takes back what <see cref="Save"/> wrote.</summary>
    /// <exception cref="InputException">A value is missing or malformed.</exception>
    internal virtual void Load(SchedulerState state)
    {
        if (state.Children.Count != Nested.Count)
            throw SchedulerStateFormat.Problem($"it holds {state.Children.Count} nested schedulers, not {Nested.Count}");
        int lastEpoch = state.Count("last_epoch", min: -1);
        double[] baseLrs = state.Numbers("base_lrs", Groups.Count), lastLrs = state.Numbers("last_lrs", Groups.Count);
        for (int i = 0; i < Nested.Count; i++) Nested[i].Load(state.Children[i]);
        (LastEpoch, BaseLrs, _lastLrs) = (lastEpoch, baseLrs, lastLrs);
    }
}
