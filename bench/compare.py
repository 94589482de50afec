#!/usr/bin/python3
"""Runs a Descent benchmark and PyTorch's reference for the same workload, in one go, and prints the ratio.

Usage: /usr/bin/python3 bench/compare.py WORKLOAD [--rounds N]   (WORKLOAD: step, seed, mlp, many, vector, matmul, wide, or sweep [--seeds N])
       /usr/bin/python3 bench/compare.py all [--rounds N]        (every workload in turn, then one Markdown table of them all)
With --rounds, both sides run N times, alternating, and each measurement keeps its fastest run.
Needs the .NET SDK and Debian's python3-torch (apt-get install -y python3-torch). step, seed and mlp run
../shared/bench/torch_reference.py; many, vector, matmul and wide run bench/torch_speed.py. matmul and wide run PyTorch
on OpenBLAS (its threads on every core) when Debian's libopenblas0-pthread is installed (as its users would), else on the BLAS
Debian's PyTorch links (the reference BLAS), and say which.
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
# The team's shared reference workloads when they sit beside the repository; otherwise the copy kept here.
shared_reference = os.path.join(root, "..", "shared", "bench", "torch_reference.py")
torch_reference = shared_reference if os.path.exists(shared_reference) else os.path.join(here, "torch_reference.py")
torch_speed = os.path.join(here, "torch_speed.py")
openblas = "/usr/lib/x86_64-linux-gnu/openblas-pthread"
# Fields that tell one measurement of a workload from another (a size, a dtype, a batch).
keys = ("variables", "dtype", "size", "width", "batch")


def lines(cmd, env=None):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=root, env=env).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]


def key(line):
    return tuple(line.get(k) for k in keys)


def best(runs):
    """The fastest of each measurement over several runs (a busy machine only ever slows a run down)."""
    kept = {}
    for line in (l for run in runs for l in run):
        k = (line["workload"], line["variant"], key(line))
        if k not in kept or ("seconds" in line and line["seconds"] < kept[k].get("seconds", float("inf"))) or \
                line.get("gflops_all_cores", 0) > kept[k].get("gflops_all_cores", float("inf")):
            kept[k] = line
    return list(kept.values())


def main():
    args = sys.argv[1:]
    rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 1
    workload = args[0] if args else "step"
    # Arguments for the workload itself (the sweep's --seeds N), passed to both sides.
    extra = [a for i, a in enumerate(args[1:], 1) if a != "--rounds" and args[i - 1] != "--rounds"]
    subprocess.run(["dotnet", "build", "-c", "Release", "bench/Descent.Bench", "-v", "q", "-nologo"], check=True, cwd=root,
                   stdout=subprocess.DEVNULL)
    rows = []
    for name in (all_workloads if workload == "all" else [workload]):
        ours_runs, theirs_runs = [], []
        for _ in range(rounds):
            # Alternated, so that both sides see the machine as busy as the other.
            ours_runs.append(lines(["dotnet", "bench/Descent.Bench/bin/Release/net10.0/Descent.Bench.dll", name, *extra]))
            theirs_runs.append(torch_side(name, extra))
        rows += report(name, best(ours_runs), best(theirs_runs))
        sys.stdout.flush()
    if workload == "all":
        # One table from this one run, for the README.
        print()
        print("| workload | variant | size | Descent (s) | PyTorch (s) | PyTorch time / Descent time |")
        print("|---|---|---|---|---|---|")
        for name, variant, label, mine, theirs_s in rows:
            print(f"| {name} | {variant} | {label} | {mine:.4g} | {theirs_s:.4g} | {theirs_s / mine:.2f} |")


# Every workload with a PyTorch side, in the order `all` runs them.
all_workloads = ["step", "seed", "mlp", "wide", "matmul", "many", "vector", "sweep"]


def torch_side(workload, extra):
    if workload in ("step", "seed", "mlp"):
        theirs = lines(["/usr/bin/python3", torch_reference, workload])
    elif workload == "sweep":
        # The sweep's PyTorch loop reproduces Descent's validation split.
        theirs = lines(["/usr/bin/python3", os.path.join(here, "torch_sweep.py"), *extra])
    else:
        env = dict(os.environ)
        if workload in ("matmul", "wide"):
            # PyTorch's own thread count left as it is: OpenBLAS runs its products on every core by itself, and
            # torch.set_num_threads(2) makes OpenMP spin so hard on a busy machine that a run takes 8x longer.
            if os.path.isdir(openblas):
                # OpenBLAS 0.3.21 does not know Zen 4/5 and would pick a slow kernel; Cooperlake is its AVX-512 one.
                env.update(LD_LIBRARY_PATH=openblas, OPENBLAS_CORETYPE=os.environ.get("DESCENT_OPENBLAS_CORETYPE", "Cooperlake"))
            theirs = lines(["/usr/bin/python3", torch_speed, "blas"], env)
        else:
            theirs = []
        theirs += lines(["/usr/bin/python3", torch_speed, workload], env)
    return theirs


def report(workload, ours, theirs):
    """Prints both sides' lines and the ratios; returns (workload, variant, size, Descent s, PyTorch s) per compared measurement."""
    rows = []
    for line in ours + theirs:
        print(json.dumps(line))
    for l in ours:
        if "seconds" not in l:
            continue
        ref = {t["variant"]: t["seconds"] for t in theirs if "seconds" in t and key(t) == key(l)}
        # PyTorch's step variants are named '<optimizer>-single' and '<optimizer>-foreach'; take its faster form.
        candidates = [s for v, s in ref.items() if v == l["variant"] or v.startswith(l["variant"] + "-") or v == "torch-eager"]
        label = " ".join(f"{k}={l[k]}" for k in keys if k in l)
        if candidates:
            best = min(candidates)
            print(f"{workload} {l['variant']} {label}: Descent {l['seconds']:.4g} s, PyTorch {best:.4g} s, "
                  f"Descent is {best / l['seconds']:.2f}x faster")
            rows.append((workload, l["variant"], label, l["seconds"], best))
        for v, s in ref.items():
            if v.startswith("torch-") and v != "torch-eager":
                print(f"{workload} {l['variant']} {label}: PyTorch {v} {s:.4g} s, Descent takes {l['seconds'] / s:.3g}x its time")
    return rows


if __name__ == "__main__":
    main()
