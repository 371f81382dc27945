"""Helpers the test suites share (the browser harness lives in ``browser``)."""

# The start of an hour (and so of a minute): the API throttles count in windows
# aligned to the clock, and the suite's conftest pins their clock here so every
# test counts from a window's first second.
THROTTLE_CLOCK = 1_800_000_000.0
