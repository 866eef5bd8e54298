#!/usr/bin/env python3
"""bench/ref.py: the reference side of make bench (issue 15).

ref.py ROW REPS times, with what a student would otherwise use (PyTorch in
float64, POT, SciPy, NumPy), the operation of one row of bench/bench.c: two
untimed runs, then REPS timed ones; prints the median time of one in seconds.
Threads: MDL_BENCH_THREADS (torch.set_num_threads); the BLAS variables are
set by bench/run.sh.
"""
import os
import sys
import time

import numpy as np

row, reps = sys.argv[1], max(1, int(sys.argv[2]))
threads = int(os.environ.get("MDL_BENCH_THREADS", "1"))
rng = np.random.default_rng(20240601)
NPAR = 269322


def torch_setup():
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(20240601)
    return torch


def mlp(kind):
    torch = torch_setup()
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10)).double()
    X = torch.randn(3200, 784, dtype=torch.float64)
    y = torch.randint(0, 10, (3200,))
    if kind == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    state = {"b": 0}

    def op():
        b = state["b"] % 50
        state["b"] += 1
        opt.zero_grad()
        loss = loss_fn(model(X[b * 64:(b + 1) * 64]), y[b * 64:(b + 1) * 64])
        loss.backward()
        opt.step()
    return op


def step(kind):
    torch = torch_setup()
    p = torch.nn.Parameter(torch.randn(NPAR, dtype=torch.float64) * 0.05)
    p.grad = torch.randn(NPAR, dtype=torch.float64) * 1e-3
    if kind == "adam":
        opt = torch.optim.Adam([p], lr=1e-3)
    else:
        opt = torch.optim.SGD([p], lr=1e-3)
    return opt.step


def ot_row(n, squared):
    import ot
    x, y = rng.random((n, 2)), rng.random((n, 2))
    M = ot.dist(x, y, metric="sqeuclidean" if squared else "euclidean")
    a = np.full(n, 1.0 / n)
    b = np.full(n, 1.0 / n)
    return lambda: ot.emd(a, b, M)


def prob():
    p, q = rng.random(1000000), rng.random(1000000)
    return p / p.sum(), q / q.sum()


def make(row):
    if row in ("mlp-sgd", "mlp-gd"):
        return mlp("sgd")
    if row == "mlp-adam":
        return mlp("adam")
    if row == "adam-step":
        return step("adam")
    if row == "gd-step":
        return step("gd")
    if row.startswith("ot-euclid-"):
        return ot_row(int(row.split("-")[-1]), False)
    if row.startswith("ot-sqeuclid-"):
        return ot_row(int(row.split("-")[-1]), True)
    if row == "w1-line":
        from scipy.stats import wasserstein_distance
        x = rng.normal(0, 1, 1000000)
        y = 0.5 + rng.normal(0, 1.5, 1000000)
        return lambda: wasserstein_distance(x, y)
    if row == "kl":
        from scipy.special import rel_entr
        p, q = prob()
        return lambda: rel_entr(p, q).sum()
    if row == "js":
        from scipy.spatial.distance import jensenshannon
        p, q = prob()
        return lambda: jensenshannon(p, q) ** 2
    if row == "tv":
        p, q = prob()
        return lambda: 0.5 * np.abs(p - q).sum()
    if row == "conv":
        torch = torch_setup()
        X = torch.randn(64, 32, 32, 32, dtype=torch.float64, requires_grad=True)
        W = (0.1 * torch.randn(32, 32, 3, 3, dtype=torch.float64)).requires_grad_()
        bias = torch.zeros(32, dtype=torch.float64, requires_grad=True)
        dY = torch.randn(64, 32, 32, 32, dtype=torch.float64)

        def op():
            Y = torch.nn.functional.conv2d(X, W, bias, padding=1)
            Y.backward(dY)
        return op
    if row == "lstm":
        torch = torch_setup()
        lstm = torch.nn.LSTM(128, 256).double()
        X = (torch.rand(50, 32, 128, dtype=torch.float64) - 0.5).requires_grad_()
        dH = torch.rand(50, 32, 256, dtype=torch.float64) - 0.5

        def op():
            H, _ = lstm(X)
            H.backward(dH)
        return op
    sys.exit("ref.py: no reference for row " + row)


op = make(row)
times = []
for k in range(reps + 2):
    t0 = time.perf_counter()
    op()
    t1 = time.perf_counter()
    if k >= 2:
        times.append(t1 - t0)
times.sort()
print("%.6e" % times[len(times) // 2])
