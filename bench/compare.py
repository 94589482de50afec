#!/usr/bin/python3
"""Runs a Descent benchmark and PyTorch's reference for the same workload, in one go, and prints the ratio.

Usage: /usr/bin/python3 bench/compare.py WORKLOAD      (WORKLOAD: step, seed or mlp)
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
    ours = lines(["dotnet", "bench/Descent.Bench/bin/Release/net10.0/Descent.Bench.dll", workload])
    theirs = lines(["/usr/bin/python3", torch_script, workload])
    for line in ours + theirs:
        print(json.dumps(line))
    ref = {l["variant"]: l["seconds"] for l in theirs}
    for l in ours:
        if "seconds" not in l:
            continue
        # PyTorch's step variants are named '<optimizer>-single' and '<optimizer>-foreach'; take its faster form.
        candidates = [s for v, s in ref.items() if v == l["variant"] or v.startswith(l["variant"] + "-") or v == "torch-eager"]
        if candidates:
            best = min(candidates)
            print(f"{workload} {l['variant']}: Descent {l['seconds']:.4g} s, PyTorch {best:.4g} s, "
                  f"Descent is {best / l['seconds']:.1f}x faster")

if __name__ == "__main__":
    main()
