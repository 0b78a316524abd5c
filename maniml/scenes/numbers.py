"""Every number a scene writes, formatted in one place (pure Python; no manim).

:func:`format_number` is the one formatter of read-outs: fixed point normally, scientific when
huge or tiny. The others are its uses: :func:`fit_number` (a read-out in a fixed-width field),
:func:`compact_number` (the landscape read-outs), :func:`field_format` (one format per
read-out field, chosen from the run's range), :func:`loss_format` (the one format of a run's
losses, wherever they are written), :func:`format_setting` (a setting as the user
wrote it), :func:`tick_formatter` (axis ticks) and :func:`pow10_label` (log axes).
"""

from __future__ import annotations

import math
from collections.abc import Callable

__all__ = [
    "MINUS",
    "compact_number",
    "field_format",
    "fit_number",
    "format_number",
    "format_setting",
    "loss_format",
    "pow10_label",
    "tick_formatter",
]

#: The minus sign of tick labels and fixed-width read-outs (U+2212, as wide as a digit).
MINUS = "\u2212"
_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def format_number(
    value: float,
    digits: int = 3,
    *,
    width: int = 0,
    large: float = 1e5,
    small: float | None = None,
    sci_digits: int | None = None,
) -> str:
    """Format a number for a read-out: fixed point normally, scientific when huge or tiny.

    Parameters
    ----------
    value : float
    digits : int
        Decimals in fixed point.
    width : int
        Right-justify in this many characters.
    large, small : float
        Scientific notation from ``|value| >= large`` and below ``small`` (default
        ``10 ** -digits``, where fixed point would show 0).
    sci_digits : int, optional
        Mantissa decimals in scientific notation (default ``digits - 1``, at least 1).

    Examples
    --------
    >>> format_number(1.23456), format_number(-0.5, 2), format_number(3.2e9), format_number(0.0)
    ('1.235', '-0.50', '3.20e+09', '0.000')
    >>> format_number(float("inf")), format_number(float("nan"))
    ('inf', 'nan')
    """
    if not math.isfinite(value):
        return ("-" if value < 0 else "") + "inf" if not math.isnan(value) else "nan"
    small = 10.0 ** (-digits) if small is None else small
    if value != 0.0 and (abs(value) >= large or abs(value) < small):
        text = f"{value:.{max(1, digits - 1) if sci_digits is None else sci_digits}e}"
    else:
        text = f"{value:.{digits}f}"
    return text.rjust(width)


def compact_number(value: float, digits: int = 3) -> str:
    """A read-out at most about eight characters wide: scientific from 1e4 and below 1e-3.

    Examples
    --------
    >>> compact_number(12.3456), compact_number(12345.6), compact_number(-2e-5, 2)
    ('12.346', '1.23e+04', '-2.00e-05')
    """
    return format_number(value, digits, large=1e4, small=1e-3, sci_digits=2)


def field_format(
    values, digits: int = 3, *, large: float = 1e5, spread: bool = False
) -> Callable[[float], str]:
    """One format for every value of a read-out field, chosen once from the run's ``values``:
    fixed point with the decimals that give the field's largest magnitude ``digits`` significant
    digits (with ``spread``, for a positive field spanning decades such as a loss: its smallest
    positive value), or scientific with
    ``digits - 1`` mantissa decimals for the whole field when that needs more than 5 decimals
    or the values reach ``large``. So a loss falling from 16 to 5e-4 reads "1.62e+01" ...
    "5.50e-04", never "0.007" then "5.50e-04". The sign of a negative value is U+2212.

    Examples
    --------
    >>> f = field_format([16.2, 1.16], spread=True); f(16.152), f(1.1642)
    ('16.15', '1.16')
    >>> f = field_format([3.75, 0.007, 0.00055], spread=True); f(0.007), f(0.00055)
    ('7.00e-03', '5.50e-04')
    >>> f = field_format([-2.4, 1.05]); f(-2.425), f(0.0)
    ('−2.42', '0.00')
    """
    import numpy as np

    v = np.asarray(values, dtype=np.float64).ravel()
    v = np.abs(v[np.isfinite(v)])
    hi = float(v.max()) if len(v) else 0.0
    pos = v[v > 0]
    ref = float(pos.min()) if spread and len(pos) else hi
    places = digits - 1 - (math.floor(math.log10(ref)) if ref > 0 else 0)
    sci = hi >= large or places > 5

    def fmt(x: float) -> str:
        x = float(x)
        if not math.isfinite(x):
            text = format_number(x)
        elif sci:
            text = f"{x:.{max(1, digits - 1)}e}"
        else:
            text = f"{x:.{max(0, places)}f}"
        return MINUS + text[1:] if text.startswith("-") else text

    return fmt


def loss_format(loss, digits: int = 3) -> Callable[[float], str]:
    """The one format of a run's losses: its loss, the loss on each step's batch and the
    validation loss, in the read-outs and under the formula alike. It is
    :func:`field_format` of the run's ``loss`` with ``digits`` significant digits at its
    smallest positive value, so the read-out's "loss = 0.162" and the formula's "L = 0.162"
    are one string, and a batch loss (noisier, but the same quantity) is written with the
    loss's decimals, never "316.7236" beside "loss = 1607".

    Examples
    --------
    >>> f = loss_format([0.693, 0.35, 0.162]); f(0.16205), f(1.2291)
    ('0.162', '1.229')
    >>> f = loss_format([29000.0, 2876.0]); f(2013.0993), f(316.7236)
    ('2013', '317')
    """
    return field_format(loss, digits, spread=True)


def fit_number(value: float, width: int, digits: int) -> str:
    """``value`` in at most ``width`` characters: fewer decimals if needed, minus sign U+2212.

    Examples
    --------
    >>> fit_number(-1.23456, 6, 4), fit_number(123.456, 5, 3)
    ('−1.235', '123.5')
    """
    text = ""
    for d in range(digits, -1, -1):
        text = format_number(float(value), d).replace("-", MINUS)
        if len(text) <= width:
            break
    return text


def format_setting(value: float) -> str:
    """A setting's value as the user wrote it (0.0015, 0.1, 1e-05).

    Examples
    --------
    >>> format_setting(0.0015), format_setting(0.1), format_setting(1e-5)
    ('0.0015', '0.1', '1e-05')
    """
    return f"{float(value):.6g}"


def pow10_label(e: float) -> str:
    """The tick label of decade ``e`` on a log axis.

    Examples
    --------
    >>> pow10_label(0), pow10_label(1), pow10_label(-3)
    ('1', '10', '10⁻³')
    """
    e = int(round(e))
    if e == 0:
        return "1"
    if e == 1:
        return "10"
    return "10" + str(e).translate(_SUP)


def _decimals(step: float) -> int:
    """Decimal places needed to print multiples of ``step`` exactly (0 for integers)."""
    for places in range(0, 6):
        if abs(round(step, places) - step) < 1e-9 * max(1.0, abs(step)):
            return places
    return 6


def tick_formatter(step: float) -> Callable[[float], str]:
    """A tick-label formatter for multiples of ``step``: exact decimals, k/M for big round values.

    Examples
    --------
    >>> f = tick_formatter(0.25)
    >>> f(0.5), f(-1.0), tick_formatter(5000)(20000)
    ('0.50', '−1.00', '20k')
    """
    places = _decimals(step)

    def fmt(v: float) -> str:
        if abs(v) < 0.5 * step * 1e-6:
            v = 0.0
        if step >= 1000 and abs(v) >= 10_000:
            for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
                if abs(v) >= div:
                    q = v / div
                    text = f"{q:.{_decimals(step / div) if step < div else 0}f}{suffix}"
                    break
        elif abs(v) >= 1e6 or (places > 4 and v != 0.0):
            text = f"{v:.1e}"
        else:
            text = f"{v:.{places}f}"
        return text.replace("-", MINUS)

    return fmt
