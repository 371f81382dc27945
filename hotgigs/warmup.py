"""Prepare a web process before its first request (gunicorn's `post_worker_init`).

Each app may define `warm()` on its AppConfig to build long-lived per-process
state (the matching taxonomy). Then `freeze_long_lived_state()`:

- `gc.freeze()` moves everything alive into the permanent generation: the
  collector stops rescanning the taxonomy's many small objects during
  requests (20–30 ms pauses in cold requests otherwise).
- The young generation's threshold goes from Python's 700 to YOUNG_THRESHOLD.
  The count it is compared with is container objects allocated minus those
  freed, and a recommendation or a ranking holds tens of thousands of them
  (jobs, prepared sides, results) until it returns: at 700 the collector
  runs a young pass every 700 of them and older passes that scan the same
  survivors again, ~20 ms of a recommendation at p50 and 45 at p95, for
  almost no garbage (reference counting frees what a request leaves; the
  collector is only for cycles). At 50,000 a recommendation at 1M jobs
  seldom meets a collection (2 of 80 requests, measured: bench/README.md,
  "Matching speed, round 11"), at the price of cyclic garbage waiting for
  up to 50,000 allocations (a few MB at most) and a rarer, longer pass. The
  older generations keep their thresholds.

The web process is ours (gunicorn.conf.py calls `warm_process` in every
worker), so this process setting is made here, once, not by the engine.
A failed app warm-up is logged, never fatal: the worker starts, builds
lazily, and is frozen and tuned all the same.
"""

import gc
import logging

from django.apps import apps
from django.db import connections

logger = logging.getLogger(__name__)

# Container objects allocated (net of those freed) between two young
# collections; Python's default is 700. See the module docstring.
YOUNG_THRESHOLD = 50_000


def warm_process() -> list[str]:
    """Warm every app that can be warmed; the labels warmed."""
    warmed = []
    for config in apps.get_app_configs():
        warm = getattr(config, "warm", None)
        if warm is None:
            continue
        try:
            warm()
        except Exception:
            logger.warning("warm-up of %s failed", config.label, exc_info=True)
        else:
            warmed.append(config.label)
    # The warm-up ran on the main thread; requests run on the worker's threads.
    connections.close_all()
    freeze_long_lived_state()
    return warmed


def freeze_long_lived_state() -> None:
    """Everything alive now out of the collector's scans, and young collections
    every YOUNG_THRESHOLD allocations (the older generations' thresholds kept).
    The benchmarks call it too, to measure a process as it serves requests."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
