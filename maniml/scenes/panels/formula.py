"""The formula panel: the loss formula and the update rule, with live numbers under each."""

from __future__ import annotations

import numpy as np
from manim import UL, MathTex, MathTypst, VMobject

from ...trajectory import Trajectory
from ..cache import DiskCachedSVG
from ..numbers import MINUS, field_format, loss_format
from ..theme import DARK, Theme
from .base import Panel, model_kind
from .lines import ColouredLine, _char_advance, _field_width, _line_length

__all__ = ["FormulaPanel"]


class _MathTypst(DiskCachedSVG, MathTypst):
    """:class:`manim.MathTypst` whose parsed outlines stay in the per-machine disk cache."""


_TYPST = {
    "line": "L(theta) = 1/n sum_(i=1)^n (theta_0 + theta_1 x_i - y_i)^2",
    "sigmoid": "L(theta) = -1/n sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)], "
    "med p_i = sigma(theta_0 + theta_1 x_i)",
    "boundary": "L(theta) = -1/n sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)], "
    "med p_i = sigma(theta^T x_i)",
}
_TEX = {
    "line": r"L(\theta) = \frac{1}{n}\sum_{i=1}^n (\theta_0 + \theta_1 x_i - y_i)^2",
    "sigmoid": r"L(\theta) = -\frac{1}{n}\sum_i [y_i \ln p_i + (1 - y_i)\ln(1 - p_i)],"
    r"\; p_i = \sigma(\theta_0 + \theta_1 x_i)",
    "boundary": r"L(\theta) = -\frac{1}{n}\sum_i [y_i \ln p_i + (1 - y_i)\ln(1 - p_i)],"
    r"\; p_i = \sigma(\theta^\top x_i)",
}
_RULE_TYPST = {
    "Plain": "theta_(k+1) = theta_k - eta nabla L_(B_k)(theta_k)",
    "Momentum": "v_(k+1) = beta v_k + nabla L_(B_k)(theta_k), quad theta_(k+1) = theta_k - eta v_(k+1)",
    "Nesterov": "v_(k+1) = beta v_k + g_k, quad theta_(k+1) = theta_k - eta (g_k + beta v_(k+1))",
    "AdaGrad": "G_(k+1) = G_k + g_k^2, quad theta_(k+1) = theta_k - eta g_k / (sqrt(G_(k+1)) + epsilon)",
    "RMSProp": "s_(k+1) = rho s_k + (1 - rho) g_k^2, quad theta_(k+1) = theta_k - eta g_k / (sqrt(s_(k+1)) + epsilon)",
    "Adam": "theta_(k+1) = theta_k - eta hat(m)_(k+1) / (sqrt(hat(v)_(k+1)) + epsilon)",
}
_RULE_TEX = {
    "Plain": r"\theta_{k+1} = \theta_k - \eta \nabla L_{B_k}(\theta_k)",
    "Momentum": r"v_{k+1} = \beta v_k + \nabla L_{B_k}(\theta_k),\quad \theta_{k+1} = \theta_k - \eta v_{k+1}",
    "Nesterov": r"v_{k+1} = \beta v_k + g_k,\quad \theta_{k+1} = \theta_k - \eta (g_k + \beta v_{k+1})",
    "AdaGrad": r"G_{k+1} = G_k + g_k^2,\quad \theta_{k+1} = \theta_k - \frac{\eta\, g_k}{\sqrt{G_{k+1}} + \epsilon}",
    "RMSProp": r"s_{k+1} = \rho s_k + (1-\rho) g_k^2,\quad \theta_{k+1} = \theta_k - \frac{\eta\, g_k}{\sqrt{s_{k+1}} + \epsilon}",
    "Adam": r"\theta_{k+1} = \theta_k - \frac{\eta\, \hat m_{k+1}}{\sqrt{\hat v_{k+1}} + \epsilon}",
}


def _tuple_format(values: np.ndarray):
    """The format of one entry of a gradient or step tuple: :func:`field_format` with 3
    significant digits at the run's largest magnitude, but at least 2 decimals from 1 up (a
    gradient falling from 20 to 0.9 reads "-20.12" ... "-0.93", not "-0.9").

    Examples
    --------
    >>> f = _tuple_format(np.array([-20.1, -0.93])); f(-0.93), f(-20.1)
    ('−0.93', '−20.10')
    >>> _tuple_format(np.array([0.5, 0.012]))(0.012), _tuple_format(np.array([20.0]))(-1e-4)
    ('0.012', '0.00')
    >>> _tuple_format(np.array([3.1e153, 2.0]))(3.1e153)
    '3.10e+153'
    """
    v = np.abs(np.asarray(values, dtype=np.float64))
    v = v[np.isfinite(v)]
    hi = float(v.max()) if len(v) else 0.0
    more = min(int(np.floor(np.log10(hi))), 4) if 1 <= hi < 1e5 else 0  # 1e5 up: scientific
    fmt = field_format(values, 3 + more)

    def unsigned_zero(x: float) -> str:  # "0.00", not "−0.00", for a value that rounds to 0
        text = fmt(x)
        return text[1:] if text[:1] == MINUS and not text.strip(MINUS + "0.") else text

    return unsigned_zero


_FALLBACK_TYPST = "theta_(k+1) = theta_k + Delta theta_k"
_FALLBACK_TEX = r"\theta_{k+1} = \theta_k + \Delta\theta_k"
#: space between the two formulas of a row layout
_GAP = 0.6


class FormulaPanel(Panel):
    """The loss formula and the update rule, typeset once, with live numbers under each.

    The formulas are :class:`manim.MathTypst` (no LaTeX needed), or :class:`manim.MathTex` with
    ``use_latex=True``; they are static. The numbers under them are :class:`SplitLine` lines:
    the current model and loss under the loss formula; the gradient of the step that made the
    row, the learning rate and the batch under the update rule.

    Parameters
    ----------
    width : float
        Width available; formulas are scaled down to fit it, and so are the numbers.
    layout : {'row', 'column'}
        Loss formula and update rule side by side, or one above the other.
    """

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 12.0,
        font_size: float = 30,
        numbers_font_size: float = 18,
        use_latex: bool = False,
        layout: str = "row",
        kind: str | None = None,
    ) -> None:
        super().__init__(traj, theme=theme)
        if layout not in ("row", "column"):
            raise ValueError(
                f"The 'layout' parameter of FormulaPanel must be 'row' or 'column'; got {layout!r}."
            )
        self.kind = kind or model_kind(traj)
        self.rule = str(traj.settings.get("rule", "Plain"))
        self.plain = self.rule == "Plain"
        cell_w, specs, numbers_font_size = self._ranges(width, layout, numbers_font_size)
        self._build_still(
            specs, width=width, cell_w=cell_w, layout=layout, font_size=font_size,
            numbers_font_size=numbers_font_size, use_latex=use_latex,
        )  # fmt: skip
        self._build_moving()
        self._finish()

    # -- ranges --------------------------------------------------------------------------------------
    def _ranges(
        self, width: float, layout: str, numbers_font_size: float
    ) -> tuple[float, list[list[tuple[list[str | int], str]]], float]:
        """The width of each formula's cell, the number lines' pieces (fields wide enough for
        every row of the run), and their font size, shrunk so that the longest fits its cell."""
        cols = 2 if layout == "row" else 1
        cell_w = (width - _GAP * (cols - 1)) / cols
        specs = self._specs()
        longest = max(sum(_line_length(p) for p, _ in spec) for spec in specs)
        nfs = numbers_font_size
        if longest * _char_advance(nfs) > cell_w:
            nfs *= cell_w / (longest * _char_advance(nfs))
        return cell_w, specs, nfs

    # -- still parts ---------------------------------------------------------------------------------
    def _build_still(
        self,
        specs: list[list[tuple[list[str | int], str]]],
        *,
        width: float,
        cell_w: float,
        layout: str,
        font_size: float,
        numbers_font_size: float,
        use_latex: bool,
    ) -> None:
        """The two formulas, the number lines under them (their text is still, their numbers
        move), and an invisible frame of the panel's full size."""
        theme = self.theme
        maker = MathTex if use_latex else _MathTypst
        loss_src = (_TEX if use_latex else _TYPST)[self.kind]
        rule_src = (_RULE_TEX if use_latex else _RULE_TYPST).get(
            self.rule, _FALLBACK_TEX if use_latex else _FALLBACK_TYPST
        )
        self.loss_formula = maker(loss_src, font_size=font_size, color=theme.text)
        self.rule_formula = maker(rule_src, font_size=font_size, color=theme.text)
        for f in (self.loss_formula, self.rule_formula):
            if f.width > cell_w:
                f.scale_to_fit_width(cell_w)
        self.loss_numbers, self.rule_numbers, self.batch_numbers = (
            ColouredLine(spec, font_size=numbers_font_size) for spec in specs
        )
        text_h = numbers_font_size / 48 * 0.75
        self._place(layout, cell_w, text_h)
        self.still.add(self.loss_formula, self.rule_formula)
        for line in (self.loss_numbers, self.rule_numbers, self.batch_numbers):
            self.still.add(line.static)
        self.frame = self._frame(layout, width, text_h)
        self.still.add(self.frame)

    def _place(self, layout: str, cell_w: float, text_h: float) -> None:
        """Each formula at its cell's top left, its number lines below it, left-aligned."""
        self.loss_formula.move_to(np.zeros(3), aligned_edge=UL)
        if layout == "row":
            self.rule_formula.move_to(np.array([cell_w + _GAP, 0.0, 0.0]), aligned_edge=UL)
        else:
            h = self.loss_formula.height + 2.6 * text_h + 0.35
            self.rule_formula.move_to(np.array([0.0, -h, 0.0]), aligned_edge=UL)
        for formula, lines in (
            (self.loss_formula, [self.loss_numbers]),
            (self.rule_formula, [self.rule_numbers, self.batch_numbers]),
        ):
            y = formula.get_bottom()[1] - 0.2 - text_h
            for line in lines:
                line.move_origin_to(np.array([formula.get_left()[0], y, 0.0]))
                y -= text_h * 1.6

    def _frame(self, layout: str, width: float, text_h: float) -> VMobject:
        """An invisible rectangle from the top left to ``width`` and below the lowest numbers."""
        frame = VMobject(stroke_opacity=0.0, fill_opacity=0.0)
        bottom = self.rule_formula.get_bottom()[1] - 0.2 - text_h * 3.0
        if (
            layout == "column"
            or self.loss_formula.get_bottom()[1] < self.rule_formula.get_bottom()[1]
        ):
            bottom = min(bottom, self.loss_formula.get_bottom()[1] - 0.2 - text_h * 1.4)
        frame.set_points_as_corners(
            [[0, 0, 0], [width, 0, 0], [width, bottom, 0], [0, bottom, 0], [0, 0, 0]]
        )
        return frame

    # -- moving parts --------------------------------------------------------------------------------
    def _build_moving(self) -> None:
        """The numbers of the three lines."""
        for line in (self.loss_numbers, self.rule_numbers, self.batch_numbers):
            self.moving.add(line.dynamic)

    def _specs(self) -> list[list[tuple[list[str | int], str]]]:
        """The three number lines, as coloured parts: the model (in the model's colour) and
        the loss (the loss colour); the gradient or step (text); the learning rate (muted, as
        in the read-outs) and the batch (the batch rings' colour; text when every step uses
        all samples). Each number keeps one format for the run (:func:`field_format`), the
        one the read-outs use for the same quantity (the loss and the batch loss:
        :func:`loss_format`); a tuple is one field, written without padding inside its
        parentheses."""
        t = self.traj
        P = t.params.shape[1]
        self._fp = [field_format(t.params[:, i], 3) for i in range(P)]
        self._fg = [_tuple_format(t.grads[:, i]) for i in range(P)] if len(t.grads) else []
        steps = np.diff(t.params, axis=0)
        self._fd = [_tuple_format(steps[:, i]) for i in range(P)] if len(steps) else []
        self._fl = loss_format(t.loss)  # the loss and the batch loss, as in the read-outs
        self._fe = field_format(t.lr, 3)  # the learning rate, as in the read-outs
        rows = np.unique(np.linspace(0, t.n_steps, min(t.n_steps + 1, 400)).astype(int))
        wm = max(len(self._model_text(k)) for k in rows)
        wl = max(len(self._fl(v)) for v in t.loss[rows])
        wr = max((len(self._rule_text(k)) for k in rows if k > 0), default=1)
        theme = self.theme
        model = [([wm], theme.model), (["   L = ", wl], theme.loss)]
        rule = [([wr], theme.text)]
        bi = t.batch_indices
        eta: tuple[list[str | int], str] = (["η = ", _field_width(t.lr, self._fe)], theme.muted)
        if bi.is_full:
            batch = [eta, ([f"   B = all {bi.full_n} samples"], theme.text)]
        else:
            sizes = bi.sizes()
            wb = _field_width(t.batch_loss, self._fl)
            if len(sizes) and sizes.max() == 1:
                # the braces belong to the field: padding goes before "{", never inside
                wi = len(str(max(0, len(t.y) - 1))) + 2
                batch = [eta, (["   B = ", wi, "   batch loss = ", wb], theme.batch)]
            else:
                ws = len(str(int(sizes.max()) if len(sizes) else 1))
                batch = [eta, (["   |B| = ", ws, "   batch loss = ", wb], theme.batch)]
        return [model, rule, batch]

    def _model_text(self, k: int) -> str:
        """The model at row ``k`` with its numbers (the loss follows in its own colour)."""
        t, fp = self.traj, self._fp
        p = [f(v) for f, v in zip(fp, t.params[k], strict=True)]
        if self.kind == "line":
            return f"ŷ = {p[0]} + {p[1]}·x"
        if self.kind == "sigmoid":
            return f"p = σ({p[0]} + {p[1]}·x)"
        return f"θ = ({', '.join(p)})"

    def _rule_text(self, k: int) -> str:
        """The gradient (and step) line of the step that made row ``k`` (``k >= 1``)."""
        t = self.traj
        g = ", ".join(f(v) for f, v in zip(self._fg, t.grads[k - 1], strict=True))
        if self.plain:
            return f"∇L = ({g})"
        d = ", ".join(f(v) for f, v in zip(self._fd, t.params[k] - t.params[k - 1], strict=True))
        return f"g = ({g})  Δθ = ({d})"

    def colour_roles(self) -> dict[str, list[VMobject]]:
        """The number lines' parts drawn in a role's colour, by role (see
        :meth:`DataPanel.colour_roles`)."""
        model, loss = self.loss_numbers.parts
        roles: dict[str, list[VMobject]] = {
            "model": [model.static, model.dynamic],
            "loss": [loss.static, loss.dynamic],
        }
        if not self.traj.batch_indices.is_full:
            batch = self.batch_numbers.parts[1]
            roles["batch"] = [batch.static, batch.dynamic]
        return roles

    # -- showing a row -------------------------------------------------------------------------------
    def _show(self, k: int) -> None:
        t = self.traj
        self.loss_numbers.set(
            self._model_text(k).ljust(self.loss_numbers.widths[0]), self._fl(t.loss[k])
        )
        if k == 0:
            self.rule_numbers.set()
            self.batch_numbers.set()
            return
        self.rule_numbers.set(self._rule_text(k).ljust(self.rule_numbers.widths[0]))
        bi = t.batch_indices
        eta = self._fe(t.lr[k - 1])
        if bi.is_full:
            self.batch_numbers.set(eta)
            return
        idx = bi[k - 1]
        bl = self._fl(t.batch_loss[k - 1])
        one = self.batch_numbers.pieces[2] == "   B = "
        who = f"{{{int(idx[0])}}}" if one else str(len(idx))
        self.batch_numbers.set(eta, who, bl)
