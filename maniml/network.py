"""A fully connected neural network as pure functions of one flat parameter vector ``theta``.

Layer ``l`` maps ``n_in`` inputs to ``n_out`` outputs with ``A @ W + b``; ``theta`` holds the layers
in order, each as its bias ``b`` (``n_out`` values) followed by its weights ``W`` (``n_in x n_out``,
row-major). A network without hidden layer is then laid out exactly like
:class:`~maniml.LogisticRegression`'s ``theta`` (intercept first) and computes the same numbers.
Hidden layers apply the activation; the output layer is the task's: a sigmoid (binary), a softmax
(multiclass) or the identity (regression). Losses and gradients are vectorised backpropagation over
the samples; ``loss`` also takes a stack of parameter vectors (every row of a trajectory at once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from numbers import Integral
from typing import Any, ClassVar

import numpy as np
from scipy.special import expit

from ._typing import ArrayLike, FloatArray, IntArray
from ._validation import (
    check_array,
    check_choice,
    check_int,
    check_real,
    check_seed,
    check_Xy,
    param_error,
)
from .models import Model

__all__ = ["ACTIVATIONS", "TASKS", "NeuralNetwork"]

TASKS: tuple[str, ...] = ("binary", "multiclass", "regression")

# Bound on the (theta, sample, unit) values one chunk of a stacked forward pass holds (small
# enough to stay in cache: measured 2.3x faster than 2_000_000 on the bench).
_CHUNK = 250_000


def _relu_back(dA: FloatArray, A: FloatArray) -> FloatArray:
    dA *= A > 0.0  # A > 0 exactly where the input was > 0
    return dA


def _tanh_back(dA: FloatArray, A: FloatArray) -> FloatArray:
    dA *= 1.0 - A * A
    return dA


def _sigmoid_back(dA: FloatArray, A: FloatArray) -> FloatArray:
    dA *= A * (1.0 - A)
    return dA


def _relu(Z: FloatArray) -> FloatArray:
    return np.maximum(Z, 0.0, out=Z)


def _identity(Z: FloatArray) -> FloatArray:
    return Z


def _identity_back(dA: FloatArray, A: FloatArray) -> FloatArray:
    return dA


#: name -> (activation applied in place to the pre-activation, derivative from the output).
ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "relu": (_relu, _relu_back),
    "tanh": (lambda Z: np.tanh(Z, out=Z), _tanh_back),
    "sigmoid": (lambda Z: expit(Z, out=Z), _sigmoid_back),
    "linear": (_identity, _identity_back),
}


@lru_cache(maxsize=128)
def _layout(sizes: tuple[int, ...]) -> tuple[tuple[int, int, int, int, int], ...]:
    """``(bias start, weight start, weight end, n_in, n_out)`` of each layer in ``theta``."""
    out, at = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        out.append((at, at + n_out, at + n_out + n_in * n_out, n_in, n_out))
        at += n_out + n_in * n_out
    return tuple(out)


@lru_cache(maxsize=128)
def _weights(sizes: tuple[int, ...]) -> tuple[IntArray, FloatArray]:
    """Indices of the weights in ``theta`` and a 0/1 mask of them (biases are 0)."""
    layout = _layout(sizes)
    index = np.concatenate([np.arange(ws, we) for _, ws, we, _, _ in layout])
    mask = np.zeros(layout[-1][2])
    mask[index] = 1.0
    index.flags.writeable = mask.flags.writeable = False
    return index, mask


class _Said(str):
    """Text shown as it is after "got" in an error message (no quotes)."""

    def __repr__(self) -> str:
        return str(self)


def _check_hidden(hidden: Any, where: str) -> tuple[int, ...]:
    allowed = "a sequence of ints >= 1 (one size per hidden layer), e.g. (8,) or (16, 16) or ()"
    if isinstance(hidden, str | bytes) or not isinstance(hidden, Sequence | np.ndarray):
        raise param_error("hidden", where, allowed, hidden)
    for h in hidden:
        if isinstance(h, bool) or not isinstance(h, Integral) or h < 1:
            raise param_error("hidden", where, allowed, hidden)
    return tuple(int(h) for h in hidden)


@dataclass(frozen=True, init=False, repr=False)
class NeuralNetwork(Model):
    """A fully connected network trained by backpropagation, for :func:`~maniml.fit`.

    Parameters
    ----------
    hidden : sequence of int, default (8,)
        Units of each hidden layer, each ``>= 1``; ``()`` gives no hidden layer (a linear model).
    activation : {'relu', 'tanh', 'sigmoid', 'linear'}, default 'relu'
        Activation of the hidden layers.
    task : {'binary', 'multiclass', 'regression'}, default 'binary'
        ``'binary'``: one sigmoid output, P(y = 1), and the mean binary cross-entropy (labels 0
        and 1). ``'multiclass'``: ``K`` softmax outputs and the mean cross-entropy (labels
        ``0..K-1``). ``'regression'``: one identity output and the mean squared error
        ``mean((f(x) - y)**2)`` (as :class:`~maniml.LinearRegression`).
    n_classes : int, optional
        ``K`` for ``task='multiclass'`` (``>= 2``). When not given it follows from the data: from
        the length of ``theta`` in ``predict``/``loss``/``grad``, and in ``fit`` from ``init`` or
        else ``max(y) + 1``. Must be ``None`` for the other tasks.
    l2 : float, default 0.0
        The penalty ``0.5 * l2 * (sum of all squared weights)`` added to the loss; biases are
        never penalised. ``>= 0``.

    Notes
    -----
    Cross-entropies are computed from the output layer's input ``z`` (``logaddexp(0, z) - y z``,
    a log-sum-exp for the softmax): no ``log(0)``, no overflow for any ``z``. With
    ``fit(init=None)`` the start is :meth:`initial_params` with fit's ``seed``: He-normal weights
    for layers that feed a ReLU, Glorot-uniform for the others, zero biases.

    Examples
    --------
    >>> import numpy as np, maniml
    >>> net = NeuralNetwork((4,), activation="tanh")
    >>> net.n_params(2)  # (2 + 1) * 4 + (4 + 1) * 1
    17
    >>> X, y = maniml.make_xor(n=200, noise=0.0, seed=0)
    >>> t = maniml.fit(net, X, y, maniml.BGD(0.05, rule="adam"), epochs=300, seed=3)
    >>> float(np.mean((net.predict(t.final, X) > 0.5) == y))
    1.0
    >>> [W.shape for W, b in net.layers(t.final)]
    [(2, 4), (4, 1)]
    """

    hidden: tuple[int, ...]
    activation: str
    task: str
    n_classes: int | None
    name: ClassVar[str] = "network"
    _records_steps: ClassVar[bool] = True  # the forward pass gives each batch's loss for free
    _plain_sgd: ClassVar[bool] = False

    def __init__(
        self,
        hidden: Sequence[int] = (8,),
        *,
        activation: str = "relu",
        task: str = "binary",
        n_classes: int | None = None,
        l2: float = 0.0,
    ) -> None:
        where = "NeuralNetwork"
        task = check_choice(task, "task", where, TASKS)
        n_classes = check_int(n_classes, "n_classes", where, low=2, allow_none=True)
        if n_classes is not None and task != "multiclass":
            raise param_error("n_classes", where, "None unless task='multiclass'", n_classes)
        values = {
            "l2": check_real(l2, "l2", where, low=0.0),
            "hidden": _check_hidden(hidden, where),
            "activation": check_choice(activation, "activation", where, ACTIVATIONS),
            "task": task,
            "n_classes": n_classes,
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)

    def __repr__(self) -> str:
        return (
            f"NeuralNetwork(hidden={self.hidden!r}, activation={self.activation!r}, "
            f"task={self.task!r}, n_classes={self.n_classes!r}, l2={self.l2!r})"
        )

    # -- shapes ------------------------------------------------------------------------------------
    def _sizes(self, n_features: int, n_outputs: int) -> tuple[int, ...]:
        return (n_features, *self.hidden, n_outputs)

    def n_params(self, n_features: int, n_classes: int | None = None) -> int:
        """Length of ``theta`` for ``n_features`` inputs (and ``n_classes`` outputs when the task
        is multiclass and the network has no ``n_classes``).

        Examples
        --------
        >>> NeuralNetwork((16, 16)).n_params(2)
        337
        >>> NeuralNetwork((), task="multiclass").n_params(2, n_classes=3)
        9
        """
        where = "NeuralNetwork.n_params"
        n_features = check_int(n_features, "n_features", where, low=1)
        n_classes = check_int(n_classes, "n_classes", where, low=2, allow_none=True)
        k = self._n_outputs(n_classes)
        if k is None:
            raise param_error(
                "n_classes", where, "an int >= 2 for a multiclass network without n_classes", None
            )
        return _layout(self._sizes(n_features, k))[-1][2]

    def _n_outputs(self, n_classes: int | None = None) -> int | None:
        if self.task != "multiclass":
            return 1
        return self.n_classes if n_classes is None else n_classes

    def _outputs_for(self, n_params: int, n_features: int, name: str, where: str) -> int:
        """The output count that gives ``n_params`` values, or the error naming ``name``."""
        k = self._n_outputs()
        widths = self._sizes(n_features, 1)
        if k is None:  # multiclass, K free: n_params = (all but the last layer) + (h + 1) K
            before = _layout(widths)[-1][0]
            per_class = widths[-2] + 1
            k, rem = divmod(n_params - before, per_class)
            if rem == 0 and k >= 2:
                return k
            allowed = (
                f"an array of {before} + {per_class} * K values (layers "
                f"{'-'.join(map(str, widths[:-1]))}-K for K >= 2 classes)"
            )
        else:
            want = _layout(self._sizes(n_features, k))[-1][2]
            if n_params == want:
                return k
            shape = "-".join(map(str, self._sizes(n_features, k)))
            allowed = f"an array of {want} values (layers {shape}: weights and biases)"
        raise param_error(name, where, allowed, _Said(f"{n_params} values"))

    def check_theta(self, theta: ArrayLike, n_features: int, where: str, *, stack: bool = False):
        """Validate a parameter vector (or, with ``stack``, a stack ``(..., P)``)."""
        arr = check_array(theta, "theta", where, ndim=tuple(range(1, 8)) if stack else (1,))
        self._outputs_for(arr.shape[-1], n_features, "theta", where)
        return arr

    def layers(
        self, theta: ArrayLike, n_features: int | None = None
    ) -> list[tuple[FloatArray, FloatArray]]:
        """The layers of ``theta`` as ``(W, b)`` pairs (copies), input layer first.

        ``W`` has shape ``(n_in, n_out)`` and ``b`` ``(n_out,)``. The sizes follow from
        ``len(theta)``; a multiclass network without ``n_classes`` needs ``n_features``.

        Examples
        --------
        >>> import numpy as np
        >>> net = NeuralNetwork((2,))
        >>> [(W.shape, b.shape) for W, b in net.layers(np.arange(9.0))]
        [((2, 2), (2,)), ((2, 1), (1,))]
        >>> net.layers(np.arange(9.0))[1]
        (array([[7.],
               [8.]]), array([6.]))
        """
        where = "NeuralNetwork.layers"
        arr = check_array(theta, "theta", where, ndim=(1,))
        d = self._features_for(len(arr), n_features, where)
        k = self._outputs_for(len(arr), d, "theta", where)
        return [
            (arr[ws:we].reshape(i, o).copy(), arr[bs:ws].copy())
            for bs, ws, we, i, o in _layout(self._sizes(d, k))
        ]

    def _features_for(self, n_params: int, n_features: int | None, where: str) -> int:
        if n_features is not None:
            return check_int(n_features, "n_features", where, low=1)
        k = self._n_outputs()
        if k is None:
            raise param_error(
                "n_features", where, "an int >= 1 for a multiclass network without n_classes", None
            )
        # n_params = (d + 1) * first + rest, with first the first layer's width
        first = self.hidden[0] if self.hidden else k
        rest = _layout(self._sizes(1, k))[-1][2] - 2 * first
        d, rem = divmod(n_params - rest, first)
        d -= 1
        if rem or d < 1:
            raise param_error(
                "theta",
                where,
                f"a length that fits hidden={self.hidden!r}",
                _Said(f"{n_params} values"),
            )
        return d

    # -- data --------------------------------------------------------------------------------------
    def check_data(self, X: ArrayLike, y: ArrayLike, where: str) -> tuple[FloatArray, FloatArray]:
        """Validate ``X`` and ``y``: labels 0/1 (binary), ``0..n_classes-1`` (multiclass)."""
        X, y = check_Xy(X, y, where)
        if self.task == "binary":
            self._check_labels(y, 2, where, "0 or 1")
        elif self.task == "multiclass":
            k = self.n_classes
            self._check_labels(y, k, where, "0..K-1" if k is None else f"0..{k - 1}")
        return X, y

    @staticmethod
    def _check_labels(y: FloatArray, k: int | None, where: str, words: str) -> None:
        bad = (y < 0) | (y != np.floor(y))
        if k is not None:
            bad |= y >= k
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(
                f"The 'y' parameter of {where} must hold class labels {words}; "
                f"got {y[i].item()!r} at index {i}."
            )

    def _prepare(self, theta, X, y, where, *, stack=False):
        X, y = self.check_data(X, y, where)
        theta = self.check_theta(theta, X.shape[1], where, stack=stack)
        if self.task == "multiclass" and self.n_classes is None:
            k = self._outputs_for(theta.shape[-1], X.shape[1], "theta", where)
            self._check_labels(y, k, where, f"0..{k - 1} (theta has {k} outputs)")
        return theta, X, y

    def _targets(self, y: FloatArray, k: int) -> FloatArray:
        """The output layer's targets: ``y`` as a column, or one-hot rows (multiclass)."""
        if self.task != "multiclass":
            return y[:, None]
        T = np.zeros((len(y), k))
        T[np.arange(len(y)), y.astype(np.intp)] = 1.0
        return T

    # -- public API --------------------------------------------------------------------------------
    def predict(self, theta: ArrayLike, X: ArrayLike) -> FloatArray:
        """Values (regression) or P(y = 1) (binary), shape ``(n,)``; class probabilities
        (multiclass), shape ``(n, K)``.

        Examples
        --------
        >>> import numpy as np
        >>> net = NeuralNetwork((), task="multiclass", n_classes=3)
        >>> net.predict(np.zeros(9), [[1.0, 2.0]]).round(4)
        array([[0.3333, 0.3333, 0.3333]])
        """
        where = "NeuralNetwork.predict"
        X = check_array(X, "X", where, ndim=(1, 2))
        X = X[:, None] if X.ndim == 1 else X
        theta = self.check_theta(theta, X.shape[1], where)
        Z = self._forward(theta, X)[-1]
        if self.task == "regression":
            return Z[:, 0]
        if self.task == "binary":
            return expit(Z[:, 0])
        return np.exp(Z - _logsumexp(Z))

    def hidden_outputs(self, theta: ArrayLike, X: ArrayLike) -> list[FloatArray]:
        """The output of every hidden layer, shape ``(n, units)`` each (what a neuron "sees").

        Examples
        --------
        >>> import numpy as np
        >>> net = NeuralNetwork((3, 2))
        >>> [a.shape for a in net.hidden_outputs(np.ones(net.n_params(2)), np.ones((5, 2)))]
        [(5, 3), (5, 2)]
        """
        where = "NeuralNetwork.hidden_outputs"
        X = check_array(X, "X", where, ndim=(1, 2))
        X = X[:, None] if X.ndim == 1 else X
        theta = self.check_theta(theta, X.shape[1], where)
        return self._forward(theta, X)[1:-1]

    def initial_params(
        self, n_features: int, seed: int | None = None, n_classes: int | None = None
    ) -> FloatArray:
        """The random start ``fit(..., seed=seed)`` uses when given no ``init``.

        He-normal weights (standard deviation ``sqrt(2 / n_in)``) for layers that feed a ReLU,
        Glorot-uniform (``U(-a, a)``, ``a = sqrt(6 / (n_in + n_out))``) for the others (and the
        output layer), zero biases, drawn from ``numpy.random.SeedSequence(seed).spawn(1)[0]``
        (a stream independent of fit's shuffles).

        Examples
        --------
        >>> import numpy as np
        >>> net = NeuralNetwork((8,))
        >>> a, b = net.initial_params(2, seed=0), net.initial_params(2, seed=0)
        >>> a.shape, bool(np.array_equal(a, b)), float(a[:8].max())  # biases are zero
        ((33,), True, 0.0)
        """
        where = "NeuralNetwork.initial_params"
        seed = check_seed(seed, where)
        d = check_int(n_features, "n_features", where, low=1)
        k = self._n_outputs(check_int(n_classes, "n_classes", where, low=2, allow_none=True))
        if k is None:
            raise param_error(
                "n_classes", where, "an int >= 2 for a multiclass network without n_classes", None
            )
        rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
        layout = _layout(self._sizes(d, k))
        theta = np.zeros(layout[-1][2])
        for layer, (_, ws, we, i, o) in enumerate(layout):
            feeds_relu = self.activation == "relu" and layer < len(layout) - 1
            if feeds_relu:
                theta[ws:we] = rng.normal(0.0, np.sqrt(2.0 / i), size=i * o)
            else:
                a = np.sqrt(6.0 / (i + o))
                theta[ws:we] = rng.uniform(-a, a, size=i * o)
        return theta

    # -- kernels (unchecked) -----------------------------------------------------------------------
    def _sizes_for(self, n_params: int, n_features: int) -> tuple[int, ...]:
        """Layer widths of a ``theta`` of ``n_params`` values on ``n_features`` inputs."""
        k = self._outputs_for(n_params, n_features, "theta", "NeuralNetwork")
        return self._sizes(n_features, k)

    def _forward(self, theta: FloatArray, X: FloatArray, layout=None) -> list[FloatArray]:
        """``[X, hidden outputs..., z]`` for one theta; ``z`` is the output layer's input."""
        if layout is None:
            layout = _layout(self._sizes_for(len(theta), X.shape[1]))
        act = ACTIVATIONS[self.activation][0]
        outs, A = [X], X
        for n, (bs, ws, we, i, o) in enumerate(layout):
            Z = A @ theta[ws:we].reshape(i, o)
            Z += theta[bs:ws]
            A = Z if n == len(layout) - 1 else act(Z)
            outs.append(A)
        return outs

    def _data_loss(self, Z: FloatArray, T: FloatArray) -> float:
        """Mean loss over the samples from the output layer's input ``Z`` (n, out)."""
        if self.task == "binary":
            return float(np.mean(np.logaddexp(0.0, Z) - T * Z))
        if self.task == "regression":
            return float(np.mean((Z - T) ** 2))
        return float(np.mean(_logsumexp(Z)[:, 0] - np.einsum("ij,ij->i", T, Z)))

    def _delta(self, Z: FloatArray, T: FloatArray) -> FloatArray:
        """d(sample loss)/dZ, up to the constant :meth:`_scale`."""
        if self.task == "binary":
            return expit(Z) - T
        if self.task == "regression":
            return Z - T
        E = np.exp(Z - _logsumexp(Z))
        E -= T
        return E

    def _scale(self) -> float:
        return 2.0 if self.task == "regression" else 1.0

    def _loss_grad(
        self, theta: FloatArray, X: FloatArray, T: FloatArray
    ) -> tuple[FloatArray, float]:
        """Gradient and loss on ``(X, T)`` by backpropagation (``T`` from :meth:`_targets`)."""
        sizes = self._sizes(X.shape[1], T.shape[1])
        layout = _layout(sizes)
        back = ACTIVATIONS[self.activation][1]
        outs = self._forward(theta, X, layout)
        Z = outs[-1]
        loss = float(self._data_loss(Z, T))
        delta = self._delta(Z, T)
        g = np.empty_like(theta)
        for n in range(len(layout) - 1, -1, -1):
            bs, ws, we, i, o = layout[n]
            np.matmul(outs[n].T, delta, out=g[ws:we].reshape(i, o))
            g[bs:ws] = delta.sum(axis=0)
            if n:
                delta = back(delta @ theta[ws:we].reshape(i, o).T, outs[n])
        g *= self._scale() / len(X)
        if self.l2:
            index, mask = _weights(sizes)
            g += self.l2 * theta * mask
            w = theta[index]
            loss += 0.5 * self.l2 * float(np.einsum("i,i->", w, w))  # as Model.penalty
        return g, loss

    def penalty(self, theta: FloatArray, n_features: int | None = None) -> Any:
        """The L2 term ``0.5 * l2 * sum(weights**2)`` (stacks allowed; sizes as in
        :meth:`layers`)."""
        if self.l2 == 0.0:
            return 0.0
        w = theta[..., _weights(self._sizes_of(theta.shape[-1], n_features))[0]]
        return 0.5 * self.l2 * np.einsum("...i,...i->...", w, w)

    def penalty_grad(self, theta: FloatArray, n_features: int | None = None) -> FloatArray:
        """Gradient of :meth:`penalty`: ``l2 * theta`` with zeros for the biases."""
        return self.l2 * theta * _weights(self._sizes_of(theta.shape[-1], n_features))[1]

    def _sizes_of(self, n_params: int, n_features: int | None) -> tuple[int, ...]:
        d = self._features_for(n_params, n_features, "NeuralNetwork.penalty")
        return self._sizes_for(n_params, d)

    def _loss(self, theta: FloatArray, X: FloatArray, y: FloatArray) -> Any:
        sizes = self._sizes_for(theta.shape[-1], X.shape[1])
        T = self._targets(y, sizes[-1])
        if theta.ndim == 1:
            return self._loss_grad_free(theta, X, T)
        flat = theta.reshape(-1, theta.shape[-1])
        out = np.empty(len(flat))
        per = max(1, _CHUNK // (len(X) * max(sizes[1:])))
        for s in range(0, len(flat), per):
            out[s : s + per] = self._stack_data_loss(flat[s : s + per], X, T, sizes)
        if self.l2:
            w = flat[:, _weights(sizes)[0]]
            out += 0.5 * self.l2 * np.einsum("ij,ij->i", w, w)
        return out.reshape(theta.shape[:-1])

    def _loss_grad_free(self, theta: FloatArray, X: FloatArray, T: FloatArray) -> float:
        """The loss alone (no backward pass)."""
        sizes = self._sizes(X.shape[1], T.shape[1])
        loss = float(self._data_loss(self._forward(theta, X, _layout(sizes))[-1], T))
        if self.l2:
            w = theta[_weights(sizes)[0]]
            loss += 0.5 * self.l2 * float(np.einsum("i,i->", w, w))  # as Model.penalty
        return loss

    def _stack_data_loss(
        self, thetas: FloatArray, X: FloatArray, T: FloatArray, sizes: tuple[int, ...]
    ) -> FloatArray:
        """Data loss of each row of ``thetas`` (S, P): one batched forward pass.

        The pass runs feature-major, ``(S, units, n)`` (``W^T A``: measured 10 % faster here than
        sample-major), and reduces over the samples with matrix products.
        """
        act = ACTIVATIONS[self.activation][0]
        layout = _layout(sizes)
        S, n, A = len(thetas), len(X), X.T
        for layer, (bs, ws, we, i, o) in enumerate(layout):
            Z = np.matmul(thetas[:, ws:we].reshape(S, i, o).transpose(0, 2, 1), A)
            Z += thetas[:, bs:ws, None]
            A = Z if layer == len(layout) - 1 else act(Z)
        if self.task == "multiclass":
            m = A.max(axis=1, keepdims=True)
            lse = (m + np.log(np.sum(np.exp(A - m), axis=1, keepdims=True)))[:, 0]
            return lse.mean(axis=-1) - np.einsum("skn,nk->s", A, T) / n
        z, t = A[:, 0], T[:, 0]
        if self.task == "binary":
            return np.logaddexp(0.0, z).mean(axis=-1) - z @ t / n
        z -= t
        return np.einsum("sn,sn->s", z, z) / n

    def _grad(self, theta: FloatArray, X: FloatArray, y: FloatArray) -> FloatArray:
        k = self._sizes_for(len(theta), X.shape[1])[-1]
        return self._loss_grad(theta, X, self._targets(y, k))[0]

    # -- the fit interface ---------------------------------------------------------------------
    def _for_data(self, X: FloatArray, y: FloatArray, init: Any, where: str) -> NeuralNetwork:
        """The network with ``n_classes`` settled (multiclass): from ``init`` or the labels."""
        if self.task != "multiclass" or self.n_classes is not None:
            return self
        if init is not None:
            n = check_array(init, "init", where, ndim=(1,)).shape[0]
            k = self._outputs_for(n, X.shape[1], "init", where)
            self._check_labels(y, k, where, f"0..{k - 1} (init has {k} outputs)")
        else:
            k = int(y.max()) + 1
            if k < 2:
                raise param_error(
                    "y",
                    where,
                    "labels of at least 2 classes (or give n_classes)",
                    _Said("only class 0"),
                )
        return NeuralNetwork(
            self.hidden, activation=self.activation, task=self.task, n_classes=k, l2=self.l2
        )

    def _default_init(self, n_features: int, seed: int | None) -> FloatArray:
        return self.initial_params(n_features, seed)

    def _start_loss(self, theta, X, y, zero):
        return self._loss(theta, X, y)

    def _fit_rows(self, X, y, rows):
        k = self._n_outputs()
        if rows is None:
            return X, self._targets(y, k)
        return X[rows], self._targets(y[rows], k)

    def _step_grad(self, theta, Xe, Te, lo, hi, single):
        return self._loss_grad(theta, Xe[lo:hi], Te[lo:hi])

    def _settings(self) -> dict[str, Any]:
        return {
            "model": "NeuralNetwork",
            "l2": self.l2,
            "hidden": list(self.hidden),
            "activation": self.activation,
            "task": self.task,
            "n_classes": self.n_classes,
        }


def _logsumexp(Z: FloatArray) -> FloatArray:
    """``log(sum(exp(Z), axis=-1))`` with the axis kept, computed without overflow."""
    m = Z.max(axis=-1, keepdims=True)
    return m + np.log(np.sum(np.exp(Z - m), axis=-1, keepdims=True))
