"""Trajectory: batch indices, frame rows, and the .npz round trip with its error cases."""

from __future__ import annotations

import gc
import re
import warnings

import numpy as np
import pytest

from maniml import (
    BGD,
    SGD,
    BatchIndices,
    Bowl,
    DivergenceWarning,
    LinearRegression,
    LogisticRegression,
    MiniBatchGD,
    Trajectory,
    fit,
    minimize,
)

ARRAYS = ("params", "loss", "batch_loss", "grads", "lr", "epoch")


def data(n=10, d=2, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, 1.0 + X @ np.arange(1.0, d + 1.0)


def assert_same(a: Trajectory, b: Trajectory) -> None:
    for name in ARRAYS:
        got, want = getattr(b, name), getattr(a, name)
        assert np.array_equal(got, want) and got.dtype == want.dtype, name
    assert np.array_equal(a.batch_indices.flat, b.batch_indices.flat)
    assert np.array_equal(a.batch_indices.offsets, b.batch_indices.offsets)
    assert a.batch_indices.full_n == b.batch_indices.full_n
    assert [x.tolist() for x in a.batch_indices] == [x.tolist() for x in b.batch_indices]
    assert (a.diverged, a.diverged_step, a.stopped_early) == (
        b.diverged,
        b.diverged_step,
        b.stopped_early,
    )
    assert a.settings == b.settings
    for name in ("X", "y"):
        if getattr(a, name) is None:
            assert getattr(b, name) is None
        else:
            assert np.array_equal(getattr(a, name), getattr(b, name))


# -- BatchIndices --------------------------------------------------------------------------------
def test_batch_indices_entries_slices_and_sizes():
    b = BatchIndices(np.array([4, 1, 3, 0, 2, 5]), np.array([0, 2, 3, 6]))
    assert len(b) == 3 and not b.is_full
    assert [x.tolist() for x in b] == [[4, 1], [3], [0, 2, 5]]
    assert b[-1].tolist() == [0, 2, 5]
    assert [x.tolist() for x in b[1:]] == [[3], [0, 2, 5]]
    assert b.sizes().tolist() == [2, 1, 3]
    t = b.truncated(2)
    assert len(t) == 2 and [x.tolist() for x in t] == [[4, 1], [3]]
    with pytest.raises(IndexError):
        b[3]


def test_full_batch_indices():
    b = BatchIndices.full(4, steps=3)
    assert b.is_full and len(b) == 3
    assert all(x.tolist() == [0, 1, 2, 3] for x in b)
    assert b.sizes().tolist() == [4, 4, 4]
    assert len(b.truncated(1)) == 1 and b.truncated(1).is_full


def test_frame_rows_spread_over_the_run():
    t = minimize(Bowl(), None, BGD(0.1), steps=10)
    assert t.n_steps == 10 and np.array_equal(t.final, t.params[-1])
    assert t.frame_rows(3).tolist() == [0, 5, 10]
    assert t.frame_rows(11).tolist() == list(range(11))
    assert t.frame_rows(50).tolist() == list(range(11))  # never more rows than exist
    assert t.frame_rows(1).tolist() == [0]


# -- save / load round trip ----------------------------------------------------------------------
def runs():
    X, y = data()
    yc = (y > 1.0).astype(float)
    return {
        "sgd": fit(LinearRegression(), X, y, SGD(0.05, rule="adam"), epochs=2, seed=3),
        "minibatch-l2": fit(
            LogisticRegression(l2=0.1),
            X,
            yc,
            MiniBatchGD(0.1, 3, schedule="invscaling", clip_norm=1.0),
            epochs=2,
            seed=1,
            init=[0.1, 0.2, 0.3],
        ),
        "bgd": fit(LinearRegression(), X, y, BGD(0.1), epochs=5),
        "diverged": diverged(lambda: fit(LinearRegression(), 3 * X, y, BGD(3.0), epochs=1000)),
        "stopped": fit(LinearRegression(), X, y, BGD(0.1, tol=1e-3), epochs=1000),
        "minimize": minimize(Bowl(), None, BGD(0.1, rule="momentum"), steps=7),
        "minimize-diverged": diverged(lambda: minimize(Bowl(), None, BGD(5.0), steps=1000)),
    }


def diverged(run):
    """A run that diverges on purpose, and says so."""
    with pytest.warns(DivergenceWarning):
        return run()


RUNS = runs()


@pytest.mark.parametrize("name", list(RUNS))
def test_save_load_round_trip(name, tmp_path):
    t = RUNS[name]
    path = t.save(tmp_path / "run.npz")
    assert path.is_file()
    assert_same(t, Trajectory.load(path))
    assert_same(t, Trajectory.load(str(path)))


def test_round_trip_keeps_the_flags():
    assert RUNS["diverged"].diverged and RUNS["diverged"].diverged_step is not None
    assert RUNS["minimize-diverged"].diverged
    assert RUNS["stopped"].stopped_early
    assert RUNS["minimize"].X is None


def test_save_writes_exactly_the_given_path(tmp_path):
    path = RUNS["minimize"].save(tmp_path / "no_suffix")
    assert path == tmp_path / "no_suffix" and path.is_file()
    assert_same(RUNS["minimize"], Trajectory.load(path))


# -- load errors ---------------------------------------------------------------------------------
def test_load_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no file at"):
        Trajectory.load(tmp_path / "nope.npz")


NOT_OURS = (
    "The 'path' parameter of Trajectory.load must name a .npz file written by Trajectory.save; "
)


def load_refused(path) -> str:
    """Load ``path``, which must fail; return the message. Warnings are errors, and a file left
    open (a ResourceWarning when it is collected) fails the test too."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError) as info:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                Trajectory.load(path)
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)], caught
    message = str(info.value)
    assert "allow_pickle" not in message and "pickle.load" not in message, message
    return message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a .npz file"),
        (b"not a zip file at all\n" * 20, "not a .npz file"),
        (bytes(np.random.default_rng(0).integers(0, 256, 300, dtype=np.uint8)), "not a .npz file"),
        (b"PK\x03\x04 truncated", "a damaged .npz file: "),
    ],
    ids=["empty", "text", "random-bytes", "zip-head"],
)
def test_load_a_file_that_is_not_a_trajectory(tmp_path, content, reason):
    path = tmp_path / "bad.npz"
    path.write_bytes(content)
    message = load_refused(path)
    assert message.startswith(NOT_OURS + f"{path} is not a maniml trajectory ({reason}"), message


def test_load_truncated_and_corrupted_npz_closes_the_file(tmp_path):
    good = RUNS["sgd"].save(tmp_path / "good.npz").read_bytes()
    cut = tmp_path / "cut.npz"
    cut.write_bytes(good[: len(good) // 2])
    assert "is not a maniml trajectory (a damaged .npz file: " in load_refused(cut)
    flipped = bytearray(good)
    flipped[60:200] = b"x" * 140  # inside the first member's compressed data
    bad = tmp_path / "flipped.npz"
    bad.write_bytes(bytes(flipped))
    assert "is not a maniml trajectory (a damaged .npz file: " in load_refused(bad)


def test_load_a_plain_npy_file(tmp_path):
    path = tmp_path / "array.npz"
    with open(path, "wb") as fh:
        np.save(fh, np.zeros(3))
    assert load_refused(path).endswith("is not a maniml trajectory (a .npy array).")


def test_load_an_npz_of_python_objects_says_so_without_suggesting_pickle(tmp_path):
    path = tmp_path / "objects.npz"
    np.savez(path, params=np.array([{"a": 1}], dtype=object))
    assert load_refused(path).endswith(
        "is not a maniml trajectory (it holds Python objects, which Trajectory.save never writes)."
    )


def test_load_an_npz_of_other_arrays(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, a=np.arange(3))
    assert "is not a maniml trajectory (it lacks format, params, loss" in load_refused(path)


def rewrite(tmp_path, change, base="sgd"):
    """Save a run, change its arrays, write them back; return the new path."""
    src = RUNS[base].save(tmp_path / "src.npz")
    with np.load(src) as f:
        arrays = {k: f[k] for k in f.files}
    change(arrays)
    path = tmp_path / "changed.npz"
    np.savez(path, **arrays)
    return path


@pytest.mark.parametrize("key", ["params", "grads", "settings", "batch_offsets", "diverged"])
def test_load_npz_missing_keys(tmp_path, key):
    path = rewrite(tmp_path, lambda a: a.pop(key))
    with pytest.raises(ValueError, match=rf"written by Trajectory.save; .* \(it lacks {key}"):
        Trajectory.load(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda a: a.update(grads=a["grads"][:, :2]),
            r"grads has shape \(20, 2\), expected \(20, 3\)",
        ),
        (lambda a: a.update(loss=a["loss"][:-1]), r"loss has shape \(20,\), expected \(21,\)"),
        (lambda a: a.update(lr=a["lr"][:-1]), r"lr has shape"),
        (lambda a: a.update(epoch=a["epoch"][1:]), r"epoch has shape"),
        (lambda a: a.update(params=a["params"][0]), r"params has shape \(3,\)"),
        (
            lambda a: a.update(batch_offsets=a["batch_offsets"][:-1]),
            r"batch_indices has 19 entries",
        ),
        (
            lambda a: a.update(batch_offsets=a["batch_offsets"][::-1].copy()),
            "batch_offsets must rise",
        ),
        (lambda a: a.update(batch_flat=a["batch_flat"] + 10), r"sample indices outside \[0, 9\]"),
        (lambda a: a.update(X=a["X"][:4]), r"X has shape \(4, 2\) and y \(10,\)"),
        (lambda a: a.update(X=a["X"][:, :1]), "X has 1 features but params has 3 columns"),
        (lambda a: a.pop("y"), "only one of X and y"),
        (lambda a: a.update(settings=np.array("[1, 2]")), "settings is a list"),
        (lambda a: a["params"].__setitem__((3, 1), np.nan), "params or loss hold NaN or inf"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_load_inconsistent_shapes(tmp_path, change, message):
    path = rewrite(tmp_path, change)
    with pytest.raises(ValueError, match=r"must name a consistent trajectory; in .*" + message):
        Trajectory.load(path)


@pytest.mark.parametrize(
    "change",
    [
        lambda a: a.update(settings=np.array("{not json")),
        lambda a: a.update(params=np.array([["a", "b", "c"]] * 21)),
        lambda a: a.update(diverged=np.array([True, False])),
        lambda a: a.update(batch_full_n=np.arange(3)),
    ],
    ids=["json", "strings", "flag-array", "full-n-array"],
)
def test_load_malformed_entries(tmp_path, change):
    path = rewrite(tmp_path, change)
    with pytest.raises(ValueError, match=r"written by Trajectory.save; .* holds a malformed entry"):
        Trajectory.load(path)


# -- repr ----------------------------------------------------------------------------------------
def test_repr_is_one_line_summary():
    X, y = data(n=200, d=3)
    t = fit(LinearRegression(), X, y, MiniBatchGD(0.05, 16, rule="momentum"), epochs=50, seed=0)
    text = repr(t)
    assert "\n" not in text and len(text) < 150, text
    assert text == (
        f"Trajectory(650 steps of Mini-batch GD (16) + Momentum on LinearRegression; 4 params; "
        f"loss {t.loss[0]:.4g} -> {t.loss[-1]:.4g})"
    )
    m = minimize(Bowl(), [0.0, 0.0], BGD(0.1), steps=5)
    assert repr(m) == f"Trajectory(5 steps of BGD on Bowl; 2 params; loss 5 -> {m.loss[-1]:.4g})"


def test_repr_says_diverged_and_stopped_early():
    X, y = data(n=10, d=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a diverging fit may warn; the repr is the subject here
        t = fit(LinearRegression(), X * 100, y, BGD(10.0), epochs=500)
    assert t.diverged
    assert repr(t).endswith(f"; diverged at step {t.diverged_step})")
    t = fit(LinearRegression(), X, y, BGD(0.1, tol=1e-3, n_iter_no_change=2), epochs=500)
    assert t.stopped_early and repr(t).endswith("; stopped early)")


def test_validation_rows_and_best_step_round_trip(tmp_path):
    X, y = data()
    t = fit(LinearRegression(), X, y, MiniBatchGD(0.05, 3), epochs=3, seed=0, validation=(X, y))
    back = Trajectory.load(t.save(tmp_path / "run.npz"))
    assert_same(t, back)
    assert np.array_equal(back.val_loss, t.val_loss) and back.best_step == t.best_step
    assert RUNS["minimize"].best_step == int(np.argmin(RUNS["minimize"].loss))


def test_files_without_validation_rows_load_with_none(tmp_path):
    path = RUNS["sgd"].save(tmp_path / "run.npz")
    with np.load(path) as f:
        arrays = {k: f[k] for k in f.files if k not in ("val_loss", "best_step")}
    np.savez(tmp_path / "old.npz", **arrays)
    old = Trajectory.load(tmp_path / "old.npz")
    assert old.val_loss is None and old.best_step is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"val_loss": np.zeros(3)}, "val_loss has shape (3,), expected"),
        ({"best_step": np.array(10_000)}, "best_step is 10000, expected a row in [0, "),
    ],
)
def test_load_inconsistent_validation_rows(tmp_path, change, message):
    path = RUNS["sgd"].save(tmp_path / "run.npz")
    with np.load(path) as f:
        arrays = {k: f[k] for k in f.files}
    arrays.update(change)
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ValueError, match=re.escape(message)):
        Trajectory.load(tmp_path / "bad.npz")
