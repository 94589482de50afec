#!/usr/bin/python3
"""The tutorial's sweep as a plain PyTorch loop, for bench/compare.py sweep: its six optimizers at 13 learning rates
from 1e-4 to 1 and 5 seeds (390 runs of 50 epochs), as `descent sweep train` runs it.

Seed s draws the data, the 80/20 split and the initial Linear(2, 1) as the tutorial's script does after
torch.manual_seed(s); a generator seeded with Descent's hash of s (SplitMix64, purpose 1) holds 10% of the training split
out for validation. Each run trains a copy of the initial model on the rest, batches of 32 in order, recording the
validation loss (mean of batch losses) after each epoch, and at the end the losses over the whole validation and test
sets. A run whose batch loss stops being finite stops. Each optimizer's lr is the one with the lowest mean validation
loss among those where no seed diverged. Times the whole loop.

Usage: /usr/bin/python3 bench/torch_sweep.py [--seeds N]     (Debian's python3-torch)
Prints one JSON object: {"workload": "sweep", "variant": "torch-eager", "seconds": ..., "chosen_lr": ..., ...}.
"""
import copy, json, math, statistics, sys, time, torch
import torch.utils.data as data

OPTIMIZERS = [
    ("sgd", lambda p, lr: torch.optim.SGD(p, lr=lr)),
    ("sgd(momentum=0.9)", lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9)),
    ("adagrad", lambda p, lr: torch.optim.Adagrad(p, lr=lr)),
    ("rmsprop", lambda p, lr: torch.optim.RMSprop(p, lr=lr)),
    ("adadelta", lambda p, lr: torch.optim.Adadelta(p, lr=lr)),
    ("adam", lambda p, lr: torch.optim.Adam(p, lr=lr)),
]
# 1e-4 to 1, 13 rates equally spaced in log10, both ends exact (as LearningRates.LogSpaced computes them).
LRS = [1e-4] + [10 ** ((-4 * (12 - i) + 0 * i) / 12) for i in range(1, 12)] + [1.0]
MASK = (1 << 64) - 1

def derived_seed(seed, purpose):
    z = (seed + 0x9E3779B97F4A7C15 * (purpose + 1)) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)

def prepare(seed):
    torch.manual_seed(seed)
    x = torch.rand(1000, 1); y = torch.rand(1000, 1); z = x**2 + y**2 + torch.randn(1000, 1)
    ds = data.TensorDataset(torch.cat([x, y], 1), z)
    train, test = data.random_split(ds, [800, 200])
    model = torch.nn.Linear(2, 1)
    g = torch.Generator(); g.manual_seed(derived_seed(seed, 1))
    fit, validation = data.random_split(train, [720, 80], generator=g)
    return model, fit, validation, test

def full_loss(model, subset, mse):
    with torch.no_grad():
        xs, ys = next(iter(data.DataLoader(subset, batch_size=len(subset))))
        return mse(model(xs), ys).item()

def run(initial, fit, validation, test, make, lr, epochs=50):
    model = copy.deepcopy(initial); opt = make(model.parameters(), lr); mse = torch.nn.MSELoss()
    fit_loader, val_loader = data.DataLoader(fit, batch_size=32), data.DataLoader(validation, batch_size=32)
    diverged = None
    for epoch in range(epochs):
        for xb, yb in fit_loader:
            opt.zero_grad(); l = mse(model(xb), yb)
            if not math.isfinite(l.item()):
                diverged = epoch + 1; break
            l.backward(); opt.step()
        if diverged: break
        with torch.no_grad():
            sum(mse(model(xb), yb).item() for xb, yb in val_loader) / len(val_loader)
    return full_loss(model, validation, mse), full_loss(model, test, mse), full_loss(model, fit, mse), diverged

def main():
    args = sys.argv[1:]
    seeds = int(args[args.index("--seeds") + 1]) if "--seeds" in args else 5
    t0 = time.perf_counter()
    results = {}  # (optimizer, lr index, seed) -> (validation, test, train, diverged)
    for seed in range(seeds):
        initial, fit, validation, test = prepare(seed)
        for name, make in OPTIMIZERS:
            for l, lr in enumerate(LRS):
                results[name, l, seed] = run(initial, fit, validation, test, make, lr)
    seconds = time.perf_counter() - t0
    chosen, test_mean = {}, {}
    for name, _ in OPTIMIZERS:
        best = None
        for l in range(len(LRS)):
            runs = [results[name, l, s] for s in range(seeds)]
            if any(r[3] is not None or not math.isfinite(r[0]) for r in runs): continue
            mean = statistics.fmean(r[0] for r in runs)
            if best is None or mean < best[0]: best = (mean, l)
        chosen[name] = LRS[best[1]] if best else None
        test_mean[name] = statistics.fmean(results[name, best[1], s][1] for s in range(seeds)) if best else None
    print(json.dumps({"workload": "sweep", "variant": "torch-eager", "seconds": seconds, "runs": len(results),
                      "chosen_lr": chosen, "test_loss_mean": test_mean}))

if __name__ == "__main__":
    main()
