"""The record of one optimisation run, the only thing scenes read; saved and loaded as ``.npz``."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ._typing import FloatArray, IntArray

__all__ = ["BatchIndices", "Trajectory"]

_FORMAT = 1
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a .npz is a zip archive (the second: empty)


def _read_npz(path: Path) -> tuple[dict[str, Any], str | None]:
    """The arrays of a ``.npz`` file, or ``({}, why not)``; the file is closed in every case."""
    with open(path, "rb") as fh:
        head = fh.read(6)
        if head[:4] not in _ZIP_MAGIC:
            kind = "a .npy array" if head == b"\x93NUMPY" else "not a .npz file"
            return {}, kind
        fh.seek(0)
        try:
            with np.load(fh, allow_pickle=False) as data:
                return {key: data[key] for key in data.files}, None
        except ValueError as exc:
            if "pickle" in str(exc):  # object arrays: Trajectory.save never writes them
                return {}, "it holds Python objects, which Trajectory.save never writes"
            return {}, f"a damaged .npz file: {exc}"
        except Exception as exc:  # zipfile.BadZipFile, zlib.error, OSError, EOFError ...
            return {}, f"a damaged .npz file: {exc}"


class BatchIndices(Sequence):
    """The sample indices each step used, stored flat: ``self[k]`` is step ``k``'s batch.

    A full-batch run stores nothing per step: each entry is ``arange(n)``.

    Examples
    --------
    >>> import numpy as np
    >>> b = BatchIndices(np.array([4, 1, 3]), np.array([0, 2, 3]))
    >>> len(b), b[0], b[1]
    (2, array([4, 1]), array([3]))
    >>> BatchIndices.full(3, steps=2)[1]
    array([0, 1, 2])
    """

    def __init__(self, flat: IntArray, offsets: IntArray, full_n: int = 0) -> None:
        self.flat = np.asarray(flat, dtype=np.intp)
        self.offsets = np.asarray(offsets, dtype=np.intp)
        self.full_n = int(full_n)

    @classmethod
    def full(cls, n: int, steps: int) -> BatchIndices:
        """Every one of ``steps`` steps used all ``n`` samples."""
        return cls(np.empty(0, np.intp), np.zeros(steps + 1, np.intp), full_n=n)

    @property
    def is_full(self) -> bool:
        """True when every step used the whole data set."""
        return self.full_n > 0

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        k = range(len(self))[k]
        if self.is_full:
            return np.arange(self.full_n)
        return self.flat[self.offsets[k] : self.offsets[k + 1]]

    def truncated(self, steps: int) -> BatchIndices:
        """The first ``steps`` entries."""
        if self.is_full:
            return BatchIndices.full(self.full_n, steps)
        offsets = self.offsets[: steps + 1]
        return BatchIndices(self.flat[: offsets[-1]], offsets)

    def sizes(self) -> IntArray:
        """Number of samples in each step's batch."""
        if self.is_full:
            return np.full(len(self), self.full_n)
        return np.diff(self.offsets)


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Parameters, losses and batches of an optimisation run, one row per step.

    With ``S`` steps taken and ``P`` parameters:

    Attributes
    ----------
    params : ndarray, shape (S + 1, P)
        Row 0 is the starting point; row ``k`` the parameters after ``k`` steps.
    loss : ndarray, shape (S + 1,)
        Full-data loss (or objective value) at each row of ``params``.
    batch_loss : ndarray, shape (S,)
        Loss on the batch that step ``k`` used, at ``params[k]`` (before the step).
    grads : ndarray, shape (S, P)
        Gradient that step ``k`` computed (before clipping). The step taken is
        ``params[k + 1] - params[k]``.
    lr : ndarray, shape (S,)
        Learning rate of each step.
    epoch : ndarray, shape (S + 1,)
        Epoch of each row: 0 for the start, ``e`` (from 1) for rows made in epoch ``e``.
    batch_indices : BatchIndices
        ``batch_indices[k]`` is the array of sample indices step ``k`` used.
    diverged : bool
        True when a step produced a non-finite loss or parameters; the run stopped there and the
        arrays end at the last finite row.
    diverged_step : int or None
        The step (counting from 1) whose result was non-finite.
    stopped_early : bool
        True when early stopping (``tol``) ended the run.
    settings : dict
        How the run was made: model, optimiser, epochs, seed, data shape.
    X, y : ndarray or None
        The data the run was fitted on (``None`` for :func:`~maniml.minimize`).
    val_loss : ndarray, shape (S + 1,), or None
        Loss on the validation set at each row (``fit(..., validation=...)``), else ``None``.
    best_step : int or None
        The row with the lowest monitored loss (``loss``, or ``val_loss`` when
        ``fit(..., monitor="val_loss")``); ``params[best_step]`` are the best parameters seen.
    """

    params: FloatArray
    loss: FloatArray
    batch_loss: FloatArray
    grads: FloatArray
    lr: FloatArray
    epoch: IntArray
    batch_indices: BatchIndices
    diverged: bool = False
    diverged_step: int | None = None
    stopped_early: bool = False
    settings: dict[str, Any] = field(default_factory=dict)
    X: FloatArray | None = None
    y: FloatArray | None = None
    val_loss: FloatArray | None = None
    best_step: int | None = None

    def __repr__(self) -> str:
        """One line: the steps and how they were made, the loss first -> last, how it ended.

        Examples
        --------
        >>> import maniml
        >>> maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=100)
        Trajectory(100 steps of BGD on Bowl; 2 params; loss 5 -> ...)
        """
        s = self.settings
        head = f"{self.n_steps} steps"
        if s.get("label"):
            head += f" of {s['label']}"
        if s.get("model") or s.get("objective"):
            head += f" on {s.get('model') or s.get('objective')}"
        parts = [head, f"{self.params.shape[-1]} params"]
        if len(self.loss):
            parts.append(f"loss {self.loss[0]:.4g} -> {self.loss[-1]:.4g}")
        if self.diverged:
            parts.append(f"diverged at step {self.diverged_step}")
        if self.stopped_early:
            parts.append("stopped early")
        return f"Trajectory({'; '.join(parts)})"

    @property
    def n_steps(self) -> int:
        """Number of steps taken (``len(params) - 1``)."""
        return len(self.params) - 1

    @property
    def final(self) -> FloatArray:
        """The last parameters."""
        return self.params[-1]

    def frame_rows(self, n_frames: int) -> IntArray:
        """``n_frames`` row indices spread evenly over the run, first and last included.

        Scenes use this to subsample a long run to the frames they show.

        Examples
        --------
        >>> import maniml
        >>> t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=100)
        >>> t.frame_rows(5)
        array([  0,  25,  50,  75, 100])
        """
        n_frames = max(1, int(n_frames))
        return np.unique(np.round(np.linspace(0, self.n_steps, n_frames)).astype(np.intp))

    # -- persistence ------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the trajectory (and its data, if any) to a ``.npz`` file; return its path.

        Examples
        --------
        >>> import maniml, tempfile, os
        >>> t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=3)
        >>> p = t.save(os.path.join(tempfile.mkdtemp(), "run.npz"))
        >>> bool((maniml.Trajectory.load(p).params == t.params).all())
        True
        """
        path = Path(path)
        arrays: dict[str, Any] = {
            "format": np.array(_FORMAT),
            "params": self.params,
            "loss": self.loss,
            "batch_loss": self.batch_loss,
            "grads": self.grads,
            "lr": self.lr,
            "epoch": self.epoch,
            "batch_flat": self.batch_indices.flat,
            "batch_offsets": self.batch_indices.offsets,
            "batch_full_n": np.array(self.batch_indices.full_n),
            "diverged": np.array(self.diverged),
            "diverged_step": np.array(-1 if self.diverged_step is None else self.diverged_step),
            "stopped_early": np.array(self.stopped_early),
            "settings": np.array(json.dumps(self.settings)),
        }
        if self.X is not None and self.y is not None:
            arrays["X"], arrays["y"] = self.X, self.y
        if self.val_loss is not None:
            arrays["val_loss"] = self.val_loss
        if self.best_step is not None:
            arrays["best_step"] = np.array(self.best_step)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)
        return path

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Trajectory:
        """Read a trajectory written by :meth:`save`.

        Raises
        ------
        FileNotFoundError
            If ``path`` does not exist.
        ValueError
            If the file is not a maniml trajectory or its arrays do not fit together.
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"The 'path' parameter of Trajectory.load: no file at {path}.")
        arrays, reason = _read_npz(path)
        if reason is None:
            required = ["format", "params", "loss", "batch_loss", "grads", "lr", "epoch",
                        "batch_flat", "batch_offsets", "batch_full_n", "diverged",
                        "diverged_step", "stopped_early", "settings"]  # fmt: skip
            missing = [key for key in required if key not in arrays]
            if missing:
                reason = f"it lacks {', '.join(missing)}"
        if reason is not None:
            raise ValueError(
                f"The 'path' parameter of Trajectory.load must name a .npz file written by "
                f"Trajectory.save; {path} is not a maniml trajectory ({reason})."
            )
        try:
            traj = cls(
                params=arrays["params"].astype(np.float64),
                loss=arrays["loss"].astype(np.float64),
                batch_loss=arrays["batch_loss"].astype(np.float64),
                grads=arrays["grads"].astype(np.float64),
                lr=arrays["lr"].astype(np.float64),
                epoch=arrays["epoch"].astype(np.intp),
                batch_indices=BatchIndices(
                    arrays["batch_flat"], arrays["batch_offsets"], int(arrays["batch_full_n"])
                ),
                diverged=bool(arrays["diverged"]),
                diverged_step=None
                if int(arrays["diverged_step"]) < 0
                else int(arrays["diverged_step"]),
                stopped_early=bool(arrays["stopped_early"]),
                settings=json.loads(str(arrays["settings"])),
                X=None if "X" not in arrays else arrays["X"].astype(np.float64),
                y=None if "y" not in arrays else arrays["y"].astype(np.float64),
                val_loss=None
                if "val_loss" not in arrays
                else arrays["val_loss"].astype(np.float64),
                best_step=None if "best_step" not in arrays else int(arrays["best_step"]),
            )
        except (TypeError, ValueError) as exc:  # wrong dtypes, non-scalar flags, bad JSON
            raise ValueError(
                f"The 'path' parameter of Trajectory.load must name a .npz file written by "
                f"Trajectory.save; {path} holds a malformed entry ({exc})."
            ) from None
        problem = traj._inconsistency()
        if problem:
            raise ValueError(
                f"The 'path' parameter of Trajectory.load must name a consistent trajectory; "
                f"in {path}, {problem}."
            )
        return traj

    def _inconsistency(self) -> str:
        p = self.params
        if p.ndim != 2 or len(p) < 1:
            return f"params has shape {p.shape}, expected (steps + 1, P)"
        s = len(p) - 1
        expected = {
            "loss": (s + 1,), "batch_loss": (s,), "grads": (s, p.shape[1]), "lr": (s,),
            "epoch": (s + 1,),
        }  # fmt: skip
        for key, shape in expected.items():
            got = getattr(self, key).shape
            if got != shape:
                return f"{key} has shape {got}, expected {shape}"
        flat, offsets = self.batch_indices.flat, self.batch_indices.offsets
        if flat.ndim != 1 or offsets.ndim != 1:
            return "batch_flat and batch_offsets must be 1-D"
        if len(self.batch_indices) != s:
            return f"batch_indices has {len(self.batch_indices)} entries, expected {s}"
        if offsets[0] != 0 or (np.diff(offsets) < 0).any() or offsets[-1] != len(flat):
            return "batch_offsets must rise from 0 to the length of batch_flat"
        if not isinstance(self.settings, dict):
            return f"settings is a {type(self.settings).__name__}, expected a dict"
        if (self.X is None) != (self.y is None):
            return "only one of X and y is present"
        if self.X is not None:
            X, y = self.X, self.y
            if X.ndim != 2 or y.shape != (len(X),):
                return f"X has shape {X.shape} and y {y.shape}, expected (n, d) and (n,)"
            if X.shape[1] + 1 != p.shape[1]:
                return f"X has {X.shape[1]} features but params has {p.shape[1]} columns"
            if flat.size and (flat.min() < 0 or flat.max() >= len(X)):
                return f"batch_flat holds sample indices outside [0, {len(X) - 1}]"
        if not (np.isfinite(p).all() and np.isfinite(self.loss).all()):
            return "params or loss hold NaN or inf"
        if self.val_loss is not None and self.val_loss.shape != (s + 1,):
            return f"val_loss has shape {self.val_loss.shape}, expected {(s + 1,)}"
        if self.best_step is not None and not 0 <= self.best_step <= s:
            return f"best_step is {self.best_step}, expected a row in [0, {s}]"
        return ""
