"""Throughput of ``maniml.fit`` on a neural network against a bare NumPy backprop loop.

Run from the repository root::

    .venv/bin/python bench/bench_network.py              # about 10 s
    .venv/bin/python bench/bench_network.py --repeat 7   # more timings on a noisy machine

Both sides train a (2, 16, 16, 1) ReLU network with a sigmoid output (binary cross-entropy) on 500
samples of ``make_circles``, mini-batches of 32 (16 steps per epoch, the last of 20 samples) with
Adam at lr = 0.01 for 200 epochs (3 200 steps), from the same start and with the same shuffles:

* ``maniml.fit``  -- the whole call: validation, the loop (flat theta, the ``Adam`` rule,
  recording the parameters, gradient, rate and batch loss of every step), then the full-data
  loss of every one of the 3 201 rows, vectorised;
* ``bare NumPy``  -- what a person would write, recording nothing: a list of per-layer weight and
  bias arrays, forward and backward pass per batch, Adam updated in place per array.

Each timing is the best of ``--repeat`` (default 3) runs of ``time.perf_counter``, the two taking
turns. ``vs bare`` is this row's steps/s over the bare loop's (above 1: faster). The target is
``vs bare >= 0.8``; nothing is asserted. The table also times the part of ``fit`` after the loop
(the stacked full-data loss) alone, and the sanity line prints the largest difference between the
two final parameter vectors (the same steps, so it should be at rounding level).
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time
from pathlib import Path

import numpy as np
from scipy.special import expit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import maniml  # noqa: E402

N, HIDDEN, BATCH, EPOCHS, LR, SEED = 500, (16, 16), 32, 200, 0.01, 0
BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
TARGET = 0.8


def run_fit(net, X, y, init):
    opt = maniml.MiniBatchGD(LR, BATCH, rule="adam")
    traj = maniml.fit(net, X, y, opt, epochs=EPOCHS, seed=SEED, init=init)
    return traj.n_steps, traj.final


def run_bare(net, X, y, init):
    """Per-layer arrays, forward/backward per batch, in-place Adam; records nothing. Returns the
    steps taken and the final parameters packed like theta (each layer: bias, then weights)."""
    params = [p for W, b in net.layers(init) for p in (W, b)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    rng = np.random.default_rng(SEED)
    n, t = len(y), 0
    for _ in range(EPOCHS):
        perm = rng.permutation(n)
        for lo in range(0, n, BATCH):
            idx = perm[lo : lo + BATCH]
            xb, yb = X[idx], y[idx, None]
            W1, b1, W2, b2, W3, b3 = params
            a1 = np.maximum(xb @ W1 + b1, 0.0)
            a2 = np.maximum(a1 @ W2 + b2, 0.0)
            d3 = (expit(a2 @ W3 + b3) - yb) / len(idx)
            d2 = (d3 @ W3.T) * (a2 > 0.0)
            d1 = (d2 @ W2.T) * (a1 > 0.0)
            grads = (xb.T @ d1, d1.sum(0), a1.T @ d2, d2.sum(0), a2.T @ d3, d3.sum(0))
            t += 1
            c1, c2 = 1.0 - BETA1**t, 1.0 - BETA2**t
            for p, g, mp, vp in zip(params, grads, m, v, strict=True):
                mp *= BETA1
                mp += (1.0 - BETA1) * g
                vp *= BETA2
                vp += (1.0 - BETA2) * g * g
                p -= LR * (mp / c1) / (np.sqrt(vp / c2) + EPS)
    return t, np.concatenate(
        [np.concatenate([b, W.ravel()]) for W, b in zip(params[::2], params[1::2], strict=True)]
    )


def run_record(net, X, y, init, steps):
    """The part of fit after the loop: the full-data loss of every row (stack of thetas)."""
    rows = np.repeat(init[None], steps + 1, axis=0)
    net._loss(rows, X, y)
    return steps, init


def best_of(fn, repeat):
    times, out = [], None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    X, y = maniml.make_circles(n=N, seed=SEED)
    net = maniml.NeuralNetwork(HIDDEN, activation="relu")
    init = net.initial_params(2, seed=SEED)
    steps = EPOCHS * -(-N // BATCH)
    impls = {
        "maniml.fit": lambda: run_fit(net, X, y, init),
        "bare NumPy": lambda: run_bare(net, X, y, init),
        "fit's record (loss of every row)": lambda: run_record(net, X, y, init, steps),
    }
    run_fit(net, X, y, init)  # warm-up (imports, caches)
    results = {name: [np.inf, None] for name in impls}
    for _ in range(args.repeat):  # take turns, so that a burst of load hits all alike
        for name, fn in impls.items():
            seconds, out = best_of(fn, 1)
            if seconds < results[name][0]:
                results[name] = [seconds, out]

    print(f"maniml bench_network | Python {platform.python_version()} | NumPy {np.__version__}")
    print(
        f"(2, {HIDDEN[0]}, {HIDDEN[1]}, 1) ReLU net, {N} samples, batch {BATCH}, Adam lr={LR}, "
        f"{EPOCHS} epochs = {steps} steps; best of {args.repeat}\n"
    )
    print(
        f"{'implementation':<34} {'steps':>6} {'seconds':>9} {'steps/s':>10} {'vs bare':>8}  target"
    )
    bare_rate = steps / results["bare NumPy"][0]
    for name, (seconds, (taken, _)) in results.items():
        rate = taken / seconds
        ratio = rate / bare_rate
        target = ""
        if name == "maniml.fit":
            target = "PASS" if ratio >= TARGET else "MISS"
        elif name == "bare NumPy":
            target = "-"
        print(f"{name:<34} {taken:>6} {seconds:>9.4f} {rate:>10,.0f} {ratio:>7.2f}x  {target}")
    fit_ratio = (steps / results["maniml.fit"][0]) / bare_rate
    share = results["fit's record (loss of every row)"][0] / results["maniml.fit"][0]
    print(f"\nTarget: maniml.fit {fit_ratio:.2f}x the bare loop's steps/s (>= {TARGET})")
    print(f"fit's record after the loop is {share:.0%} of the fit's time")
    diff = np.abs(results["maniml.fit"][1][1] - results["bare NumPy"][1][1]).max()
    print(f"Sanity: max |theta_fit - theta_bare| after {steps} steps = {diff:.1e}")


if __name__ == "__main__":
    main()
