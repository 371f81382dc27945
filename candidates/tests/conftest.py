import pytest


@pytest.fixture(autouse=True)
def _candidate_urls(settings):
    settings.ROOT_URLCONF = "candidates.tests.urls"
