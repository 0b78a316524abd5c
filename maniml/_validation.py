"""Argument checks shared by the core, with one message format.

Every public entry point validates its arguments here, once, where the user called in, so that a bad
argument gives a message of the form::

    The 'batch_size' parameter of MiniBatchGD must be an int in [1, inf); got 0.

and never a NumPy traceback from deep inside.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from numbers import Integral, Real
from typing import Any

import numpy as np

from ._typing import FloatArray

__all__ = [
    "ParameterError",
    "check_array",
    "check_choice",
    "check_finite_array",
    "check_init",
    "check_int",
    "check_keywords",
    "check_real",
    "check_seed",
    "check_Xy",
    "is_discrete",
    "param_error",
]


class ParameterError(ValueError):
    """A bad argument or setting: a :class:`ValueError` that carries what was wrong.

    Callers that wrap a core call (a scene turning a parameter into a setting) read the fields
    instead of parsing the message.

    Attributes
    ----------
    name : str
        The argument or setting, as the user typed it.
    where : str
        The function, class or scene the user called.
    allowed : str
        What is allowed, in words.
    got : object
        What was given.
    kind : str
        ``'parameter'`` (core arguments), ``'setting'`` (scene settings) or ``'keyword'`` (an
        unknown keyword argument).
    hint : str
        A sentence after the message saying what to do instead (may be empty).

    Examples
    --------
    >>> e = ParameterError("lr", "SGD", "a float > 0", -1.0)
    >>> e.name, str(e)
    ('lr', "The 'lr' parameter of SGD must be a float > 0; got -1.0.")
    >>> str(e.as_setting("LinRegScene"))
    "The 'lr' setting of LinRegScene must be a float > 0; got -1.0."
    """

    __module__ = "maniml"  # tracebacks say maniml.ParameterError

    def __init__(
        self,
        name: str,
        where: str,
        allowed: str,
        got: Any,
        *,
        kind: str = "parameter",
        message: str | None = None,
        hint: str = "",
    ) -> None:
        self.name, self.where, self.allowed, self.got, self.kind = name, where, allowed, got, kind
        self.message, self.hint = message, hint
        text = message or f"The {name!r} {kind} of {where} must be {allowed}; got {_short(got)}."
        super().__init__(f"{text} {hint}" if hint else text)

    def __reduce__(self):  # picklable (parallel renders send errors between processes)
        args = (self.name, self.where, self.allowed, self.got, self.kind, self.message, self.hint)
        return (_rebuild, args)

    def as_setting(self, where: str, name: str | None = None) -> ParameterError:
        """The same problem told as a bad setting of ``where`` (optionally under another name)."""
        return ParameterError(
            name or self.name, where, self.allowed, self.got, kind="setting", hint=self.hint
        )


def _rebuild(
    name: str,
    where: str,
    allowed: str,
    got: Any,
    kind: str,
    message: str | None = None,
    hint: str = "",
) -> ParameterError:
    return ParameterError(name, where, allowed, got, kind=kind, message=message, hint=hint)


def param_error(name: str, where: str, allowed: str, got: Any) -> ParameterError:
    """Build the project's one error message for a bad argument.

    Parameters
    ----------
    name : str
        The argument's name as the user typed it.
    where : str
        The function or class the user called.
    allowed : str
        What is allowed, in words ("a float > 0", "one of 'a', 'b'").
    got : object
        What was given; its ``repr`` is shown (shortened for arrays).

    Returns
    -------
    ParameterError
        The error (a ValueError), to be raised by the caller.

    Examples
    --------
    >>> str(param_error("lr", "SGD", "a float > 0", -1.0))
    "The 'lr' parameter of SGD must be a float > 0; got -1.0."
    """
    return ParameterError(name, where, allowed, got)


def check_choice(
    value: Any, name: str, where: str, options: Iterable[str], *, kind: str = "parameter"
) -> str:
    """Match a name against ``options`` ignoring case; return the option as spelled there.

    A near miss is answered with "did you mean ...?".

    Examples
    --------
    >>> check_choice("Adam", "rule", "BGD", ["plain", "momentum", "adam"])
    'adam'
    >>> check_choice("momentun", "rule", "BGD", ["plain", "momentum", "adam"])
    Traceback (most recent call last):
    ...
    maniml.ParameterError: The 'rule' parameter of BGD must be one of 'plain', \
'momentum', 'adam' (did you mean 'momentum'?); got 'momentun'.
    """
    options = list(options)
    if isinstance(value, str):
        folded = {o.lower(): o for o in options}
        hit = folded.get(value.lower())
        if hit is not None:
            return hit
    raise ParameterError(name, where, _one_of(value, options), value, kind=kind)


def _one_of(value: Any, options: list[str]) -> str:
    """``"one of 'a', 'b'"``, with "did you mean ...?" for a near miss."""
    allowed = "one of " + ", ".join(repr(o) for o in options)
    if isinstance(value, str):
        close = difflib.get_close_matches(value.lower(), [o.lower() for o in options], n=1)
        if close:
            allowed += f" (did you mean {close[0]!r}?)"
    return allowed


def check_keywords(
    keywords: Iterable[str],
    where: str,
    allowed: Iterable[str],
    hints: dict[str, str] | None = None,
) -> None:
    """Refuse a keyword argument outside ``allowed`` (instead of Python's TypeError).

    The message lists the allowed keywords, suggests a near miss, and adds ``hints[keyword]``
    when there is one (what to write instead).

    Examples
    --------
    >>> check_keywords(["lr"], "BGD", ["lr", "rule"])
    >>> check_keywords(["rul"], "BGD", ["lr", "rule"])
    Traceback (most recent call last):
    ...
    maniml.ParameterError: The 'rul' keyword of BGD must be one of 'lr', 'rule' \
(did you mean 'rule'?); got 'rul'.
    """
    allowed = list(allowed)
    for key in keywords:
        if key not in allowed:
            hint = (hints or {}).get(key, "")
            raise ParameterError(key, where, _one_of(key, allowed), key, kind="keyword", hint=hint)


def _short(value: Any) -> str:
    if isinstance(value, np.generic):  # show np.float64(2.0) as the user wrote it: 2.0
        value = value.item()
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_real(
    value: Any,
    name: str,
    where: str,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
    allow_none: bool = False,
) -> float | None:
    """Check that ``value`` is a finite real number in an interval and return it as ``float``.

    Examples
    --------
    >>> check_real(0.5, "lr", "SGD", low=0, low_open=True)
    0.5
    """
    if value is None and allow_none:
        return None
    lo = "(" if low_open else "["
    hi = ")" if high_open or math.isinf(high) else "]"
    allowed = f"a float in {lo}{low:g}, {high:g}{hi}"
    if allow_none:
        allowed += " or None"
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(float(value)):
        raise param_error(name, where, allowed, value)
    v = float(value)
    if v < low or (low_open and v == low) or v > high or (high_open and v == high):
        raise param_error(name, where, allowed, value)
    return v


def check_int(
    value: Any,
    name: str,
    where: str,
    *,
    low: int | None = None,
    high: int | None = None,
    allow_none: bool = False,
) -> int | None:
    """Check that ``value`` is an integer in ``[low, high]`` and return it as ``int``.

    Examples
    --------
    >>> check_int(3, "epochs", "fit", low=1)
    3
    """
    if value is None and allow_none:
        return None
    lo = "-inf" if low is None else str(low)
    hi = "inf)" if high is None else f"{high}]"
    allowed = f"an int in [{lo}, {hi}" + (" or None" if allow_none else "")
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise param_error(name, where, allowed, value)
    v = int(value)
    if (low is not None and v < low) or (high is not None and v > high):
        raise param_error(name, where, allowed, value)
    return v


def check_seed(seed: Any, where: str) -> int | None:
    """A seed is ``None`` or an int >= 0 (for ``numpy.random.default_rng``).

    Examples
    --------
    >>> check_seed(7, "fit"), check_seed(None, "fit")
    (7, None)
    """
    return check_int(seed, "seed", where, low=0, allow_none=True)


def check_array(value: Any, name: str, where: str, *, ndim: tuple[int, ...]) -> FloatArray:
    """Convert ``value`` to a float64 array with one of the allowed numbers of dimensions.

    Examples
    --------
    >>> check_array([1, 2], "y", "fit", ndim=(1,)).dtype
    dtype('float64')
    """
    if type(value).__module__.startswith("scipy.sparse"):
        allowed = "a dense array (sparse input is not supported: use .toarray())"
        raise param_error(name, where, allowed, value)
    try:
        arr = np.asarray(value)
        if arr.dtype.kind == "c":
            raise param_error(
                name, where, "an array of real numbers (Complex data not supported)", arr
            )
        arr = arr.astype(np.float64, copy=False)
    except ParameterError:
        raise
    except ValueError:
        raise param_error(name, where, "an array of real numbers", value) from None
    except TypeError as exc:  # an entry of the wrong type (a dict, None in a list): a TypeError
        raise TypeError(
            f"The {name!r} parameter of {where} must be an array of real numbers; "
            f"got {_short(value)} ({exc})."
        ) from None
    if arr.ndim not in ndim:
        dims = " or ".join(f"{d}-D" for d in ndim)
        raise param_error(name, where, f"a {dims} array", arr)
    return arr


def is_discrete(values: np.ndarray) -> bool:
    """True when ``values`` can be class labels: not numbers, or numbers that are all whole.

    Floats with a fractional part, NaN or inf are a continuous target (scikit-learn's rule in
    ``type_of_target``).

    Examples
    --------
    >>> is_discrete(np.array([0.0, 1.0])), is_discrete(np.array(["a", "b"]))
    (True, True)
    >>> is_discrete(np.array([0.5, 1.0]))
    False
    """
    if values.dtype.kind == "O":
        try:
            values = values.astype(np.float64)
        except (TypeError, ValueError):
            return True  # strings or other labels
    if values.dtype.kind in "fc":
        return bool(np.all(np.isfinite(values) & (values == np.round(values))))
    return True


def check_finite_array(arr: FloatArray, name: str, where: str) -> FloatArray:
    """Raise if ``arr`` holds NaN or inf, naming the first bad position.

    Examples
    --------
    >>> check_finite_array(np.array([1.0, np.nan]), "y", "fit")
    Traceback (most recent call last):
    ...
    ValueError: The 'y' parameter of fit must be finite (no NaN or inf); got nan at index (1,).
    """
    bad = ~np.isfinite(arr)
    if bad.any():
        where_bad = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"The {name!r} parameter of {where} must be finite (no NaN or inf); "
            f"got {arr[where_bad].item()!r} at index {where_bad}."
        )
    return arr


def check_Xy(X: Any, y: Any, where: str) -> tuple[FloatArray, FloatArray]:
    """Validate a design matrix and targets.

    ``X`` may be 1-D (one feature) or 2-D ``(n_samples, n_features)``; it is returned 2-D. ``y``
    must be 1-D with one value per row of ``X``. Both must be finite and non-empty.

    Examples
    --------
    >>> X, y = check_Xy([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], "fit")
    >>> X.shape, y.shape
    ((3, 1), (3,))
    """
    X = check_array(X, "X", where, ndim=(1, 2))
    if X.ndim == 1:
        X = X[:, None]
    y = check_array(y, "y", where, ndim=(1,))
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise param_error("X", where, "a non-empty array of shape (n_samples, n_features)", X)
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"The 'X' and 'y' parameters of {where} must have the same number of samples; "
            f"got X with {X.shape[0]} rows and y with {y.shape[0]} values."
        )
    check_finite_array(X, "X", where)
    check_finite_array(y, "y", where)
    return X, y


def check_init(init: Any, n_params: int, where: str, name: str = "init") -> FloatArray:
    """Starting parameters: zeros by default, else a finite 1-D array of ``n_params`` values.

    Examples
    --------
    >>> check_init(None, 3, "fit")
    array([0., 0., 0.])
    >>> check_init([1.0, 2.0], 3, "fit")
    Traceback (most recent call last):
    ...
    maniml.ParameterError: The 'init' parameter of fit must be an array of shape (3,); got an \
array of shape (2,) and dtype float64.
    """
    if init is None:
        return np.zeros(n_params)
    arr = check_array(init, name, where, ndim=(1,))
    if arr.shape != (n_params,):
        raise param_error(name, where, f"an array of shape ({n_params},)", arr)
    return check_finite_array(arr.copy(), name, where)
