#!/usr/bin/python3
"""Runs a Descent benchmark and PyTorch's reference for the same workload, in one go, and prints the ratio.

Usage: /usr/bin/python3 bench/compare.py WORKLOAD      (WORKLOAD: step, seed, mlp, or sweep [--seeds N])
Needs the .NET SDK and Debian's python3-torch (apt-get install -y python3-torch).
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
# The team's shared reference workloads when they sit beside the repository; otherwise the copy kept here.
shared_script = os.path.join(root, "..", "shared", "bench", "torch_reference.py")
torch_script = shared_script if os.path.exists(shared_script) else os.path.join(here, "torch_reference.py")

def lines(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=root).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

def main():
    workload = sys.argv[1] if len(sys.argv) > 1 else "step"
    subprocess.run(["dotnet", "build", "-c", "Release", "bench/Descent.Bench", "-v", "q", "-nologo"], check=True, cwd=root,
                   stdout=subprocess.DEVNULL)
    extra = sys.argv[2:]
    ours = lines(["dotnet", "bench/Descent.Bench/bin/Release/net10.0/Descent.Bench.dll", workload, *extra])
    # The sweep's PyTorch loop lives here (it reproduces Descent's validation split); the others in the shared reference.
    script = os.path.join(here, "torch_sweep.py") if workload == "sweep" else torch_script
    theirs = lines(["/usr/bin/python3", script, *([] if workload == "sweep" else [workload]), *extra])
    for line in ours + theirs:
        print(json.dumps(line))
    ref = {l["variant"]: l["seconds"] for l in theirs}
    for l in ours:
        if "seconds" not in l:
            continue
        # PyTorch's step variants are named '<optimizer>-single' and '<optimizer>-foreach'; take its faster form.
        candidates = [s for v, s in ref.items() if v == l["variant"] or v.startswith(l["variant"] + "-") or v == "torch-eager"]
        if workload == "sweep":
            # Same choices of learning rate, and the same test losses to float32 rounding?
            torch_line = next(t for t in theirs if t["variant"] == "torch-eager")
            same = all(l["chosen_lr"][k] == torch_line["chosen_lr"][k] for k in l["chosen_lr"])
            worst = max(abs(l["test_loss_mean"][k] - torch_line["test_loss_mean"][k]) for k in l["chosen_lr"])
            print(f"sweep {l['variant']}: {'the same' if same else 'DIFFERENT'} learning rates chosen as PyTorch's; "
                  f"test loss means differ by at most {worst:.3g}")
        if candidates:
            best = min(candidates)
            print(f"{workload} {l['variant']}: Descent {l['seconds']:.4g} s, PyTorch {best:.4g} s, "
                  f"Descent is {best / l['seconds']:.1f}x faster")

if __name__ == "__main__":
    main()
