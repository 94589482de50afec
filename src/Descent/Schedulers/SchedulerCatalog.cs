using Descent.Specs;

namespace Descent.Schedulers;

/// <summary>
/// Every learning-rate scheduler Descent has, one row each (spec name, summary, defaults); builds scheduler
/// options from specs such as <c>step_lr(step_size=30, gamma=0.1)</c>. Adding a scheduler is its file (options
/// record and class) plus one row here.
/// </summary>
public static class SchedulerCatalog
{
    /// <summary>The schedulers by spec name, in the order they are listed.</summary>
    public static Catalog<SchedulerOptions> Entries { get; } = new("scheduler",
    [
        new("step_lr", "Multiplies the learning rate by gamma every step_size steps.", new StepLrOptions()),
        new("multi_step_lr", "Multiplies the learning rate by gamma at each milestone.", new MultiStepLrOptions()),
        new("constant_lr", "Scales the learning rate by a constant factor for the first total_iters steps.", new ConstantLrOptions()),
        new("linear_lr", "Changes the learning rate's factor linearly from start_factor to end_factor over total_iters steps (warmup).", new LinearLrOptions()),
        new("exponential_lr", "Multiplies the learning rate by gamma every step.", new ExponentialLrOptions()),
        new("polynomial_lr", "Decays the learning rate polynomially to zero over total_iters steps.", new PolynomialLrOptions()),
        new("cosine_annealing_lr", "Anneals the learning rate along a half cosine to eta_min over t_max steps.", new CosineAnnealingLrOptions()),
        new("cosine_annealing_warm_restarts", "Cosine annealing restarted every t_0, t_0 * t_mult, ... steps (SGDR).", new CosineAnnealingWarmRestartsOptions()),
        new("cyclic_lr", "Cycles the learning rate between base_lr and max_lr (triangular, triangular2, exp_range), momentum inversely.", new CyclicLrOptions()),
        new("one_cycle_lr", "The one-cycle policy: up to max_lr and down far below the start in total_steps, momentum inversely.", new OneCycleLrOptions()),
        new("reduce_lr_on_plateau", "Reduces the learning rate by factor when the watched loss stops improving for patience steps.", new ReduceLrOnPlateauOptions()),
        new("lambda_lr", "Sets the learning rate to the base one times a function of epoch, e.g. lr_lambda=\"0.95^epoch\".", new LambdaLrOptions()),
        new("multiplicative_lr", "Multiplies the learning rate by a function of epoch every step, e.g. lr_lambda=\"0.95\".", new MultiplicativeLrOptions()),
        new("sequential_lr", "Runs schedulers one after another, switching at milestones (warmup then decay).", new SequentialLrOptions()),
        new("chained_scheduler", "Steps several schedulers together, each on the learning rate the one before set.", new ChainedSchedulerOptions()),
    ]);

    /// <summary>Every scheduler, in the order listed.</summary>
    public static IReadOnlyList<CatalogEntry<SchedulerOptions>> All => Entries.All;

    /// <inheritdoc cref="Catalog{TOptions}.Find"/>
    public static CatalogEntry<SchedulerOptions> Find(string name) => Entries.Find(name);

    /// <inheritdoc cref="Catalog{TOptions}.Parse"/>
    public static SchedulerOptions Parse(string spec) => Entries.Parse(spec);
}
