"""The read-out panel: epoch and step, the parameters, the loss, the learning rate."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from manim import VMobject

from ...trajectory import Trajectory
from ..numbers import field_format, loss_format
from ..theme import DARK, Theme
from .base import Panel
from .lines import SplitLine, _char_advance, _field_width, _line_length

__all__ = ["ReadoutPanel"]

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class ReadoutPanel(Panel):
    """Read-outs of the current row: epoch and step, the parameters, the loss, the learning rate.

    Each line is a :class:`SplitLine` in a monospaced font: labels are still, and only the
    numbers, in fields wide enough for every row of the run, are redrawn per frame. The font
    shrinks so that the longest line fits ``width``.

    Parameters
    ----------
    names : sequence of str, optional
        One label per parameter (default ``θ₀``, ``θ₁``...).
    digits : int
        Significant digits of the numbers: each field gets one format for the whole run
        (:func:`~maniml.scenes.numbers.field_format`), so its digits never jump; every loss
        line (``loss``, ``batch loss``, ``val loss``) the run's loss format
        (:func:`~maniml.scenes.numbers.loss_format`), the one the formula panel uses.
    show_lr, show_batch_loss : bool
        Lines for the learning rate and the loss on the step's batch (default: when batches are
        not the full data).
    extras : mapping of str to array, optional
        More lines after the loss, one per entry: its label and its value at every row (shape
        ``(S + 1,)``), e.g. ``{'val loss': traj.val_loss, 'R²': r2}``.
    show_params : bool
        Lines for the parameters (off for a model with many).
    """

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 5.0,
        font_size: float = 22,
        names: Sequence[str] | None = None,
        digits: int = 3,
        show_lr: bool = True,
        show_batch_loss: bool | None = None,
        line_spacing: float = 1.35,
        extras: Mapping[str, np.ndarray] | None = None,
        show_params: bool = True,
    ) -> None:
        super().__init__(traj, theme=theme)
        self.extras = {str(k): np.asarray(v, dtype=np.float64) for k, v in (extras or {}).items()}
        for k, v in self.extras.items():
            if v.shape != (traj.n_steps + 1,):
                raise ValueError(
                    f"The 'extras' parameter of ReadoutPanel must map names to arrays of shape "
                    f"({traj.n_steps + 1},); got shape {v.shape} for {k!r}."
                )
        self.show_params = bool(show_params)
        P = traj.params.shape[1]
        if names is None:
            names = [f"θ{str(i).translate(_SUB)}" for i in range(P)]
        names = [str(n) for n in names]
        if len(names) != P:
            raise ValueError(
                f"The 'names' parameter of ReadoutPanel must have {P} entries; got {len(names)}."
            )
        self.names, self.digits = names, digits
        self.epochs = int(traj.settings.get("epochs") or int(traj.epoch.max()) or 1)
        self.S = traj.n_steps
        if show_batch_loss is None:
            show_batch_loss = not traj.batch_indices.is_full and len(traj.batch_loss) > 0
        self.show_lr, self.show_batch_loss = bool(show_lr), bool(show_batch_loss)
        specs = self._ranges()
        self._build_still(specs, width=width, font_size=font_size, line_spacing=line_spacing)
        self._build_moving()
        self._finish()

    # -- ranges --------------------------------------------------------------------------------------
    def _ranges(self) -> dict[str, list[str | int]]:
        """Each line's pieces (see :class:`SplitLine`), by key: labels, and number fields wide
        enough for every row of the run; a constant learning rate is all text."""
        traj, digits = self.traj, self.digits
        keys = [*(self.names if self.show_params else []), "loss", *self.extras]
        columns = {name: traj.params[:, i] for i, name in enumerate(self.names)}
        columns["loss"] = traj.loss
        columns.update(self.extras)
        if self.show_batch_loss:
            keys.append("batch loss")
            columns["batch loss"] = traj.batch_loss
        if self.show_lr:
            keys.append("lr")
            columns["lr"] = traj.lr
        key_w = max(len(k) for k in keys)
        # every loss (training, batch, validation) in the one format of the run's losses, as
        # under the formula; the others each in their own field's format
        self.formats = {
            k: loss_format(traj.loss, digits) if k.endswith("loss") else
            field_format(columns[k], digits) for k in keys
        }  # fmt: skip
        widths = {k: max(4, _field_width(columns[k], self.formats[k])) for k in keys}
        num_w = max(widths.values())
        ew, sw = len(str(self.epochs)), len(str(self.S))
        specs: dict[str, list[str | int]] = {
            "head": ["epoch ", ew, f"/{self.epochs}   step ", sw, f"/{self.S}"]
        }
        self.lr_constant = self.show_lr and len(traj.lr) > 0 and bool(np.all(traj.lr == traj.lr[0]))
        for k in keys:
            specs[k] = [f"{k.ljust(key_w)} = ", num_w]
        if self.lr_constant:  # a constant learning rate is still text, drawn once
            specs["lr"] = [f"{'lr'.ljust(key_w)} = {self.formats['lr'](traj.lr[0]).rjust(num_w)}"]
        return specs

    # -- still parts ---------------------------------------------------------------------------------
    def _build_still(
        self,
        specs: dict[str, list[str | int]],
        *,
        width: float,
        font_size: float,
        line_spacing: float,
    ) -> None:
        """The lines (their text is still, their numbers move), in a font that fits ``width``,
        and an invisible frame so that the panel has its full size whatever the text."""
        theme = self.theme
        longest = max(_line_length(spec) for spec in specs.values())
        adv = _char_advance(font_size)
        if longest * adv > width:
            font_size = font_size * width / (longest * adv)
            adv = _char_advance(font_size)
        self.font_size = font_size
        colours = {
            "loss": theme.loss,
            "batch loss": theme.muted,
            "lr": theme.muted,
            "head": theme.text,
        }
        for key in self.extras:  # a validation loss in the validation curve's colour
            colours[key] = theme.validation if key.endswith("loss") else theme.text
        pitch = font_size / 48 * 0.75 * line_spacing  # ~ line height in scene units
        self.lines: dict[str, SplitLine] = {}
        for i, (key, spec) in enumerate(specs.items()):
            line = SplitLine(spec, font_size=font_size, color=colours.get(key, theme.model))
            line.move_origin_to(np.array([0.0, -i * pitch, 0.0]))
            self.lines[key] = line
            self.still.add(line.static)
        top = font_size / 48 * 0.6
        h = pitch * (len(specs) - 1) + font_size / 48 * 0.75
        self.frame = VMobject(stroke_opacity=0.0, fill_opacity=0.0)
        self.frame.set_points_as_corners(
            [[0, top, 0], [longest * adv, top, 0], [longest * adv, -h, 0], [0, top, 0]]
        )
        self.still.add(self.frame)

    # -- moving parts --------------------------------------------------------------------------------
    def _build_moving(self) -> None:
        """The numbers of every line."""
        for line in self.lines.values():
            self.moving.add(line.dynamic)

    # -- showing a row -------------------------------------------------------------------------------
    def _num(self, v: float, key: str = "loss") -> str:
        return self.formats[key](v)

    def _show(self, k: int) -> None:
        t = self.traj
        self.lines["head"].set(str(int(t.epoch[k])), str(k))
        if self.show_params:
            for name, v in zip(self.names, t.params[k], strict=True):
                self.lines[name].set(self._num(v, name))
        self.lines["loss"].set(self._num(t.loss[k]))
        for name, values in self.extras.items():
            v = values[k]
            self.lines[name].set(self._num(v, name) if math.isfinite(v) else "")
        if self.show_batch_loss:
            self.lines["batch loss"].set(
                self._num(t.batch_loss[k - 1], "batch loss") if k > 0 else ""
            )
        if self.show_lr and not self.lr_constant:
            lr = t.lr[k - 1] if k > 0 else (t.lr[0] if len(t.lr) else float("nan"))
            self.lines["lr"].set(self._num(lr, "lr") if math.isfinite(lr) else "")

    def colour_roles(self) -> dict[str, list[VMobject]]:
        """The lines drawn in a role's colour, by role (see :meth:`DataPanel.colour_roles`)."""
        roles: dict[str, list[VMobject]] = {"loss": [], "model": [], "validation": []}
        for key, line in self.lines.items():
            role = (
                "loss" if key == "loss"
                else "validation" if key in self.extras and key.endswith("loss")
                else "model" if self.show_params and key in self.names
                else None
            )  # fmt: skip
            if role is not None:
                roles[role] += [line.static, line.dynamic]
        return {k: v for k, v in roles.items() if v}

    def text(self) -> str:
        """All lines as shown, joined by newlines (for tests and logs)."""
        return "\n".join(line.text for line in self.lines.values())
