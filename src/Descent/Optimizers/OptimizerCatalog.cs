using Descent.Specs;

namespace Descent.Optimizers;

/// <summary>
/// Every optimizer Descent has, one row each (spec name, summary, defaults); builds optimizers from specs
/// such as <c>adam(lr=0.01)</c>. Adding an optimizer is its file (options record and class) plus one row here.
/// </summary>
public static class OptimizerCatalog
{
    /// <summary>The optimizers by spec name, in the order they are listed.</summary>
    public static Catalog<OptimizerOptions> Entries { get; } = new("optimizer",
    [
        new("sgd", "Stochastic gradient descent, optionally with momentum, Nesterov momentum and weight decay.",
            new SgdOptions()),
        new("momentum", "SGD with momentum 0.9: the tutorial's \"Momentum\"; shorthand for sgd(momentum=0.9, ...).",
            new SgdOptions { Momentum = 0.9 }),
        new("adagrad", "Adagrad: per-coordinate steps shrink with the sum of past squared gradients.",
            new AdagradOptions()),
        new("rmsprop", "RMSprop: steps divided by a running root-mean-square of the gradient; optional momentum and centering.",
            new RmsPropOptions()),
        new("adadelta", "Adadelta: steps scaled by the ratio of running RMS of past updates to that of gradients.",
            new AdadeltaOptions()),
        new("adam", "Adam: bias-corrected running averages of the gradient and its square; optional AMSGrad.",
            new AdamOptions()),
        new("adamw", "AdamW: Adam with decoupled weight decay (parameters shrink directly, not through the gradient).",
            new AdamWOptions()),
        new("adamax", "Adamax: Adam with the infinity norm in place of the squared-gradient average.",
            new AdamaxOptions()),
        new("nadam", "NAdam: Adam with Nesterov momentum and a warming-up momentum schedule.",
            new NAdamOptions()),
        new("radam", "RAdam: Adam with the variance of the adaptive step rectified (plain momentum SGD in the first steps).",
            new RAdamOptions()),
        new("asgd", "Averaged SGD: SGD with a decaying step, keeping a running average of the iterates from step t0.",
            new AsgdOptions()),
        new("rprop", "Rprop: per-coordinate step sizes grow while the gradient keeps its sign and shrink when it flips.",
            new RpropOptions()),
        new("lbfgs", "L-BFGS: quasi-Newton steps from a short history of gradient changes; needs a closure, optional strong Wolfe line search.",
            new LbfgsOptions()),
        new("lion", "Lion: every coordinate moves by lr in the sign of a momentum-gradient interpolation; half Adam's memory.",
            new LionOptions()),
        new("schedulefreeadamw", "Schedule-free AdamW: no learning-rate schedule; evaluates at a weighted average of the iterates (call Eval()).",
            new ScheduleFreeAdamWOptions()),
        new("schedulefreesgd", "Schedule-free SGD: momentum as interpolation with an average of the iterates, evaluated at that average (call Eval()).",
            new ScheduleFreeSgdOptions()),
        new("prodigy", "Prodigy: Adam with its step size d estimated from the distance travelled; leave lr at 1.",
            new ProdigyOptions()),
        new("dadaptadam", "D-Adaptation Adam: Adam with its step size d estimated as it trains; leave lr at 1.",
            new DAdaptAdamOptions()),
    ]);

    /// <summary>Every optimizer, in the order listed.</summary>
    public static IReadOnlyList<CatalogEntry<OptimizerOptions>> All => Entries.All;

    /// <inheritdoc cref="Catalog{TOptions}.Find"/>
    public static CatalogEntry<OptimizerOptions> Find(string name) => Entries.Find(name);

    /// <inheritdoc cref="Catalog{TOptions}.Parse"/>
    public static OptimizerOptions Parse(string spec) => Entries.Parse(spec);

    /// <inheritdoc cref="Catalog{TOptions}.ParseList"/>
    public static IReadOnlyList<OptimizerOptions> ParseList(string specs) => Entries.ParseList(specs);
}
