#!/usr/bin/python3
"""PyTorch (CPU, eager) for the workloads of Descent's speed benchmarks that ../shared/bench/torch_reference.py lacks.

Needs Debian's python3-torch; run it with /usr/bin/python3. For matmul and wide, compare.py runs it on OpenBLAS
(Debian's libopenblas0-pthread, via LD_LIBRARY_PATH and OPENBLAS_CORETYPE), whose threads use every core.
Usage: torch_speed.py WORKLOAD
  many   : f = (x1 - 1)^2 + (x2 - 2)^2 + ... over n = 2,500 to 40,000 variables (constants i mod 10), Adam lr 0.1,
           float64: seconds per step (zero_grad, f, backward, step). 'torch-eager' builds the same graph Descent does
           (x[i] of one tensor, a chain of sums); 'torch-vectorised' is ((x - c)^2).sum() on the one tensor.
  vector : 1,000 Adam steps (lr 0.1, float64) on f = ((x - i)^2).sum() over one tensor x of 10,000 from zeros, i = 1..n:
           descent minimize's sum(i, 1, n, (x[i] - i)^2) on one tensor; f read each step, as Descent records it.
  matmul : C = A B for square float32 and float64 matrices of 256 to 2048: GFLOP/s, best of several products.
  wide   : torch_reference.py's mlp at widths 64, 256 and 1024 and batches 32 and 256, one epoch of 100,000 samples.
  blas   : which BLAS torch runs on (the libraries loaded, OpenBLAS's core type and threads).
Prints one JSON object per line: {"workload": ..., "variant": ..., "seconds": ..., ...}.
"""
import ctypes, json, sys, time, torch
import torch.utils.data as data


def emit(**fields):
    print(json.dumps(fields), flush=True)


def many_workload():
    for n in (2_500, 5_000, 10_000, 40_000):
        c = [float(i % 10) for i in range(1, n + 1)]
        ct = torch.tensor(c, dtype=torch.float64)
        for variant in ("torch-eager", "torch-vectorised"):
            x = torch.zeros(n, dtype=torch.float64, requires_grad=True)
            opt = torch.optim.Adam([x], lr=0.1)

            def step():
                opt.zero_grad()
                if variant == "torch-eager":
                    f = (x[0] - c[0]) ** 2
                    for i in range(1, n):
                        f = f + (x[i] - c[i]) ** 2
                else:
                    f = ((x - ct) ** 2).sum()
                f.backward()
                opt.step()

            t0 = time.perf_counter(); step(); first = time.perf_counter() - t0
            steps = max(2, min(20, int(4 / first)))
            t0 = time.perf_counter()
            for _ in range(steps):
                step()
            emit(workload="many", variant=variant, variables=n, seconds=(time.perf_counter() - t0) / steps)


def vector_workload():
    n, steps = 10_000, 1_000
    i = torch.arange(1, n + 1, dtype=torch.float64)

    def run():
        x = torch.zeros(n, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.Adam([x], lr=0.1)
        f = None
        # As Descent's run: f at the start and after each of the steps, steps updates.
        for k in range(steps + 1):
            opt.zero_grad()
            f = ((x - i) ** 2).sum()
            f.backward()
            value = f.item()
            if k < steps:
                opt.step()
        return value

    run()
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter(); final = run(); best = min(best, time.perf_counter() - t0)
    emit(workload="vector", variant="torch-eager", variables=n, steps=steps, seconds=best, seconds_per_step=best / steps, final_f=final)


def matmul_workload():
    for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
        for n in (64, 256, 512, 1024, 2048):
            g = torch.Generator().manual_seed(0)
            a = torch.randn(n, n, generator=g, dtype=dtype); b = torch.randn(n, n, generator=g, dtype=dtype)
            c = a @ b
            reps = max(3, int(2e9 / (2 * n ** 3)))
            best = float("inf")
            for _ in range(5):
                t0 = time.perf_counter()
                for _ in range(reps):
                    torch.matmul(a, b, out=c)
                best = min(best, (time.perf_counter() - t0) / reps)
            emit(workload="matmul", variant="torch-eager", dtype=name, size=n, seconds=best, gflops=2 * n ** 3 / best / 1e9)


def wide_workload():
    for width in (64, 256, 1024):
        for batch in (32, 256):
            torch.manual_seed(0)
            n = 100_000
            X = torch.rand(n, 2); Y = (X ** 2).sum(1, keepdim=True) + torch.randn(n, 1)
            loader = data.DataLoader(data.TensorDataset(X, Y), batch_size=batch, shuffle=True)
            model = torch.nn.Sequential(torch.nn.Linear(2, width), torch.nn.Tanh(), torch.nn.Linear(width, width), torch.nn.Tanh(),
                                        torch.nn.Linear(width, 1))
            opt = torch.optim.Adam(model.parameters(), lr=1e-3); mse = torch.nn.MSELoss()
            t0 = time.perf_counter()
            tot = 0.0
            for xb, yb in loader:
                opt.zero_grad(); l = mse(model(xb), yb); l.backward(); opt.step(); tot += l.item()
            emit(workload="wide", variant="torch-eager", width=width, batch=batch, seconds=time.perf_counter() - t0,
                 train_loss=tot / len(loader))


def blas_workload():
    torch.ones(8, 8) @ torch.ones(8, 8)
    libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l})
    core = config = None
    for lib in libs:
        if "openblas" in lib:
            so = ctypes.CDLL(lib)
            so.openblas_get_corename.restype = ctypes.c_char_p
            so.openblas_get_config.restype = ctypes.c_char_p
            core, config = so.openblas_get_corename().decode(), so.openblas_get_config().decode()
    emit(workload="blas", variant="torch-eager", libraries=libs, openblas_core=core, openblas_config=config,
         torch_threads=torch.get_num_threads(), build=[l.strip() for l in torch.__config__.show().splitlines() if "BLAS" in l])


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--threads" in args:
        torch.set_num_threads(int(args[args.index("--threads") + 1]))
    {"many": many_workload, "vector": vector_workload, "matmul": matmul_workload, "wide": wide_workload, "blas": blas_workload}[args[0]]()
