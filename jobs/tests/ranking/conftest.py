"""Fixtures of the ranking tests."""

import pytest

from jobs.ranking import pools


@pytest.fixture
def without_window(monkeypatch):
    """Pools without the sort-by-match window (every recent job the candidate
    can take, which on a small site brings in any job): for tests of the
    skills, text and occupation parts."""
    monkeypatch.setattr(pools, "MATCH_WINDOW", 0)
