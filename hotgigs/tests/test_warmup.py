"""A web worker warms its per-process state and freezes it before requests."""

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from hotgigs.warmup import YOUNG_THRESHOLD, warm_process
from matching import occupations, skills
from matching.process_state import forget_process_state

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unfreeze():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_warm_process_builds_the_taxonomy_and_freezes_it(django_assert_num_queries):
    forget_process_state()

    assert warm_process() == ["matching"]

    assert skills._state["taxonomy"] is not None
    assert occupations._state["index"] is not None
    assert gc.get_freeze_count() > 0
    # The first request then finds the taxonomy built: no query for it.
    with django_assert_num_queries(0):
        skills.get_taxonomy()
        occupations.get_occupation_index()


def test_warm_process_raises_only_the_young_generations_threshold():
    gc.set_threshold(700, 7, 3)
    enabled = gc.isenabled()

    warm_process()

    assert gc.get_threshold() == (YOUNG_THRESHOLD, 7, 3)
    assert gc.isenabled() == enabled


def test_a_failing_warm_up_is_logged_and_the_worker_starts(monkeypatch, caplog):
    from django.apps import apps

    def broken():
        raise RuntimeError("database is down")

    monkeypatch.setattr(apps.get_app_config("matching"), "warm", broken)

    assert warm_process() == []
    assert "warm-up of matching failed" in caplog.text
    # the worker is frozen and tuned all the same
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD


def test_gunicorn_config_warms_each_worker(monkeypatch):
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    assert (config["worker_class"], config["timeout"], config["keepalive"]) == (
        "gthread",
        30,
        5,
    )
    calls, logged = [], []
    monkeypatch.setattr("hotgigs.warmup.warm_process", lambda: calls.append(1) or ["x"])
    worker = SimpleNamespace(log=SimpleNamespace(info=lambda *a: logged.append(a)))

    config["post_worker_init"](worker)

    assert calls == [1]
    assert logged == [("warmed: %s", "x")]
