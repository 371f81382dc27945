"""Both candidate-search plans (fenced collection, index walk) give the same ids."""

import pytest
from django.core.cache import cache
from django.db import connection

from candidates.search import CandidateSearchParams, search_candidate_ids
from candidates.tests.test_search import pool  # noqa: F401 - the shared fixture
from hotgigs import search as fts

PARAMS = [
    CandidateSearchParams(q="python"),
    CandidateSearchParams(q="python", sort="recent"),
    CandidateSearchParams(q="python or reliability", sort="experience"),
    CandidateSearchParams(country="DE"),
    CandidateSearchParams(skills=("python",), sort="experience"),
    CandidateSearchParams(q="nothing-matches-this"),
]


@pytest.mark.postgres
@pytest.mark.parametrize("params", PARAMS, ids=[str(i) for i in range(len(PARAMS))])
def test_fenced_and_walking_plans_agree(pool, monkeypatch, params):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("The plans differ on PostgreSQL only")
    answers = []
    for fenced in (True, False):
        cache.clear()
        monkeypatch.setattr(fts, "prefer_fenced", lambda qs, *, limit, f=fenced: f)
        answers.append(search_candidate_ids(params))
    assert answers[0] == answers[1]
    assert bool(answers[0]) == (params.q != "nothing-matches-this")
