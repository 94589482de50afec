#!/usr/bin/python3
"""Records PyTorch trajectories for hyperparameter settings the public parity file does not cover.

Run with Debian's python3-torch (1.13.1): /usr/bin/python3 generate_parity_extra.py > parity-extra.jsonl
The output has the format of ../shared/parity/public.jsonl (see its README): function cases minimise an
expression of Descent's function language (translated to torch operations in the same order), linreg cases
train Linear(2, 1) with MSE on fixed data in order.

float64 covers everything. float32 covers the polynomial functions, and linear regression except with L-BFGS:
in float32 PyTorch computes sin, cos, exp, log and tanh with SLEEF's vectorised approximations (within 1 ulp,
not the C library's results), and its Linear layer sums bias + x w in reference BLAS's order; Descent's
float32 results there can differ in the last bit, which long chaotic runs and L-BFGS's termination tests
can amplify past the parity tolerance.
"""
import json, re, torch

POLYNOMIAL = {"quad1d", "rosenbrock", "negbowl"}

FUNCTIONS = {
    "quad1d": ("x^2 + 4*x + 1", ["x"], [2.0]),
    "rosenbrock": ("(1 - x)^2 + 100*(y - x^2)^2", ["x", "y"], [-1.5, 2.0]),
    "trig": ("sin(x)*cos(y) + 0.1*(x^2 + y^2)", ["x", "y"], [1.0, 2.0]),
    "softplus": ("log(1 + exp(x)) + sqrt(1 + x^2 + y^2)", ["x", "y"], [1.5, -1.0]),
    "tanhabs": ("tanh(x - y)^2 + abs(y)^1.5 / (2 + x^2)", ["x", "y"], [1.0, 1.2]),
    "negbowl": ("-(x^2 + 2*y^2) + x*y", ["x", "y"], [0.5, -0.5]),
}

SPECS = [
    ("sgd", {"lr": 0.01, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("sgd", {"lr": 0.02, "momentum": 0.5, "maximize": True}),
    ("adagrad", {"lr": 0.1, "weight_decay": 0.05, "eps": 1e-3}),
    ("adagrad", {"lr": 0.1, "maximize": True, "lr_decay": 0.05}),
    ("rmsprop", {"lr": 0.01, "centered": True, "momentum": 0.9, "weight_decay": 0.01}),
    ("rmsprop", {"lr": 0.01, "alpha": 0.5, "eps": 1e-3, "maximize": True}),
    ("adadelta", {"lr": 0.8, "rho": 0.5, "eps": 1e-4}),
    ("adadelta", {"lr": 1.0, "maximize": True, "weight_decay": 0.02}),
    ("adam", {"lr": 0.05, "weight_decay": 0.05, "amsgrad": True}),
    ("adam", {"lr": 0.02, "betas": (0.5, 0.9), "eps": 1e-3, "maximize": True}),
    ("adamw", {"lr": 0.05, "weight_decay": 0.1, "amsgrad": True}),
    ("adamw", {"lr": 0.05, "betas": (0.8, 0.99), "maximize": True}),
    ("adamax", {"lr": 0.05, "weight_decay": 0.01, "betas": (0.8, 0.99), "eps": 1e-3}),
    ("adamax", {"lr": 0.05, "maximize": True}),
    ("nadam", {"lr": 0.05, "weight_decay": 0.01, "momentum_decay": 0.01}),
    ("nadam", {"lr": 0.03, "betas": (0.8, 0.99)}),
    ("radam", {"lr": 0.05, "weight_decay": 0.01}),
    ("radam", {"lr": 0.05, "betas": (0.8, 0.9), "eps": 1e-4}),
    ("asgd", {"lr": 0.05, "t0": 10, "lambd": 0.001, "alpha": 0.5}),
    ("asgd", {"lr": 0.03, "weight_decay": 0.01, "maximize": True, "t0": 3}),
    ("rprop", {"lr": 0.05, "etas": (0.3, 1.5), "step_sizes": (1e-3, 1.0)}),
    ("rprop", {"lr": 0.02, "maximize": True}),
    ("lbfgs", {"lr": 1, "max_iter": 10, "line_search_fn": "strong_wolfe"}),
    ("lbfgs", {"lr": 0.5, "max_iter": 4, "history_size": 3}),
    ("lbfgs", {"lr": 1, "max_iter": 20, "history_size": 5, "line_search_fn": "strong_wolfe", "tolerance_grad": 1e-5}),
]

CLASSES = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop, "adadelta": torch.optim.Adadelta,
           "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "adamax": torch.optim.Adamax, "nadam": torch.optim.NAdam,
           "radam": torch.optim.RAdam, "asgd": torch.optim.ASGD, "rprop": torch.optim.Rprop, "lbfgs": torch.optim.LBFGS}

def spec_text(name, hyper):
    def value(v):
        if isinstance(v, bool): return "true" if v else "false"
        if isinstance(v, tuple): return "(" + ", ".join(value(x) for x in v) + ")"
        if isinstance(v, str): return '"' + v + '"'
        return repr(v)
    return f"{name}(" + ", ".join(f"{k}={value(v)}" for k, v in hyper.items()) + ")"

def to_python(expression):
    text = expression.replace("^", "**")
    return re.sub(r"\b(sin|cos|tan|exp|log|sqrt|abs|tanh|sigmoid)\(", r"torch.\1(", text)

def function_case(fname, name, hyper, dtype, maximize_only):
    expression, variables, start = FUNCTIONS[fname]
    code = compile(to_python(expression), fname, "eval")
    p = torch.tensor(start, dtype=dtype, requires_grad=True)
    opt = CLASSES[name]([p], **hyper)
    def f():
        return eval(code, {"torch": torch}, {v: p[i] for i, v in enumerate(variables)})
    def closure():
        opt.zero_grad()
        loss = f()
        loss.backward()
        return loss
    steps = 8 if name == "lbfgs" else 40
    points, values = [p.detach().tolist()], [f().item()]
    for _ in range(steps):
        closure()
        opt.step(closure if name == "lbfgs" else None)
        points.append(p.detach().tolist())
        with torch.no_grad():
            values.append(f().item())
    return {"kind": "function", "function": fname, "expression": expression, "variables": variables, "start": start,
            "optimizer": name, "hyper": {k: list(v) if isinstance(v, tuple) else v for k, v in hyper.items()},
            "spec": spec_text(name, hyper), "dtype": str(dtype).replace("torch.", ""), "steps": steps,
            "points": points, "values": values,
            "finite": all(map(lambda v: v == v and abs(v) != float("inf"), values))}

def linreg_case(name, hyper, dtype):
    g = torch.Generator().manual_seed(1)
    rows = []
    for i in range(40):
        a, b = torch.rand(2, generator=g).tolist()
        rows.append([a, b, 2 * a - b + 0.5 + 0.1 * torch.randn(1, generator=g).item()])
    model = torch.nn.Linear(2, 1).to(dtype)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.3, -0.2]], dtype=dtype))
        model.bias.copy_(torch.tensor([0.1], dtype=dtype))
    opt = CLASSES[name](model.parameters(), **hyper)
    data = torch.tensor(rows, dtype=dtype)
    params = [model.weight.detach().flatten().tolist() + model.bias.detach().tolist()]
    losses = []
    for epoch in range(3):
        for start in range(0, len(rows), 16):
            x, y = data[start:start + 16, :2], data[start:start + 16, 2:]
            def closure():
                opt.zero_grad()
                loss = torch.nn.functional.mse_loss(model(x), y)
                loss.backward()
                return loss
            losses.append(closure().item())
            opt.step(closure if name == "lbfgs" else None)
            params.append(model.weight.detach().flatten().tolist() + model.bias.detach().tolist())
    return {"kind": "linreg", "data": rows, "init": {"weight": [[0.3, -0.2]], "bias": [0.1]}, "batch_size": 16, "epochs": 3,
            "shuffle": False, "loss": "mse", "optimizer": name, "hyper": {k: list(v) if isinstance(v, tuple) else v for k, v in hyper.items()},
            "spec": spec_text(name, hyper), "dtype": str(dtype).replace("torch.", ""), "params": params, "batch_losses": losses,
            "param_layout": "weight[0,0], weight[0,1], bias[0] after each optimizer step (row 0 = init)"}

if __name__ == "__main__":
    torch.set_num_threads(1)
    for name, hyper in SPECS:
        maximize = hyper.get("maximize", False)
        functions = ["negbowl"] if maximize else ["quad1d", "rosenbrock", "trig", "softplus", "tanhabs"]
        for dtype in (torch.float64, torch.float32):
            for fname in functions:
                if dtype == torch.float32 and fname not in POLYNOMIAL:
                    continue
                case = function_case(fname, name, hyper, dtype, maximize)
                if case["finite"]:
                    print(json.dumps(case))
            if not maximize and not (dtype == torch.float32 and name == "lbfgs"):
                print(json.dumps(linreg_case(name, hyper, dtype)))
