#!/usr/bin/python3
"""Whole-process times of everyday descent commands: the JIT build against the Native AOT build, beside PyTorch scripts
doing the same as whole processes. Each command runs --runs times (default 5) after one untimed run; prints the
median and the range of the wall-clock time, and the median CPU time (user + system, all threads: on a busy machine
it moves less than the wall clock), as JSON lines and a table.

Usage: /usr/bin/python3 bench/startup.py [--runs N]
Builds src/Descent.Cli in Release (the JIT build, run through its apphost as the installed tool runs) and publishes
it with Native AOT (Properties/PublishProfiles/native.pubxml; needs clang, else the AOT column is
left out). PyTorch needs Debian's python3-torch (and python3-matplotlib for the demo); its scripts are the tutorial's
(../shared/seed/reference.py for the demo).
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
cli = os.path.join(root, "src", "Descent.Cli")
jit = os.path.join(cli, "bin", "Release", "net10.0", "Descent.Cli")
aot = os.path.join(cli, "bin", "native", "Descent.Cli")
torch_reference = os.path.join(root, "..", "shared", "bench", "torch_reference.py")
tutorial = os.path.join(root, "..", "shared", "seed", "reference.py")

# The tutorial's first descent, as a PyTorch script: the same 100 steps of gradient descent.
torch_minimize = """
import torch
x = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
for i in range(100):
    y = x**2 + 4*x + 1; y.backward()
    with torch.no_grad():
        x -= 0.7 * x.grad; x.grad.zero_()
print(x.item())
"""

commands = {
    "minimize": ["minimize", "x^2 + 4*x + 1", "--from", "x=2", "--optimizer", "sgd(lr=0.7)", "--steps", "100"],
    "train": ["train", "--out", "train"],
    "demo": ["demo", "--out", "demo"],
}
torch_commands = {
    "minimize": ["/usr/bin/python3", "-c", torch_minimize],
    "train": ["/usr/bin/python3", torch_reference, "seed"],
    "demo": ["/usr/bin/python3", tutorial],
}


def timed(cmd, runs, cwd):
    """Wall-clock seconds and CPU seconds (user + system, the process and its threads) of each run."""
    run_once(cmd, cwd)  # warm the file cache
    return [run_once(cmd, cwd) for _ in range(runs)]


def run_once(cmd, cwd):
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime


def main():
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    subprocess.run(["dotnet", "build", "-c", "Release", cli, "-v", "q", "-nologo"], check=True, stdout=subprocess.DEVNULL)
    builds = {"jit": jit}
    if shutil.which("clang"):
        subprocess.run(["dotnet", "publish", cli, "-p:PublishProfile=native", "-v", "q", "-nologo"], check=True, stdout=subprocess.DEVNULL)
        builds["aot"] = aot
    else:
        print("warning: no clang, so no Native AOT build (apt-get install -y clang)", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for name, args in commands.items():
            for build, binary in builds.items():
                rows.append((name, build, timed([binary, *args], runs, work)))
            try:
                rows.append((name, "pytorch", timed(torch_commands[name], runs, work)))
            except (OSError, subprocess.CalledProcessError) as e:
                print(f"warning: no PyTorch time for {name} ({e}); it needs python3-torch and, for the demo, python3-matplotlib",
                      file=sys.stderr)
    for name, variant, runs_ in rows:
        wall, cpu = [w for w, _ in runs_], [c for _, c in runs_]
        print(json.dumps({"workload": "startup", "variant": variant, "command": name, "runs": len(runs_),
                          "seconds": statistics.median(wall), "min": min(wall), "max": max(wall),
                          "cpu_seconds": statistics.median(cpu), "cpu_min": min(cpu), "cpu_max": max(cpu)}))
    print(f"{'command':<10}{'build':<9}{'median':>9}{'min':>9}{'max':>9}{'cpu median':>12}")
    for name, variant, runs_ in rows:
        wall, cpu = [w for w, _ in runs_], [c for _, c in runs_]
        print(f"{name:<10}{variant:<9}{statistics.median(wall):>8.3f}s{min(wall):>8.3f}s{max(wall):>8.3f}s"
              f"{statistics.median(cpu):>11.3f}s")

if __name__ == "__main__":
    main()
