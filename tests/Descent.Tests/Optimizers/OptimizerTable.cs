namespace Descent.Tests.Optimizers;

/// <summary>
/// One table of optimizer configurations that feeds the behaviour tests (like PyTorch's optim_db):
/// adding an optimizer or a variant adds a row here, not a test.
/// </summary>
public static class OptimizerTable
{
    public static readonly string[] Specs =
    [
        "sgd(lr=0.01)",
        "sgd(lr=0.01, momentum=0.9, dampening=0.1, weight_decay=0.01)",
        "sgd(lr=0.01, momentum=0.9, nesterov=true, maximize=false)",
        "momentum(lr=0.01)",
        "adagrad(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1, weight_decay=0.01)",
        "rmsprop(lr=0.01)",
        "rmsprop(lr=0.005, momentum=0.8, centered=true, weight_decay=0.01)",
        "adadelta()",
        "adadelta(lr=0.5, rho=0.8, weight_decay=0.01)",
        "adam(lr=0.05)",
        "adam(lr=0.05, betas=(0.8, 0.99), amsgrad=true, weight_decay=0.1)",
        "adamw(lr=0.05)",
        "adamw(lr=0.05, amsgrad=true)",
        "adamax(lr=0.05, weight_decay=0.01)",
        "nadam(lr=0.05, weight_decay=0.01)",
        "radam(lr=0.05)",
        "asgd(lr=0.05, t0=5)",
        "rprop(lr=0.01)",
        "lbfgs(lr=1, max_iter=5)",
        "lbfgs(lr=1, max_iter=5, history_size=3, line_search_fn=\"strong_wolfe\")",
        "lion(lr=0.01)",
        "lion(lr=0.01, betas=(0.95, 0.98), weight_decay=0.1, weight_decouple=false, maximize=false)",
        "lion(lr=0.01, weight_decay=0.5, fixed_decay=true)",
        "schedulefreeadamw(lr=0.05)",
        "schedulefreeadamw(lr=0.05, betas=(0.8, 0.99), weight_decay=0.1, r=0.5, warmup_steps=3, decoupling_c=50, ams_bound=true, eps=1e-06)",
        "schedulefreesgd(lr=0.05)",
        "schedulefreesgd(lr=0.02, momentum=0.8, weight_decay=0.01, weight_lr_power=1, warmup_steps=5, maximize=false)",
        "prodigy()",
        "prodigy(lr=1, weight_decay=0.01, bias_correction=true, safeguard_warmup=true, growth_rate=2, d_coef=0.5)",
        "prodigy(betas=(0.8, 0.99), beta3=0.95, d0=0.001, eps=none, weight_decay=0.01, fixed_decay=true)",
    ];

    public static TheoryData<string> All() => [.. Specs];

    /// <summary>The reference's defaults (PyTorch 1.13's, or pytorch_optimizer's beyond torch.optim), written out once per optimizer (lr has no default for SGD).</summary>
    public static readonly (string Name, string FullSpec)[] PyTorchDefaults =
    [
        ("sgd", "sgd(lr=NaN, momentum=0, dampening=0, weight_decay=0, nesterov=false, maximize=false)"),
        ("adagrad", "adagrad(lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, maximize=false)"),
        ("rmsprop", "rmsprop(lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=false, maximize=false)"),
        ("adadelta", "adadelta(lr=1, rho=0.9, eps=1e-06, weight_decay=0, maximize=false)"),
        ("adam", "adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=false, maximize=false)"),
        ("adamw", "adamw(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=false, maximize=false)"),
        ("adamax", "adamax(lr=0.002, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, maximize=false)"),
        ("nadam", "nadam(lr=0.002, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, momentum_decay=0.004)"),
        ("radam", "radam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0)"),
        ("asgd", "asgd(lr=0.01, lambd=0.0001, alpha=0.75, t0=1000000, weight_decay=0, maximize=false)"),
        ("rprop", "rprop(lr=0.01, etas=(0.5, 1.2), step_sizes=(1e-06, 50), maximize=false)"),
        ("lbfgs", "lbfgs(lr=1, max_iter=20, max_eval=none, tolerance_grad=1e-07, tolerance_change=1e-09, history_size=100, line_search_fn=none)"),
        ("lion", "lion(lr=0.0001, betas=(0.9, 0.99), weight_decay=0, weight_decouple=true, fixed_decay=false, maximize=false)"),
        ("schedulefreeadamw", "schedulefreeadamw(lr=0.0025, betas=(0.9, 0.999), weight_decay=0, r=0, weight_lr_power=2, warmup_steps=0, decoupling_c=0, ams_bound=false, eps=1e-08, maximize=false)"),
        ("schedulefreesgd", "schedulefreesgd(lr=1, momentum=0.9, weight_decay=0, r=0, weight_lr_power=2, warmup_steps=0, eps=1e-08, maximize=false)"),
        ("prodigy", "prodigy(lr=1, betas=(0.9, 0.999), beta3=none, d0=1e-06, d_coef=1, growth_rate=none, weight_decay=0, weight_decouple=true, fixed_decay=false, bias_correction=false, safeguard_warmup=false, eps=1e-08, maximize=false)"),
    ];

    /// <summary>Specs PyTorch rejects, each with a fragment the message must contain.</summary>
    public static readonly (string Spec, string Message)[] Invalid =
    [
        ("adam(lr=-0.1)", "adam: lr = -0.1 is invalid: it must be >= 0"),
        ("adam(eps=-1e-8)", "adam: eps = -1e-08 is invalid: it must be >= 0"),
        ("adam(betas=(1.0, 0.999))", "adam: betas[0] = 1 is invalid: it must be in [0, 1)"),
        ("adam(betas=(0.9, -0.1))", "adam: betas[1] = -0.1 is invalid: it must be in [0, 1)"),
        ("adam(weight_decay=-0.1)", "adam: weight_decay = -0.1 is invalid"),
        ("adam(betas=0.9)", "adam: betas = 0.9 has the wrong type: it must be a pair of numbers such as (0.9, 0.999)"),
        ("adam(amsgrad=1)", "amsgrad = 1 has the wrong type: it must be true or false"),
        ("adam(lr=\"fast\")", "lr = fast has the wrong type: it must be a number"),
        ("adam(beta=(0.9, 0.99))", "adam: unknown hyperparameter 'beta'; did you mean 'betas'?"),
        ("adamw(lr=-1)", "adamw: lr = -1 is invalid"),
        ("adamw(betas=(0.9, 1.5))", "adamw: betas[1] = 1.5 is invalid"),
        ("adamax(betas=(-0.1, 0.9))", "adamax: betas[0] = -0.1 is invalid"),
        ("nadam(momentum_decay=-1)", "nadam: momentum_decay = -1 is invalid: it must be >= 0"),
        ("nadam(maximize=true)", "nadam: unknown hyperparameter 'maximize'"),
        ("radam(eps=-1)", "radam: eps = -1 is invalid"),
        ("adagrad(lr_decay=-0.1)", "adagrad: lr_decay = -0.1 is invalid"),
        ("adagrad(initial_accumulator_value=-1)", "adagrad: initial_accumulator_value = -1 is invalid"),
        ("adagrad(eps=-1)", "adagrad: eps = -1 is invalid"),
        ("rmsprop(alpha=-0.5)", "rmsprop: alpha = -0.5 is invalid"),
        ("rmsprop(momentum=-0.5)", "rmsprop: momentum = -0.5 is invalid"),
        ("rmsprop(eps=-1)", "rmsprop: eps = -1 is invalid"),
        ("adadelta(rho=1.5)", "adadelta: rho = 1.5 is invalid: it must be in [0, 1]"),
        ("adadelta(rho=-0.1)", "adadelta: rho = -0.1 is invalid"),
        ("adadelta(lr=-1)", "adadelta: lr = -1 is invalid"),
        ("asgd(lr=-0.01)", "asgd: lr = -0.01 is invalid"),
        ("asgd(weight_decay=-1)", "asgd: weight_decay = -1 is invalid"),
        ("rprop(etas=(1.5, 1.2))", "rprop: etas = (1.5, 1.2) is invalid: it must satisfy 0 < etaminus < 1 < etaplus"),
        ("rprop(etas=(0.5, 0.9))", "rprop: etas = (0.5, 0.9) is invalid"),
        ("rprop(lr=-1)", "rprop: lr = -1 is invalid"),
        ("lbfgs(line_search_fn=\"wolfe\")", "lbfgs: line_search_fn = \"wolfe\" is invalid: only none or \"strong_wolfe\" is supported"),
        ("lbfgs(max_iter=0)", "lbfgs: max_iter = 0 is invalid: it must be >= 1"),
        ("lbfgs(max_iter=2.5)", "lbfgs: max_iter = 2.5 has the wrong type: it must be a whole number"),
        ("lbfgs(history_size=0)", "lbfgs: history_size = 0 is invalid"),
        ("sgd(lr=0.1, dampening=0.5, momentum=0.9, nesterov=true)", "Nesterov momentum requires momentum > 0 and zero dampening"),
        ("adams(lr=0.1)", "unknown optimizer 'adams'; did you mean 'adam'?"),
        ("lion(lr=-1)", "lion: lr = -1 is invalid: it must be >= 0"),
        ("lion(betas=(1.0, 0.99))", "lion: betas[0] = 1 is invalid: it must be in [0, 1)"),
        ("lion(weight_decay=-0.1)", "lion: weight_decay = -0.1 is invalid"),
        ("schedulefreeadamw(lr=-1)", "schedulefreeadamw: lr = -1 is invalid: it must be >= 0"),
        ("schedulefreeadamw(betas=(0.0, 0.999))", "schedulefreeadamw: betas[0] = 0 is invalid: it must be in (0, 1)"),
        ("schedulefreeadamw(betas=(0.9, 1.0))", "schedulefreeadamw: betas[1] = 1 is invalid: it must be in [0, 1)"),
        ("schedulefreeadamw(decoupling_c=-1)", "schedulefreeadamw: decoupling_c = -1 is invalid: it must be >= 0"),
        ("schedulefreeadamw(warmup_steps=2.5)", "schedulefreeadamw: warmup_steps = 2.5 has the wrong type: it must be a whole number"),
        ("schedulefreeadamw(eps=-1)", "schedulefreeadamw: eps = -1 is invalid"),
        ("schedulefreesgd(momentum=0)", "schedulefreesgd: momentum = 0 is invalid: it must be in (0, 1]"),
        ("schedulefreesgd(momentum=1.5)", "schedulefreesgd: momentum = 1.5 is invalid"),
        ("schedulefreesgd(weight_decay=-0.1)", "schedulefreesgd: weight_decay = -0.1 is invalid"),
        ("prodigy(lr=-1)", "prodigy: lr = -1 is invalid: it must be >= 0"),
        ("prodigy(betas=(0.9, 1.0))", "prodigy: betas[1] = 1 is invalid: it must be in [0, 1)"),
        ("prodigy(beta3=1.5)", "prodigy: beta3 = 1.5 is invalid: it must be in [0, 1]"),
        ("prodigy(weight_decay=-0.1)", "prodigy: weight_decay = -0.1 is invalid"),
        ("prodigy(eps=-1)", "prodigy: eps = -1 is invalid"),
        ("prodigy(growth_rate=1e400)", "prodigy: growth_rate = Infinity is invalid: it must be a finite number (none: no limit)"),
    ];
}
