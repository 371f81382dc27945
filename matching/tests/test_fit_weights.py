"""The fit's comparison of two weightings (matching/data/fit_weights.py)."""

import pytest

from matching.data.fit_weights import FLOORS, _better


@pytest.mark.parametrize(
    ("got", "value", "better"),
    [
        # the same rounded smallest lead: the mean decides (before round 11 an
        # equal lead compared as lower, so the mean never decided)
        ((True, 0.02, 0.739), (True, 0.02, 0.731), True),
        ((True, 0.02, 0.731), (True, 0.02, 0.739), False),
        # a larger smallest lead beats a larger mean
        ((True, 0.03, 0.70), (True, 0.02, 0.75), True),
        # beating BM25 on every set comes first
        ((True, 0.01, 0.60), (False, 0.05, 0.80), True),
        ((False, 0.05, 0.80), (True, 0.01, 0.60), False),
        # equal, or different by float noise only: not better
        ((True, 0.02, 0.731), (True, 0.02, 0.731), False),
        ((True, 0.02, 0.731 + 1e-12), (True, 0.02, 0.731), False),
    ],
)
def test_better_compares_feasibility_then_the_smallest_lead_then_the_mean(
    got, value, better
):
    assert _better(got, value) is better


def test_the_cap_floor_keeps_a_cap():
    # a missing must-have always costs something: 1.0 would switch the cap off
    assert max(FLOORS) == 0.95 and min(FLOORS) == 0.3
