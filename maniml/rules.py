"""Update rules: *how* a step is taken from a gradient, independent of which samples gave it.

Each rule is a pair of pure functions in the manner of optax: ``init(params) -> state`` and
``update(grad, state, lr) -> (delta, new_state)``; the new parameters are ``params + delta``.
States are tuples of arrays and are never modified in place.

Conventions (those of PyTorch and optax):

- ``Plain``: ``delta = -lr * g``
- ``Momentum``: ``v = beta * v + g``; ``delta = -lr * v``
- ``Nesterov``: ``v = beta * v + g``; ``delta = -lr * (g + beta * v)``
- ``AdaGrad``: ``G = G + g**2``; ``delta = -lr * g / (sqrt(G) + eps)``
- ``RMSProp``: ``s = rho * s + (1 - rho) * g**2``; ``delta = -lr * g / (sqrt(s) + eps)``
- ``Adam``: ``m = b1 m + (1 - b1) g``; ``v = b2 v + (1 - b2) g**2``;
  ``delta = -lr * m_hat / (sqrt(v_hat) + eps)`` with bias-corrected ``m_hat``, ``v_hat``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from ._typing import FloatArray
from ._validation import ParameterError, check_choice, check_real, param_error

__all__ = [
    "RULES",
    "AdaGrad",
    "Adam",
    "Momentum",
    "Nesterov",
    "Plain",
    "RMSProp",
    "UpdateRule",
    "make_rule",
]

State = tuple[Any, ...]


@dataclass(frozen=True)
class UpdateRule:
    """Base class of the update rules."""

    name: ClassVar[str] = "rule"

    def init(self, params: FloatArray) -> State:
        """The rule's state before the first step."""
        return ()

    def update(self, grad: FloatArray, state: State, lr: float) -> tuple[FloatArray, State]:
        """Return ``(delta, new_state)`` for gradient ``grad`` at learning rate ``lr``."""
        raise NotImplementedError  # pragma: no cover


@dataclass(frozen=True)
class Plain(UpdateRule):
    """Plain gradient descent: ``delta = -lr * g``.

    Examples
    --------
    >>> import numpy as np
    >>> Plain().update(np.array([1.0, -2.0]), (), 0.1)[0]
    array([-0.1,  0.2])
    """

    name: ClassVar[str] = "gd"

    def update(self, grad, state, lr):
        return -lr * grad, state


@dataclass(frozen=True)
class Momentum(UpdateRule):
    """Heavy-ball momentum: ``v = beta * v + g``; ``delta = -lr * v``.

    Examples
    --------
    >>> import numpy as np
    >>> rule = Momentum(beta=0.5); g = np.array([1.0])
    >>> d1, s = rule.update(g, rule.init(g), 0.1); d2, s = rule.update(g, s, 0.1)
    >>> d1, d2
    (array([-0.1]), array([-0.15]))
    """

    beta: float = 0.9
    name: ClassVar[str] = "momentum"

    def __post_init__(self) -> None:
        check_real(self.beta, "beta", type(self).__name__, low=0, high=1, high_open=True)

    def init(self, params):
        return (np.zeros_like(params),)

    def update(self, grad, state, lr):
        v = self.beta * state[0] + grad
        return -lr * v, (v,)


@dataclass(frozen=True)
class Nesterov(Momentum):
    """Nesterov momentum: ``v = beta * v + g``; ``delta = -lr * (g + beta * v)``.

    Examples
    --------
    >>> import numpy as np
    >>> rule = Nesterov(beta=0.5); g = np.array([1.0])
    >>> rule.update(g, rule.init(g), 0.1)[0]
    array([-0.15])
    """

    name: ClassVar[str] = "nesterov"

    def update(self, grad, state, lr):
        v = self.beta * state[0] + grad
        return -lr * (grad + self.beta * v), (v,)


@dataclass(frozen=True)
class AdaGrad(UpdateRule):
    """AdaGrad: ``G = G + g**2``; ``delta = -lr * g / (sqrt(G) + eps)``.

    Examples
    --------
    >>> import numpy as np
    >>> rule = AdaGrad(); g = np.array([2.0, -0.5])
    >>> rule.update(g, rule.init(g), 0.1)[0].round(6)
    array([-0.1,  0.1])
    """

    eps: float = 1e-8
    name: ClassVar[str] = "adagrad"

    def __post_init__(self) -> None:
        check_real(self.eps, "eps", "AdaGrad", low=0, low_open=True)

    def init(self, params):
        return (np.zeros_like(params),)

    def update(self, grad, state, lr):
        acc = state[0] + grad * grad
        return -lr * grad / (np.sqrt(acc) + self.eps), (acc,)


@dataclass(frozen=True)
class RMSProp(UpdateRule):
    """RMSProp: ``s = rho * s + (1 - rho) * g**2``; ``delta = -lr * g / (sqrt(s) + eps)``.

    Examples
    --------
    >>> import numpy as np
    >>> rule = RMSProp(rho=0.75); g = np.array([1.0])
    >>> rule.update(g, rule.init(g), 0.1)[0].round(6)  # -0.1 / sqrt(0.25)
    array([-0.2])
    """

    rho: float = 0.9
    eps: float = 1e-8
    name: ClassVar[str] = "rmsprop"

    def __post_init__(self) -> None:
        check_real(self.rho, "rho", "RMSProp", low=0, high=1, high_open=True)
        check_real(self.eps, "eps", "RMSProp", low=0, low_open=True)

    def init(self, params):
        return (np.zeros_like(params),)

    def update(self, grad, state, lr):
        s = self.rho * state[0] + (1.0 - self.rho) * grad * grad
        return -lr * grad / (np.sqrt(s) + self.eps), (s,)


@dataclass(frozen=True)
class Adam(UpdateRule):
    """Adam with bias correction.

    Examples
    --------
    >>> import numpy as np
    >>> rule = Adam(); g = np.array([3.0, -0.01])
    >>> rule.update(g, rule.init(g), 0.1)[0].round(6)  # first step: -lr * sign(g)
    array([-0.1,  0.1])
    """

    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    name: ClassVar[str] = "adam"

    def __post_init__(self) -> None:
        check_real(self.beta1, "beta1", "Adam", low=0, high=1, high_open=True)
        check_real(self.beta2, "beta2", "Adam", low=0, high=1, high_open=True)
        check_real(self.eps, "eps", "Adam", low=0, low_open=True)

    def init(self, params):
        return (np.zeros_like(params), np.zeros_like(params), 0)

    def update(self, grad, state, lr):
        m, v, t = state
        t += 1
        m = self.beta1 * m + (1.0 - self.beta1) * grad
        v = self.beta2 * v + (1.0 - self.beta2) * grad * grad
        m_hat = m / (1.0 - self.beta1**t)
        v_hat = v / (1.0 - self.beta2**t)
        return -lr * m_hat / (np.sqrt(v_hat) + self.eps), (m, v, t)


RULES: dict[str, type[UpdateRule]] = {
    cls.name: cls for cls in (Plain, Momentum, Nesterov, AdaGrad, RMSProp, Adam)
}


def make_rule(rule: str | UpdateRule | None, where: str) -> UpdateRule:
    """Resolve an optimiser's ``rule`` argument: ``None`` is :class:`Plain`, a name from
    :data:`RULES` gives that rule with its defaults.

    Examples
    --------
    >>> make_rule("Adam", "SGD")
    Adam(beta1=0.9, beta2=0.999, eps=1e-08)
    """
    if rule is None:
        return Plain()
    if isinstance(rule, UpdateRule):
        return rule
    if isinstance(rule, str):  # ignoring case, with "did you mean" on a near miss
        try:
            return RULES[check_choice(rule, "rule", where, RULES)]()
        except ParameterError as e:
            raise param_error("rule", where, "an UpdateRule or " + e.allowed, rule) from None
    names = ", ".join(repr(k) for k in RULES)
    raise param_error("rule", where, f"an UpdateRule or one of {names}", rule)
