namespace Descent.Tests.Schedulers;

/// <summary>
/// One table of scheduler configurations that feeds the behaviour tests (as OptimizerTable does for optimizers):
/// adding a scheduler or a variant adds a row here, not a test.
/// </summary>
public static class SchedulerTable
{
    /// <summary>A scheduler spec and an optimizer it can run with.</summary>
    public static readonly (string Scheduler, string Optimizer)[] Specs =
    [
        ("step_lr(step_size=3, gamma=0.5)", "sgd(lr=0.1)"),
        ("multi_step_lr(milestones=(2, 5, 5, 9), gamma=0.5)", "sgd(lr=0.1, momentum=0.9)"),
        ("constant_lr", "adam(lr=0.1)"),
        ("linear_lr(start_factor=0.1, total_iters=8)", "adam(lr=0.1)"),
        ("exponential_lr(gamma=0.9)", "sgd(lr=0.1)"),
        ("polynomial_lr(total_iters=15, power=2)", "adam(lr=0.05)"),
        ("cosine_annealing_lr(t_max=6, eta_min=0.001)", "sgd(lr=0.05, momentum=0.5)"),
        ("cosine_annealing_warm_restarts(t_0=3, t_mult=2, eta_min=0.0001)", "adam(lr=0.05)"),
        ("cyclic_lr(base_lr=0.001, max_lr=0.05, step_size_up=4, mode=triangular2)", "sgd(lr=0.01, momentum=0.9)"),
        ("cyclic_lr(base_lr=0.001, max_lr=0.05, step_size_up=3, mode=exp_range, gamma=0.9, cycle_momentum=false)", "adam(lr=0.01)"),
        ("one_cycle_lr(max_lr=0.1, total_steps=40)", "adam(lr=0.05)"),
        ("one_cycle_lr(max_lr=0.1, epochs=5, steps_per_epoch=8, anneal_strategy=linear, three_phase=true)", "sgd(lr=0.05, momentum=0.9)"),
        ("reduce_lr_on_plateau(factor=0.5, patience=1, cooldown=1)", "sgd(lr=0.05)"),
        ("lambda_lr(lr_lambda=\"0.95^epoch\")", "sgd(lr=0.05)"),
        ("multiplicative_lr(lr_lambda=\"0.9\")", "adam(lr=0.05)"),
        ("sequential_lr(schedulers=(linear_lr(start_factor=0.2, total_iters=5), cosine_annealing_lr(t_max=20)), milestones=(5,))", "adam(lr=0.05)"),
        ("sequential_lr(schedulers=(exponential_lr(gamma=0.9), one_cycle_lr(max_lr=0.1, total_steps=40)), milestones=(4,))", "sgd(lr=0.05, momentum=0.9)"),
        ("chained_scheduler(schedulers=(constant_lr(factor=0.5, total_iters=4), exponential_lr(gamma=0.95)))", "sgd(lr=0.05, momentum=0.9)"),
    ];

    /// <summary>PyTorch 1.13's defaults, written out once per scheduler (hyperparameters it requires are shown at a placeholder).</summary>
    public static readonly (string Name, string FullSpec)[] PyTorchDefaults =
    [
        ("step_lr", "step_lr(step_size=0, gamma=0.1)"),
        ("multi_step_lr", "multi_step_lr(milestones=(), gamma=0.1)"),
        ("constant_lr", "constant_lr(factor=0.3333333333333333, total_iters=5)"),
        ("linear_lr", "linear_lr(start_factor=0.3333333333333333, end_factor=1, total_iters=5)"),
        ("exponential_lr", "exponential_lr(gamma=nan)"),
        ("polynomial_lr", "polynomial_lr(total_iters=5, power=1)"),
        ("cosine_annealing_lr", "cosine_annealing_lr(t_max=0, eta_min=0)"),
        ("cosine_annealing_warm_restarts", "cosine_annealing_warm_restarts(t_0=0, t_mult=1, eta_min=0)"),
        ("cyclic_lr", "cyclic_lr(base_lr=nan, max_lr=nan, step_size_up=2000, step_size_down=none, mode=\"triangular\", gamma=1, cycle_momentum=true, base_momentum=0.8, max_momentum=0.9)"),
        ("one_cycle_lr", "one_cycle_lr(max_lr=nan, total_steps=none, epochs=none, steps_per_epoch=none, pct_start=0.3, anneal_strategy=\"cos\", cycle_momentum=true, base_momentum=0.85, max_momentum=0.95, div_factor=25, final_div_factor=10000, three_phase=false)"),
        ("reduce_lr_on_plateau", "reduce_lr_on_plateau(mode=\"min\", factor=0.1, patience=10, threshold=0.0001, threshold_mode=\"rel\", cooldown=0, min_lr=0, eps=1e-08)"),
        ("lambda_lr", "lambda_lr(lr_lambda=\"\")"),
        ("multiplicative_lr", "multiplicative_lr(lr_lambda=\"\")"),
        ("sequential_lr", "sequential_lr(schedulers=(), milestones=())"),
        ("chained_scheduler", "chained_scheduler(schedulers=())"),
    ];

    /// <summary>Specs that are refused, each with a fragment the message must contain.</summary>
    public static readonly (string Spec, string Message)[] Invalid =
    [
        ("step_lr", "step_lr: step_size is required, e.g. step_lr(step_size=30)"),
        ("step_lr(step_size=0)", "step_lr: step_size = 0 is invalid: it must be a whole number >= 1"),
        ("step_lr(step_size=2.5)", "step_lr: step_size = 2.5 has the wrong type: it must be a whole number"),
        ("step_lr(step_size=3, gama=0.5)", "step_lr: unknown hyperparameter 'gama'; did you mean 'gamma'?"),
        ("multi_step_lr", "multi_step_lr: milestones is required, e.g. multi_step_lr(milestones=(30, 80))"),
        ("multi_step_lr(milestones=(3, 2.5))", "milestones = (3, 2.5) has the wrong type"),
        ("constant_lr(factor=1.5)", "constant_lr: factor = 1.5 is invalid: it must be in [0, 1]"),
        ("linear_lr(start_factor=-0.1)", "linear_lr: start_factor = -0.1 is invalid: it must be in [0, 1]"),
        ("linear_lr(end_factor=2)", "linear_lr: end_factor = 2 is invalid: it must be in [0, 1]"),
        ("exponential_lr", "exponential_lr: gamma is required, e.g. exponential_lr(gamma=0.9)"),
        ("cosine_annealing_lr", "cosine_annealing_lr: t_max is required, e.g. cosine_annealing_lr(t_max=50)"),
        ("cosine_annealing_lr(T_max=10)", "unknown hyperparameter 'T_max'; did you mean 't_max'?"),
        ("cosine_annealing_lr(t_max=0)", "cosine_annealing_lr: t_max = 0 is invalid: it must be a whole number >= 1"),
        ("cosine_annealing_warm_restarts", "cosine_annealing_warm_restarts: t_0 is required"),
        ("cosine_annealing_warm_restarts(t_0=0)", "t_0 = 0 is invalid: it must be a whole number >= 1"),
        ("cosine_annealing_warm_restarts(t_0=5, t_mult=0)", "t_mult = 0 is invalid: it must be a whole number >= 1"),
        ("cyclic_lr(base_lr=0.01)", "cyclic_lr: max_lr is required"),
        ("cyclic_lr(base_lr=0.01, max_lr=0.1, mode=triangualr)", "cyclic_lr: mode = \"triangualr\" is invalid; did you mean 'triangular'?: it must be one of triangular, triangular2, exp_range"),
        ("cyclic_lr(base_lr=0.01, max_lr=0.1, step_size_up=0)", "cyclic_lr: step_size_up = 0 is invalid"),
        ("one_cycle_lr(max_lr=0.1)", "one_cycle_lr: total_steps is required, or epochs and steps_per_epoch"),
        ("one_cycle_lr(max_lr=0.1, epochs=5)", "one_cycle_lr: steps_per_epoch is required with epochs"),
        ("one_cycle_lr(max_lr=0.1, total_steps=0)", "one_cycle_lr: total_steps = 0 is invalid: it must be a whole number >= 1"),
        ("one_cycle_lr(max_lr=0.1, total_steps=10, pct_start=1.5)", "one_cycle_lr: pct_start = 1.5 is invalid: it must be in [0, 1]"),
        ("one_cycle_lr(max_lr=0.1, total_steps=10, anneal_strategy=coss)", "anneal_strategy = \"coss\" is invalid; did you mean 'cos'?: it must be one of cos, linear"),
        ("one_cycle_lr(total_steps=10)", "one_cycle_lr: max_lr is required"),
        ("reduce_lr_on_plateau(factor=1)", "reduce_lr_on_plateau: factor = 1 is invalid: it must be < 1"),
        ("reduce_lr_on_plateau(mode=maximum)", "reduce_lr_on_plateau: mode = \"maximum\" is invalid"),
        ("reduce_lr_on_plateau(threshold_mode=relative)", "threshold_mode = \"relative\" is invalid"),
        ("lambda_lr", "lambda_lr: lr_lambda is required, e.g. lambda_lr(lr_lambda=\"0.95^epoch\")"),
        ("lambda_lr(lr_lambda=\"0.95^^epoch\")", "lambda_lr: lr_lambda = \"0.95^^epoch\" does not parse: "),
        ("lambda_lr(lr_lambda=\"0.95^step\")", "lambda_lr: lr_lambda = \"0.95^step\" uses the variable 'step'; it may use only epoch"),
        ("multiplicative_lr(lr_lambda=\"0.9*t\")", "multiplicative_lr: lr_lambda = \"0.9*t\" uses the variable 't'; it may use only epoch"),
        ("sequential_lr(schedulers=(constant_lr, exponential_lr(gamma=0.9)), milestones=())", "sequential_lr: milestones = () is invalid: it must hold one fewer milestone than there are schedulers (2)"),
        ("sequential_lr(schedulers=(constant_lr, reduce_lr_on_plateau), milestones=(5,))", "sequential_lr: reduce_lr_on_plateau cannot be one of its schedulers"),
        ("sequential_lr(schedulers=(constant_lr, exponential_lr), milestones=(5,))", "exponential_lr: gamma is required"),
        ("sequential_lr(schedulers=(constant_lr, adam), milestones=(5,))", "unknown scheduler 'adam'"),
        ("sequential_lr(milestones=(5,))", "sequential_lr: schedulers is required"),
        ("chained_scheduler(schedulers=())", "chained_scheduler: schedulers = () is invalid: it must hold at least one scheduler"),
        ("chained_scheduler(schedulers=(reduce_lr_on_plateau,))", "chained_scheduler: reduce_lr_on_plateau cannot be one of its schedulers"),
        ("stpe_lr(step_size=2)", "unknown scheduler 'stpe_lr'; did you mean 'step_lr'?"),
        ("cosine_lr(t_max=10)", "unknown scheduler 'cosine_lr'"),
    ];
}
