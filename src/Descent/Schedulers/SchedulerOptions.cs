using System.Numerics;
using System.Text;
using Descent.Optimizers;
using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>
/// The hyperparameters of one learning-rate scheduler, with PyTorch 1.13's names (snake case in specs,
/// <c>T_max</c> written <c>t_max</c>), defaults and validation, its formula as text, and a factory for
/// the scheduler. Each scheduler has a record derived from this.
/// </summary>
public abstract record SchedulerOptions : SpecOptions
{
    /// <summary>The name in specs: the type's name without "Options", in snake case, e.g. <c>cosine_annealing_lr</c>.</summary>
    public override string Name
    {
        get
        {
            string type = GetType().Name.Replace("Options", "", StringComparison.Ordinal);
            var sb = new StringBuilder();
            foreach (char c in type)
            {
                if (char.IsUpper(c) && sb.Length > 0) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }
    }

    /// <summary>
    /// How the learning rate changes, as <c>descent schedulers NAME</c> shows it: <c>epoch</c> is the number of
    /// scheduler steps taken (PyTorch's <c>last_epoch</c>), <c>lr</c> the group's current learning rate and
    /// <c>base_lr</c> its learning rate before any scheduler changed it (PyTorch's <c>initial_lr</c>).
    /// </summary>
    public abstract string Formula { get; }

    /// <summary>Whether each step needs the watched metric (a loss), as <c>reduce_lr_on_plateau</c>'s does.</summary>
    public virtual bool WatchesMetric => false;

    /// <summary>
    /// A scheduler of this kind over <paramref name="optimizer"/>'s parameter groups. As in PyTorch, building it
    /// takes its first step (epoch 0), which may already change the learning rates.
    /// </summary>
    /// <exception cref="HyperparameterException">The schedule does not fit the optimizer (it cycles momentum and the optimizer has none).</exception>
    public abstract Scheduler<T> Create<T>(Optimizer<T> optimizer) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Checks, before a run starts, that this schedule can take <paramref name="steps"/> steps with an optimizer
    /// of <paramref name="optimizer"/>'s kind and hyperparameters, where PyTorch would stop with an error
    /// part-way (<c>one_cycle_lr</c> stepped past its total steps, a division by zero, a momentum to cycle that
    /// the optimizer lacks): it runs the schedule on a stand-in optimizer, as <see cref="LrSchedule.Preview"/> does.
    /// </summary>
    /// <exception cref="InputException">The run would fail part-way; the message says where and why.</exception>
    public void CheckRun(OptimizerOptions optimizer, int steps)
    {
        try
        {
            LrSchedule.Preview(this, optimizer, steps);
        }
        catch (InputException e) when (e is not HyperparameterException)
        {
            throw new InputException($"{e.Message}; the run takes {steps} scheduler steps");
        }
    }

    /// <summary>Requires <paramref name="value"/> to be one of <paramref name="choices"/>, suggesting the closest on a typo.</summary>
    protected void RequireChoice(string name, string value, params string[] choices)
    {
        if (!choices.Contains(value))
            throw new HyperparameterException($"{Name}: {name} = {SpecFormat.Value(value)} is invalid" + Spelling.Suggestion(value, choices) +
                $": it must be one of {string.Join(", ", choices)}");
    }

    /// <summary>Requires a whole number &gt;= <paramref name="min"/>.</summary>
    protected void RequireCount(string name, int value, int min) =>
        Require(value >= min, name, value, $"it must be a whole number >= {min}");
}
