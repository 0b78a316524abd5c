"""Run diagnostics: where a run diverged and the verdict on it."""

from __future__ import annotations

import numpy as np
import pytest

import maniml
from maniml import BGD, Bowl, StretchedBowl, describe_run, divergence_step, minimize


def test_divergence_is_found_where_the_gap_blows_up():
    t = minimize(Bowl(), [0.0, 0.0], BGD(1.5), steps=30)
    k = divergence_step(t, 0.0)
    gap = t.loss - 0.0
    assert k is not None and gap[k] > 1e4 * gap[0] >= gap[k - 1]
    assert divergence_step(minimize(Bowl(), [0.0, 0.0], BGD(0.1), steps=30), 0.0) is None


def test_overflowing_run_uses_the_trajectory_divergence_step():
    with pytest.warns(maniml.DivergenceWarning):
        t = minimize(StretchedBowl(), None, BGD(5.0), steps=2000)
    assert t.diverged and t.diverged_step is not None
    assert divergence_step(t, 0.0, blowup=np.inf) == t.diverged_step


def test_verdicts_on_the_stretched_bowl():
    runs = [minimize(StretchedBowl(), None, BGD(lr), steps=40) for lr in (0.01, 0.1, 0.22, 0.3)]
    verdicts = [describe_run(t, 0.0) for t in runs]
    assert verdicts[:3] == ["too slow", "converges", "oscillates"]
    assert verdicts[3] == f"diverged at step {divergence_step(runs[3], 0.0)}"
