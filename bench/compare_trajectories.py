"""Check that ``fit`` and ``minimize`` give bit-identical trajectories to an older commit.

Run from the repository root::

    .venv/bin/python bench/compare_trajectories.py            # against main (git rev-parse main)
    .venv/bin/python bench/compare_trajectories.py --against b35fa90

The script exports the ``maniml`` package of the other commit with ``git archive`` into a temporary
directory, runs its own grid there in a subprocess (so both sides use this machine's NumPy and
BLAS), runs the same grid on the working tree, and compares every array with ``np.array_equal``
and every setting the old run recorded. The grid crosses models x batchings x rules x schedules x
clipping x early stopping for ``fit`` (plus max_steps, init, 1-D X, long plain SGD through the
block path, diverging runs) and rules x schedules x clipping x early stopping for ``minimize``.
It prints the number of cases and every mismatch; the exit status is 1 on any mismatch.

The grid uses only the API both commits have, so it runs on the old code unchanged.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
ARRAYS = ("params", "loss", "batch_loss", "grads", "lr", "epoch")


def _cases():
    """Yield ``(name, thunk)`` for every run of the grid."""
    import maniml as m

    rng = np.random.default_rng(0)
    X = rng.normal(size=(23, 2))
    y_reg = 0.5 + X @ [1.0, -2.0] + 0.3 * rng.normal(size=23)
    y_cls = (X @ [1.0, -1.0] + 0.5 * rng.normal(size=23) > 0).astype(float)
    models = {
        "lin": (m.LinearRegression(), y_reg),
        "lin_l2": (m.LinearRegression(l2=0.1), y_reg),
        "log": (m.LogisticRegression(), y_cls),
        "log_l2": (m.LogisticRegression(l2=0.1), y_cls),
    }
    batchings = {
        "bgd": lambda lr, **kw: m.BGD(lr, **kw),
        "sgd": lambda lr, **kw: m.SGD(lr, **kw),
        "mb5": lambda lr, **kw: m.MiniBatchGD(lr, 5, **kw),
        "mb23": lambda lr, **kw: m.MiniBatchGD(lr, 23, **kw),
    }
    rules = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
    schedules = [None, "step", "exponential", "invscaling"]
    clips = {"noclip": {}, "cv": {"clip_value": 0.5}, "cn": {"clip_norm": 0.7}}
    stops = {"nostop": {}, "tol": {"tol": 1e-2, "n_iter_no_change": 2}}
    for mname, (model, y) in models.items():
        for bname, make in batchings.items():
            for rule in rules:
                for sched in schedules:
                    for cname, clip in clips.items():
                        for sname, stop in stops.items():
                            opt = make(0.05, rule=rule, schedule=sched, **clip, **stop)
                            name = f"fit/{mname}/{bname}/{rule}/{sched}/{cname}/{sname}"
                            yield (
                                name,
                                lambda model=model, y=y, opt=opt: m.fit(
                                    model, X, y, opt, epochs=6, seed=3
                                ),
                            )
    for mname, (model, y) in models.items():
        for bname, make in batchings.items():
            yield (
                f"fit/{mname}/{bname}/max_steps",
                lambda model=model, y=y, make=make: m.fit(
                    model, X, y, make(0.1), epochs=5, seed=1, max_steps=7
                ),
            )
            yield (
                f"fit/{mname}/{bname}/init",
                lambda model=model, y=y, make=make: m.fit(
                    model, X, y, make(0.1, rule="momentum"), epochs=2, seed=2, init=[0.3, -0.2, 0.1]
                ),
            )
    x1 = np.linspace(-2.0, 2.0, 23)
    for bname, make in batchings.items():
        yield (
            f"fit/1d/{bname}",
            lambda make=make: m.fit(
                m.LinearRegression(), x1, 1.0 - 2.0 * x1, make(0.05), epochs=4, seed=0
            ),
        )
    # plain SGD at a constant rate: the block path (squared error) and the Python-float path
    Xl = rng.normal(size=(400, 4))
    yl = Xl @ [1.0, -2.0, 0.5, 3.0] + 0.7 + 0.1 * rng.normal(size=400)
    for d in (1, 4):
        yield (
            f"fit/sgd_fast/lin/{d}",
            lambda d=d: m.fit(m.LinearRegression(), Xl[:, :d], yl, m.SGD(0.02), epochs=3, seed=4),
        )
        yield (
            f"fit/sgd_fast/log/{d}",
            lambda d=d: m.fit(
                m.LogisticRegression(),
                Xl[:, :d],
                (yl > 0).astype(float),
                m.SGD(0.1),
                epochs=3,
                seed=4,
            ),
        )
    # diverging runs: BGD, SGD (block path and general loop), mini-batch
    Xd = 3.0 * X
    for bname, make in batchings.items():
        yield (
            f"fit/diverge/{bname}",
            lambda make=make: m.fit(m.LinearRegression(), Xd, y_reg, make(2.0), epochs=300, seed=0),
        )
        yield (
            f"fit/diverge/{bname}/adam",
            lambda make=make: m.fit(
                m.LinearRegression(), Xd, y_reg, make(2.0, rule="momentum"), epochs=300, seed=0
            ),
        )
    for obj in (m.Bowl(), m.Rosenbrock(), m.Beale(), m.Saddle(), m.Parabola()):
        for rule in rules:
            for sched in schedules:
                for cname, clip in clips.items():
                    for sname, stop in stops.items():
                        opt = m.BGD(1e-3, rule=rule, schedule=sched, **clip, **stop)
                        name = f"min/{type(obj).__name__}/{rule}/{sched}/{cname}/{sname}"
                        yield name, lambda obj=obj, opt=opt: m.minimize(obj, None, opt, steps=60)
        yield (
            f"min/{type(obj).__name__}/diverge",
            lambda obj=obj: m.minimize(obj, None, m.BGD(5.0), steps=200),
        )


def run_grid(out: Path) -> int:
    """Run every case and save its arrays, flags and settings to ``out`` (.npz)."""
    arrays: dict[str, np.ndarray] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # diverging cases warn in newer code
        for i, (name, thunk) in enumerate(_cases()):
            t = thunk()
            for key in ARRAYS:
                arrays[f"{i}/{key}"] = getattr(t, key)
            arrays[f"{i}/flat"] = t.batch_indices.flat
            arrays[f"{i}/offsets"] = t.batch_indices.offsets
            meta = {
                "name": name,
                "full_n": t.batch_indices.full_n,
                "flags": [t.diverged, t.diverged_step, t.stopped_early],
                "settings": t.settings,
            }
            arrays[f"{i}/meta"] = np.array(json.dumps(meta))
    np.savez(out, **arrays)
    return len(arrays) // (len(ARRAYS) + 3)


def _contains(new, old) -> bool:
    """``new`` holds everything ``old`` does (dicts may gain keys: new settings are allowed)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            k in new and _contains(new[k], v) for k, v in old.items()
        )
    return new == old


def compare(old: Path, new: Path) -> list[str]:
    """Every difference between two grid files (empty when bit-identical)."""
    problems = []
    with np.load(old) as a, np.load(new) as b:
        if sorted(a.files) != sorted(b.files):
            return ["the two grids hold different cases"]
        n = sum(1 for k in a.files if k.endswith("/meta"))
        for i in range(n):
            meta_a, meta_b = json.loads(str(a[f"{i}/meta"])), json.loads(str(b[f"{i}/meta"]))
            name = meta_a["name"]
            for key in (*ARRAYS, "flat", "offsets"):
                if not np.array_equal(a[f"{i}/{key}"], b[f"{i}/{key}"]):
                    problems.append(f"{name}: {key} differs")
            for key in ("full_n", "flags"):
                if meta_a[key] != meta_b[key]:
                    problems.append(f"{name}: {key} {meta_a[key]} != {meta_b[key]}")
            if not _contains(meta_b["settings"], meta_a["settings"]):
                problems.append(f"{name}: settings differ")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="commit to compare with (default main)")
    parser.add_argument("--save", type=Path, help="only run the grid here and save it to SAVE")
    args = parser.parse_args()
    if args.save:
        print(run_grid(args.save), "cases saved to", args.save)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        archive = subprocess.run(
            ["git", "archive", args.against, "maniml"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
        old, new = tmp / "old.npz", tmp / "new.npz"
        env_code = (
            f"import sys; sys.path.insert(0, {str(tmp)!r}); sys.path.insert(1, {str(ROOT)!r}); "
            f"import maniml; assert maniml.__file__.startswith({str(tmp)!r}); "
            f"from bench.compare_trajectories import run_grid; run_grid(__import__('pathlib')"
            f".Path({str(old)!r}))"
        )
        subprocess.run([sys.executable, "-c", env_code], check=True, cwd=tmp)
        cases = run_grid(new)
        problems = compare(old, new)
    print(f"{cases} cases compared against {args.against}: {len(problems)} mismatches")
    for p in problems[:50]:
        print("  ", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
