# manim -pql examples/my_course_fit.py HousePrices
"""Reuse 1: subclass a template and configure it, in your own project.

Your data (a CSV file), your colours, the light theme,
a learning-rate schedule and momentum, and only the panels you want, without editing maniml.
"""

from pathlib import Path

from maniml.scenes import LIGHT, LinRegScene

CSV = Path(__file__).resolve().parent / "house_prices.csv"  # 60 made-up houses: area, price


class HousePrices(LinRegScene):
    """Momentum SGD with exponential learning-rate decay, light theme, house colours."""

    settings = LinRegScene.settings.with_(
        data=str(CSV),
        target="price_k",
        standardize=True,
        optimizer="minibatch",
        batch_size=6,
        lr=0.05,
        rule="momentum",
        schedule="exponential",
        epochs=12,
        theme=LIGHT.with_(model="#0B6E4F", loss="#E4572E"),  # one colour per role: no two alike
        title="House prices: mini-batch SGD with momentum",
        x_label="area (standardised)",
        y_label="price (k€)",
        param_names=("intercept", "slope"),
        show_batch_loss=True,
        run_time=10.0,
    )
