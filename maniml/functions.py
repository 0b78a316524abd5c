"""Test functions to optimise directly: the bowl, Rosenbrock, Beale, a saddle, a sin-cos surface,
and 1-D functions, each vectorised over stacks of points ``(..., dim)``, with exact gradients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from ._typing import ArrayLike, FloatArray
from ._validation import check_array, param_error

__all__ = [
    "OBJECTIVES",
    "Beale",
    "Bowl",
    "CustomObjective",
    "Objective",
    "Parabola",
    "Rosenbrock",
    "Saddle",
    "SinCos",
    "SinCosWave",
    "StretchedBowl",
]


@dataclass(frozen=True)
class Objective:
    """Base class: a function of ``dim`` variables to minimise.

    Subclasses define ``_value(x)`` for a stack ``x`` of shape ``(..., dim)`` and ``_grad(x)`` for
    one point; ``domain`` is a plotting box ``((x_min, x_max), ...)``, ``minima`` the known global
    minimisers (empty when there is none), ``start`` a start that shows the function well.
    """

    dim: ClassVar[int] = 2
    label: ClassVar[str] = "f"
    domain: ClassVar[tuple[tuple[float, float], ...]] = ((-2.0, 2.0), (-2.0, 2.0))
    start: ClassVar[tuple[float, ...]] = (0.0, 0.0)

    @property
    def minima(self) -> FloatArray:
        """Known global minimisers, shape ``(m, dim)`` (``m = 0`` when unbounded below)."""
        return np.empty((0, self.dim))

    def __call__(self, x: ArrayLike) -> Any:
        """Value at a point (a float) or at a stack of points ``(..., dim)`` (an array)."""
        arr = self._check(x, stack=True)
        out = self._value(arr)
        return float(out) if np.ndim(out) == 0 else out

    def grad(self, x: ArrayLike) -> FloatArray:
        """Gradient at one point, shape ``(dim,)``."""
        return self._grad(self._check(x, stack=False))

    def _check(self, x: ArrayLike, *, stack: bool) -> FloatArray:
        where = f"{type(self).__name__}"
        arr = check_array(x, "x", where, ndim=tuple(range(0, 8)) if stack else (0, 1))
        if self.dim == 1 and (arr.ndim == 0 or arr.shape[-1] != 1):
            arr = arr[..., None]
        if arr.shape[-1] != self.dim:
            raise param_error(
                "x", where, f"a point (or stack of points) with {self.dim} coordinates", arr
            )
        return arr

    def _value(self, x: FloatArray) -> FloatArray:  # pragma: no cover - abstract
        raise NotImplementedError

    def _grad(self, x: FloatArray) -> FloatArray:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Bowl(Objective):
    """The bowl ``(x - a)^2 + (y - b)^2`` with its minimum at ``center`` (default (1, 2)).

    Examples
    --------
    >>> Bowl()([1.0, 2.0]), Bowl()([0.0, 0.0]), Bowl().grad([0.0, 0.0])
    (0.0, 5.0, array([-2., -4.]))
    >>> Bowl().curvatures  # Hessian eigenvalues: gradient descent diverges above lr = 2 / 2
    array([2., 2.])
    """

    center: tuple[float, float] = (1.0, 2.0)
    label: ClassVar[str] = "(x-1)² + (y-2)²"
    domain: ClassVar = ((-2.0, 4.0), (-1.0, 5.0))
    start: ClassVar = (-1.5, -0.5)

    @property
    def minima(self):
        return np.array([self.center], dtype=float)

    def _value(self, x):
        c = np.asarray(self.center)
        return ((x - c) ** 2).sum(axis=-1)

    def _grad(self, x):
        return 2.0 * (x - np.asarray(self.center))

    @property
    def curvatures(self) -> FloatArray:
        """The Hessian's eigenvalues, smallest first (both 2: the bowl is round)."""
        return np.array([2.0, 2.0])

    def hessian(self, x: ArrayLike | None = None) -> FloatArray:
        """The (constant) Hessian ``2 I``; ``x`` is ignored."""
        return np.diag(self.curvatures)


@dataclass(frozen=True)
class Rosenbrock(Objective):
    """Rosenbrock's banana ``(a - x)^2 + b (y - x^2)^2``, minimum at ``(a, a^2)``.

    Examples
    --------
    >>> Rosenbrock()([1.0, 1.0]), Rosenbrock().grad([0.0, 0.0])
    (0.0, array([-2.,  0.]))
    """

    a: float = 1.0
    b: float = 100.0
    label: ClassVar[str] = "Rosenbrock"
    domain: ClassVar = ((-2.0, 2.0), (-1.0, 3.0))
    start: ClassVar = (-1.5, 2.0)

    @property
    def minima(self):
        return np.array([[self.a, self.a**2]])

    def _value(self, p):
        x, y = p[..., 0], p[..., 1]
        return (self.a - x) ** 2 + self.b * (y - x**2) ** 2

    def _grad(self, p):
        x, y = p
        return np.array(
            [-2.0 * (self.a - x) - 4.0 * self.b * x * (y - x**2), 2.0 * self.b * (y - x**2)]
        )


@dataclass(frozen=True)
class Beale(Objective):
    """Beale's function, minimum 0 at (3, 0.5).

    Examples
    --------
    >>> Beale()([3.0, 0.5])
    0.0
    """

    label: ClassVar[str] = "Beale"
    domain: ClassVar = ((-4.5, 4.5), (-4.5, 4.5))
    start: ClassVar = (1.0, 1.5)

    @property
    def minima(self):
        return np.array([[3.0, 0.5]])

    _C: ClassVar = (1.5, 2.25, 2.625)

    def _value(self, p):
        x, y = p[..., 0], p[..., 1]
        return sum((c - x + x * y ** (i + 1)) ** 2 for i, c in enumerate(self._C))

    def _grad(self, p):
        x, y = p
        gx = gy = 0.0
        for i, c in enumerate(self._C):
            t = c - x + x * y ** (i + 1)
            gx += 2.0 * t * (y ** (i + 1) - 1.0)
            gy += 2.0 * t * x * (i + 1) * y**i
        return np.array([gx, gy])


@dataclass(frozen=True)
class Saddle(Objective):
    """The saddle ``x^2 - y^2``: a stationary point at the origin, no minimum.

    Examples
    --------
    >>> Saddle()([1.0, 2.0]), Saddle().grad([1.0, 2.0])
    (-3.0, array([ 2., -4.]))
    """

    label: ClassVar[str] = "x² - y²"
    domain: ClassVar = ((-2.0, 2.0), (-2.0, 2.0))
    start: ClassVar = (-1.8, 0.01)

    def _value(self, p):
        return p[..., 0] ** 2 - p[..., 1] ** 2

    def _grad(self, p):
        return np.array([2.0 * p[0], -2.0 * p[1]])


@dataclass(frozen=True)
class SinCos(Objective):
    """The egg-box ``sin(x) cos(y)``: many minima of value -1, e.g. at (-pi/2, 0).

    Examples
    --------
    >>> round(SinCos()([-np.pi / 2, 0.0]), 12)
    -1.0
    """

    label: ClassVar[str] = "sin(x)·cos(y)"
    domain: ClassVar = ((-np.pi, np.pi), (-np.pi, np.pi))
    start: ClassVar = (-0.3, 0.6)

    @property
    def minima(self):
        return np.array([[-np.pi / 2, 0.0], [np.pi / 2, np.pi], [np.pi / 2, -np.pi]])

    def _value(self, p):
        return np.sin(p[..., 0]) * np.cos(p[..., 1])

    def _grad(self, p):
        x, y = p
        return np.array([np.cos(x) * np.cos(y), -np.sin(x) * np.sin(y)])


@dataclass(frozen=True)
class StretchedBowl(Objective):
    """The elongated bowl ``(x - a)^2 + k (y - b)^2``: gradient descent zig-zags across it.

    With ``k = 4`` the curvature is 2 along x and 8 along y, so steps above ``lr = 0.125``
    overshoot in y (oscillate) and steps above ``lr = 0.25`` diverge.

    Examples
    --------
    >>> StretchedBowl()([1.0, 2.0]), StretchedBowl().grad([0.0, 0.0])
    (0.0, array([ -2., -16.]))
    >>> StretchedBowl().curvatures, StretchedBowl().hessian()
    (array([2., 8.]), array([[2., 0.],
           [0., 8.]]))
    """

    center: tuple[float, float] = (1.0, 2.0)
    k: float = 4.0
    label: ClassVar[str] = "(x-1)² + 4(y-2)²"
    domain: ClassVar = ((-2.0, 3.0), (0.0, 4.0))
    start: ClassVar = (-1.5, 1.0)

    @property
    def minima(self):
        return np.array([self.center], dtype=float)

    def _value(self, p):
        a, b = self.center
        return (p[..., 0] - a) ** 2 + self.k * (p[..., 1] - b) ** 2

    def _grad(self, p):
        a, b = self.center
        return np.array([2.0 * (p[0] - a), 2.0 * self.k * (p[1] - b)])

    @property
    def curvatures(self) -> FloatArray:
        """The Hessian's eigenvalues, smallest first: ``2`` along x and ``2 k`` along y."""
        return np.sort(np.array([2.0, 2.0 * self.k]))

    def hessian(self, x: ArrayLike | None = None) -> FloatArray:
        """The (constant) Hessian ``diag(2, 2 k)``; ``x`` is ignored."""
        return np.diag([2.0, 2.0 * self.k])


@dataclass(frozen=True)
class Parabola(Objective):
    """The 1-D parabola ``a (x - c)^2``.

    Examples
    --------
    >>> Parabola()(3.0), Parabola().grad(3.0)
    (4.0, array([4.]))
    """

    center: float = 1.0
    a: float = 1.0
    dim: ClassVar[int] = 1
    label: ClassVar[str] = "(x-1)²"
    domain: ClassVar = ((-3.0, 5.0),)
    start: ClassVar = (-2.5,)

    @property
    def minima(self):
        return np.array([[self.center]])

    def _value(self, x):
        return self.a * (x[..., 0] - self.center) ** 2

    def _grad(self, x):
        return 2.0 * self.a * (x - self.center)


@dataclass(frozen=True)
class SinCosWave(Objective):
    """The 1-D wave ``sin(x) + cos(2 x)``: several local minima, global value -2 at -pi/2.

    Examples
    --------
    >>> round(SinCosWave()(-np.pi / 2), 12)
    -2.0
    """

    dim: ClassVar[int] = 1
    label: ClassVar[str] = "sin(x) + cos(2x)"
    domain: ClassVar = ((-np.pi, np.pi),)
    start: ClassVar = (0.6,)

    @property
    def minima(self):
        return np.array([[-np.pi / 2]])

    def _value(self, x):
        return np.sin(x[..., 0]) + np.cos(2.0 * x[..., 0])

    def _grad(self, x):
        return np.cos(x) - 2.0 * np.sin(2.0 * x)


@dataclass(frozen=True)
class CustomObjective(Objective):
    """A user's function of ``dim`` variables, with its gradient or a finite-difference one.

    ``f`` must accept a stack of points ``(..., dim)`` and return ``(...)`` (use ``numpy``
    functions of ``x[..., 0]``, ``x[..., 1]``); ``grad`` takes one point.

    Examples
    --------
    >>> f = CustomObjective(lambda p: p[..., 0] ** 2 + 3 * p[..., 1] ** 2)
    >>> f([1.0, 1.0]), f.grad([1.0, 1.0]).round(4)
    (4.0, array([2., 6.]))
    """

    f: Callable[[FloatArray], Any] = field(default=lambda p: (p**2).sum(axis=-1))
    gradient: Callable[[FloatArray], Any] | None = None
    n_dim: int = 2
    name: str = "f"
    box: tuple[tuple[float, float], ...] = ((-2.0, 2.0), (-2.0, 2.0))

    @property
    def dim(self) -> int:  # type: ignore[override]
        return self.n_dim

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.name

    @property
    def domain(self):  # type: ignore[override]
        return self.box

    def _value(self, x):
        return np.asarray(self.f(x), dtype=np.float64)

    def _grad(self, x):
        if self.gradient is not None:
            return np.asarray(self.gradient(x), dtype=np.float64).reshape(self.dim)
        from scipy.optimize import approx_fprime  # imported when needed: ~0.1 s per process

        return approx_fprime(x, lambda p: float(self.f(p)), 1.49e-8)


OBJECTIVES: dict[str, type[Objective]] = {
    "bowl": Bowl,
    "rosenbrock": Rosenbrock,
    "beale": Beale,
    "saddle": Saddle,
    "sincos": SinCos,
    "parabola": Parabola,
    "wave": SinCosWave,
}
