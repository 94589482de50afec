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
        new("adabelief", "AdaBelief: Adam whose denominator tracks the gradient's variance around its running average; optional RAdam rectification.",
            new AdaBeliefOptions()),
        new("yogi", "Yogi: Adam whose squared-gradient estimate moves additively, by at most (1 - beta2) g^2 per step.",
            new YogiOptions()),
        new("adabound", "AdaBound: Adam with per-coordinate step sizes clipped to bounds that close in on an SGD learning rate.",
            new AdaBoundOptions()),
        new("madgrad", "MADGRAD: momentumized dual averaging with an AdaGrad-like cube-root denominator.",
            new MadgradOptions()),
        new("adopt", "ADOPT: Adam that normalizes the gradient by the previous steps' second moment before momentum; converges for any beta2.",
            new AdoptOptions()),
        new("lookahead", "Lookahead: any inner optimizer steps ahead; every k steps the parameters are pulled back towards slow weights.",
            new LookaheadOptions()),
        new("lamb", "LAMB: Adam-like steps scaled per tensor by the trust ratio |p| / |step|, for large batches.",
            new LambOptions()),
        new("lars", "LARS: momentum SGD with each matrix's gradient scaled by the trust ratio |p| / |grad|, for large batches.",
            new LarsOptions()),
        new("adan", "Adan: adaptive Nesterov momentum from running averages of the gradient and of its change between steps.",
            new AdanOptions()),
        new("ademamix", "AdEMAMix: Adam whose numerator mixes in a slow running average of the gradient, with optional warmup.",
            new AdEMAMixOptions()),
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
