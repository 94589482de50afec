#!/usr/bin/python3
"""Records PyTorch runs with learning-rate schedulers and gradient clipping that the shared parity file does not cover.

Run with Debian's python3-torch (1.13.1):
  /usr/bin/python3 generate_parity_schedulers.py schedulers > parity-schedulers-extra.jsonl
  /usr/bin/python3 generate_parity_schedulers.py clipping > parity-clipping.jsonl
Schedule cases have the format of ../shared/parity/schedulers.jsonl (see its README): minimise an expression of
Descent's function language from a start, one scheduler step after every optimizer step (reduce_lr_on_plateau gets
that step's f), recording points, values, lrs and, where a momentum cycles, momenta. A case may add gradient
clipping between backward and step: "clip_grad_norm": {"max_norm", "norm_type"} (norm_type "inf" for infinity) or
"clip_grad_value": v. Clipping cases without a scheduler are "kind": "function" (the same, without lrs) or
"kind": "linreg" (Linear(2, 1) with MSE on fixed data in order, weight and bias clipped together).
"""
import json, math, re, sys, torch
from torch.optim import lr_scheduler as S

FUNCTIONS = {
    "quad1d": ("x^2 + 4*x + 1", ["x"], [2.0]),
    "rosenbrock": ("(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"], [-1.5, 2.0]),
    "bowl": ("x^2 + 2*y^2 + 0.5*x*y", ["x", "y"], [1.5, -2.0]),
}

OPTIMIZERS = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "rmsprop": torch.optim.RMSprop,
              "adagrad": torch.optim.Adagrad, "nadam": torch.optim.NAdam}

SCHEDULERS = {"step_lr": S.StepLR, "multi_step_lr": S.MultiStepLR, "constant_lr": S.ConstantLR, "linear_lr": S.LinearLR,
              "exponential_lr": S.ExponentialLR, "polynomial_lr": S.PolynomialLR, "cosine_annealing_lr": S.CosineAnnealingLR,
              "cosine_annealing_warm_restarts": S.CosineAnnealingWarmRestarts, "cyclic_lr": S.CyclicLR,
              "one_cycle_lr": S.OneCycleLR, "reduce_lr_on_plateau": S.ReduceLROnPlateau, "lambda_lr": S.LambdaLR,
              "multiplicative_lr": S.MultiplicativeLR}

# PyTorch's capitalised keywords, in Descent's specs in lower case.
TORCH_KEYS = {"t_max": "T_max", "t_0": "T_0", "t_mult": "T_mult"}

# (function, optimizer, hyperparameters, scheduler, its arguments, steps, dtype)
SCHEDULE_CASES = [
    ("rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.9, "nesterov": True}, "step_lr", {"step_size": 3, "gamma": 0.7}, 30, "float64"),
    ("quad1d", "adam", {"lr": 0.2}, "multi_step_lr", {"milestones": (2, 5, 5, 9)}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.1}, "multi_step_lr", {"milestones": (9, 2, 5), "gamma": 0.5}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "constant_lr", {}, 30, "float64"),
    ("quad1d", "sgd", {"lr": 0.1}, "constant_lr", {"factor": 0.5, "total_iters": 0}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.1, "momentum": 0.5}, "linear_lr", {}, 30, "float64"),
    ("rosenbrock", "adam", {"lr": 0.05}, "linear_lr", {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 12}, 30, "float64"),
    ("bowl", "adamw", {"lr": 0.1}, "exponential_lr", {"gamma": 0.8}, 30, "float64"),
    ("quad1d", "sgd", {"lr": 0.2}, "polynomial_lr", {}, 30, "float64"),
    ("rosenbrock", "adam", {"lr": 0.05}, "polynomial_lr", {"total_iters": 20, "power": 0.5}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.1, "momentum": 0.9}, "cosine_annealing_lr", {"t_max": 5, "eta_min": 0.01}, 40, "float64"),
    ("rosenbrock", "adam", {"lr": 0.05}, "cosine_annealing_lr", {"t_max": 7}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "cosine_annealing_warm_restarts", {"t_0": 5, "t_mult": 1, "eta_min": 0.001}, 30, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.9}, "cosine_annealing_warm_restarts", {"t_0": 3, "t_mult": 3}, 40, "float64"),
    ("bowl", "sgd", {"lr": 0.1, "momentum": 0.9}, "cyclic_lr",
     {"base_lr": 0.01, "max_lr": 0.2, "step_size_up": 3, "step_size_down": 5, "mode": "triangular2"}, 40, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.5}, "cyclic_lr",
     {"base_lr": 0.0001, "max_lr": 0.002, "step_size_up": 4, "mode": "exp_range", "gamma": 0.95, "base_momentum": 0.7, "max_momentum": 0.95}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "cyclic_lr", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 5, "cycle_momentum": False}, 30, "float64"),
    ("bowl", "rmsprop", {"lr": 0.01, "momentum": 0.5}, "cyclic_lr", {"base_lr": 0.001, "max_lr": 0.02, "step_size_up": 2, "step_size_down": 0}, 30, "float64"),
    ("rosenbrock", "adam", {"lr": 0.05}, "one_cycle_lr", {"max_lr": 0.1, "total_steps": 30}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.1, "momentum": 0.9}, "one_cycle_lr", {"max_lr": 0.2, "total_steps": 40, "anneal_strategy": "linear"}, 30, "float64"),
    ("bowl", "adamw", {"lr": 0.1}, "one_cycle_lr",
     {"max_lr": 0.3, "epochs": 6, "steps_per_epoch": 5, "pct_start": 0.5, "div_factor": 10.0, "final_div_factor": 100.0, "three_phase": True}, 30, "float64"),
    ("quad1d", "sgd", {"lr": 0.1}, "one_cycle_lr", {"max_lr": 0.3, "total_steps": 35, "cycle_momentum": False, "pct_start": 0.2}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1, "betas": (0.8, 0.99)}, "one_cycle_lr", {"max_lr": 0.2, "total_steps": 30, "base_momentum": 0.7, "max_momentum": 0.9}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.05}, "reduce_lr_on_plateau", {"mode": "max", "patience": 2, "factor": 0.5, "min_lr": 0.01}, 30, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.001}, "reduce_lr_on_plateau",
     {"threshold_mode": "abs", "threshold": 0.5, "patience": 1, "cooldown": 2, "factor": 0.7}, 40, "float64"),
    ("quad1d", "adam", {"lr": 0.5}, "reduce_lr_on_plateau", {"patience": 0, "factor": 0.5, "threshold": 0.01, "eps": 0.01}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "lambda_lr", {"lr_lambda": "1/(epoch + 1)"}, 30, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.9}, "lambda_lr", {"lr_lambda": "exp(-0.1*epoch)"}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.1}, "lambda_lr", {"lr_lambda": "0.5*(1 + cos(pi*epoch/30))"}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.1}, "multiplicative_lr", {"lr_lambda": "1 - 0.01*epoch"}, 30, "float64"),
    ("quad1d", "adam", {"lr": 0.3}, "multiplicative_lr", {"lr_lambda": "0.97^epoch"}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "sequential_lr",
     {"schedulers": [("constant_lr", {"factor": 0.1, "total_iters": 10}), ("exponential_lr", {"gamma": 0.9})], "milestones": (4,)}, 30, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.9}, "sequential_lr",
     {"schedulers": [("linear_lr", {"start_factor": 0.1, "total_iters": 3}), ("step_lr", {"step_size": 4, "gamma": 0.5}),
                     ("cosine_annealing_warm_restarts", {"t_0": 4, "t_mult": 2})], "milestones": (3, 12)}, 40, "float64"),
    ("bowl", "sgd", {"lr": 0.1, "momentum": 0.9}, "sequential_lr",
     {"schedulers": [("linear_lr", {"start_factor": 0.5, "total_iters": 4}), ("one_cycle_lr", {"max_lr": 0.2, "total_steps": 30})], "milestones": (5,)}, 30, "float64"),
    ("bowl", "sgd", {"lr": 0.1, "momentum": 0.9}, "sequential_lr",
     {"schedulers": [("exponential_lr", {"gamma": 0.9}), ("cyclic_lr", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3})], "milestones": (6,)}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "sequential_lr",
     {"schedulers": [("linear_lr", {"start_factor": 0.1, "total_iters": 5}), ("cosine_annealing_lr", {"t_max": 10, "eta_min": 0.01}),
                     ("multi_step_lr", {"milestones": (0, 3), "gamma": 0.5})], "milestones": (5, 15)}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "chained_scheduler",
     {"schedulers": [("linear_lr", {"start_factor": 0.2, "total_iters": 5}), ("exponential_lr", {"gamma": 0.95})]}, 30, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.001}, "chained_scheduler",
     {"schedulers": [("step_lr", {"step_size": 5, "gamma": 0.5}), ("multiplicative_lr", {"lr_lambda": "0.99"}), ("cosine_annealing_lr", {"t_max": 10})]}, 30, "float64"),
    ("bowl", "adam", {"lr": 0.1}, "chained_scheduler",
     {"schedulers": [("sequential_lr", {"schedulers": [("constant_lr", {"factor": 0.5, "total_iters": 3}), ("exponential_lr", {"gamma": 0.9})],
                                        "milestones": (3,)}),
                     ("cosine_annealing_lr", {"t_max": 30})]}, 30, "float64"),
    ("rosenbrock", "adam", {"lr": 0.05}, "one_cycle_lr", {"max_lr": 0.1, "total_steps": 30}, 30, "float32"),
    ("quad1d", "sgd", {"lr": 0.1, "momentum": 0.5}, "step_lr", {"step_size": 4, "gamma": 0.5}, 30, "float32"),
    ("bowl", "sgd", {"lr": 0.1, "momentum": 0.9}, "cyclic_lr", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4}, 30, "float32"),
]

# (function or "linreg", optimizer, hyperparameters, clipping, dtype[, scheduler, its arguments])
CLIP_CASES = [
    ("rosenbrock", "adam", {"lr": 0.05}, {"clip_grad_norm": {"max_norm": 1.0, "norm_type": 2.0}}, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.01, "momentum": 0.9}, {"clip_grad_norm": {"max_norm": 5.0, "norm_type": "inf"}}, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.01}, {"clip_grad_norm": {"max_norm": 2.0, "norm_type": 1.0}}, "float64"),
    ("bowl", "sgd", {"lr": 0.1}, {"clip_grad_norm": {"max_norm": 0.5, "norm_type": 3.0}}, "float64"),
    ("rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.9}, {"clip_grad_value": 2.0}, "float64"),
    ("rosenbrock", "adam", {"lr": 0.05}, {"clip_grad_norm": {"max_norm": 1.0, "norm_type": 2.0}}, "float32"),
    ("bowl", "sgd", {"lr": 0.1}, {"clip_grad_norm": {"max_norm": 0.5, "norm_type": "inf"}}, "float32"),
    ("rosenbrock", "sgd", {"lr": 0.001, "momentum": 0.9}, {"clip_grad_value": 2.0}, "float32"),
    ("linreg", "sgd", {"lr": 0.5}, {"clip_grad_norm": {"max_norm": 0.3, "norm_type": 2.0}}, "float64"),
    ("linreg", "sgd", {"lr": 0.5, "momentum": 0.5}, {"clip_grad_norm": {"max_norm": 0.2, "norm_type": "inf"}}, "float64"),
    ("linreg", "adam", {"lr": 0.1}, {"clip_grad_norm": {"max_norm": 0.5, "norm_type": 1.5}}, "float64"),
    ("linreg", "sgd", {"lr": 0.5}, {"clip_grad_value": 0.1}, "float64"),
    ("linreg", "sgd", {"lr": 0.5}, {"clip_grad_norm": {"max_norm": 0.3, "norm_type": 2.0}}, "float32"),
    ("linreg", "sgd", {"lr": 0.5}, {"clip_grad_value": 0.1}, "float32"),
    ("rosenbrock", "adam", {"lr": 0.05}, {"clip_grad_norm": {"max_norm": 1.0, "norm_type": 2.0}}, "float64",
     "sequential_lr", {"schedulers": [("linear_lr", {"start_factor": 0.1, "total_iters": 5}), ("cosine_annealing_lr", {"t_max": 25})], "milestones": (5,)}),
]

def value_text(v):
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, (tuple, list)):
        items = [value_text(x) for x in v]
        return "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if isinstance(v, str): return '"' + v + '"'
    return repr(v)

def spec_text(name, args):
    if name in ("sequential_lr", "chained_scheduler"):
        parts = ["schedulers=(" + ", ".join(spec_text(n, a) for n, a in args["schedulers"]) + ")"]
        if "milestones" in args: parts.append("milestones=" + value_text(args["milestones"]))
        return f"{name}(" + ", ".join(parts) + ")"
    return f"{name}(" + ", ".join(f"{k}={value_text(v)}" for k, v in args.items()) + ")" if args else name

def to_math(expression):
    text = expression.replace("^", "**")
    return re.sub(r"\b(sin|cos|tan|exp|log|sqrt|pi)\b", r"math.\1", text)

def to_torch(expression):
    text = expression.replace("^", "**")
    return re.sub(r"\b(sin|cos|tan|exp|log|sqrt|abs|tanh|sigmoid)\(", r"torch.\1(", text)

def build(opt, name, args):
    if name == "sequential_lr":
        return S.SequentialLR(opt, [build(opt, n, a) for n, a in args["schedulers"]], milestones=list(args["milestones"]))
    if name == "chained_scheduler":
        return S.ChainedScheduler([build(opt, n, a) for n, a in args["schedulers"]])
    kwargs = {TORCH_KEYS.get(k, k): list(v) if isinstance(v, tuple) else v for k, v in args.items()}
    if "lr_lambda" in kwargs:
        code = compile(to_math(kwargs["lr_lambda"]), "lr_lambda", "eval")
        kwargs["lr_lambda"] = lambda epoch: eval(code, {"math": math}, {"epoch": epoch})
    return SCHEDULERS[name](opt, **kwargs)

def momentum(opt):
    group = opt.param_groups[0]
    return group["betas"][0] if "betas" in group else group["momentum"]

def clip(params, clipping):
    if "clip_grad_norm" in clipping:
        c = clipping["clip_grad_norm"]
        torch.nn.utils.clip_grad_norm_(params, c["max_norm"], float("inf") if c["norm_type"] == "inf" else c["norm_type"])
    elif "clip_grad_value" in clipping:
        torch.nn.utils.clip_grad_value_(params, clipping["clip_grad_value"])

def function_case(fname, name, hyper, sched, sched_args, steps, dtype, clipping={}):
    expression, variables, start = FUNCTIONS[fname]
    code = compile(to_torch(expression), fname, "eval")
    p = torch.tensor(start, dtype=getattr(torch, dtype), requires_grad=True)
    opt = OPTIMIZERS[name]([p], **hyper)
    scheduler = build(opt, sched, sched_args) if sched else None
    cycles = sched in ("cyclic_lr", "one_cycle_lr") and sched_args.get("cycle_momentum", True) or (
        sched == "sequential_lr" and any(n in ("cyclic_lr", "one_cycle_lr") for n, _ in sched_args["schedulers"]))
    points, values, lrs, momenta = [], [], [], []
    for k in range(steps + 1):
        opt.zero_grad()
        f = eval(code, {"torch": torch}, {v: p[i] for i, v in enumerate(variables)})
        points.append(p.detach().tolist())
        values.append(f.item())
        lrs.append(opt.param_groups[0]["lr"])
        if cycles: momenta.append(momentum(opt))
        if k == steps: break
        f.backward()
        clip([p], clipping)
        opt.step()
        if scheduler is None: pass
        elif sched == "reduce_lr_on_plateau": scheduler.step(f.item())
        else: scheduler.step()
    case = {"kind": "schedule" if sched else "function", "function": fname, "expression": expression, "variables": variables,
            "start": start, "optimizer": spec_text(name, hyper)}
    if sched: case["scheduler"] = spec_text(sched, sched_args)
    case.update(clipping)
    case.update({"dtype": dtype, "steps": steps, "points": points, "values": values})
    if sched: case["lrs"] = lrs
    if cycles: case["momenta"] = momenta
    return case

def linreg_case(name, hyper, clipping, dtype):
    g = torch.Generator().manual_seed(1)
    rows = []
    for i in range(40):
        a, b = torch.rand(2, generator=g).tolist()
        rows.append([a, b, 2 * a - b + 0.5 + 0.1 * torch.randn(1, generator=g).item()])
    dt = getattr(torch, dtype)
    model = torch.nn.Linear(2, 1).to(dt)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.3, -0.2]], dtype=dt))
        model.bias.copy_(torch.tensor([0.1], dtype=dt))
    opt = OPTIMIZERS[name](model.parameters(), **hyper)
    data = torch.tensor(rows, dtype=dt)
    params = [model.weight.detach().flatten().tolist() + model.bias.detach().tolist()]
    losses = []
    for epoch in range(3):
        for start in range(0, len(rows), 16):
            x, y = data[start:start + 16, :2], data[start:start + 16, 2:]
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(x), y)
            loss.backward()
            losses.append(loss.item())
            clip(list(model.parameters()), clipping)
            opt.step()
            params.append(model.weight.detach().flatten().tolist() + model.bias.detach().tolist())
    case = {"kind": "linreg", "data": rows, "init": {"weight": [[0.3, -0.2]], "bias": [0.1]}, "batch_size": 16, "epochs": 3,
            "optimizer": spec_text(name, hyper)}
    case.update(clipping)
    case.update({"dtype": dtype, "params": params, "batch_losses": losses})
    return case

if __name__ == "__main__":
    torch.set_num_threads(1)
    which = sys.argv[1] if len(sys.argv) > 1 else "schedulers"
    if which == "schedulers":
        for fname, name, hyper, sched, args, steps, dtype in SCHEDULE_CASES:
            print(json.dumps(function_case(fname, name, hyper, sched, args, steps, dtype)))
    else:
        for case in CLIP_CASES:
            fname, name, hyper, clipping, dtype = case[:5]
            sched, args = case[5:] if len(case) > 5 else (None, None)
            if fname == "linreg": print(json.dumps(linreg_case(name, hyper, clipping, dtype)))
            else: print(json.dumps(function_case(fname, name, hyper, sched, args, 30, dtype, clipping)))
