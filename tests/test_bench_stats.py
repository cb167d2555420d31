"""The statistics the performance budgets report (bench/budgets.py), without a browser."""

from __future__ import annotations

import random

from bench.budgets import _median, ratio_interval


def _rounds(n: int, ratio: float, seed: int) -> tuple[list[float], list[float]]:
    """``n`` rounds of a noisy machine: each round's load falls on both samples, plus noise of their own."""
    rng = random.Random(seed)
    app, bare = [], []
    for _ in range(n):
        load = rng.uniform(0, 150)
        bare.append(700 + load + rng.gauss(0, 40))
        app.append(ratio * 700 + load + rng.gauss(0, 40))
    return app, bare


def test_the_interval_holds_the_measured_ratio_and_is_reproducible():
    app, bare = _rounds(9, 1.15, seed=1)
    low, high = ratio_interval(app, bare)
    assert low <= round(_median(app) / _median(bare), 3) <= high
    assert (low, high) == ratio_interval(app, bare)


def test_identical_samples_have_no_spread():
    assert ratio_interval([800.0] * 9, [700.0] * 9) == (round(800 / 700, 3), round(800 / 700, 3))


def test_more_rounds_narrow_the_interval():
    widths = []
    for n in (9, 81):
        app, bare = _rounds(n, 1.15, seed=2)
        low, high = ratio_interval(app, bare)
        widths.append(high - low)
    assert widths[1] < widths[0] / 2
