"""Job search sorted by match: a bounded window re-ranked for the signed-in candidate.

``sort=match`` takes the best ``MATCH_WINDOW`` jobs of the search as relevance
(with keywords) or newest (without) orders them — the window ``jobs.search``
reads anyway — and orders them by the candidate's match score from the
matching engine. Its cost is bounded by the window, never by the number of
matches: at a million jobs it scores 300 jobs, not every match.

Who may sort by match: a signed-in candidate with a profile (opting out of
automated scoring hides a candidate's scores from employers, not from the
candidate, as on the job page). Everyone else gets ``SortUnavailable``, which
the page and the API answer with a 400 naming the reason (a silent fallback to
relevance would show an order the user did not ask for as if it were theirs).

The scores come from ``jobs.ranking`` (the matching engine over jobs and
candidates rows), and so does ``MATCH_WINDOW``: "Recommended for you" scores the
same window without keywords (``jobs.ranking.pools.default_match_window``), so
it never misses a job this order shows. ``jobs.search`` imports this module,
so its types are imported here for type checking only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.core.cache import cache

from candidates.models import CandidateProfile
from hotgigs import search as fts
from jobs.ranking import pools
from jobs.ranking.selectors import score_jobs_for_profile
from jobs.search_cache import search_version

if TYPE_CHECKING:
    from jobs.search import JobSearchParams, SearchWindow

CACHE_TIMEOUT = 300


class SortUnavailable(ValueError):
    """This viewer cannot sort by match; the message says why (shown as a 400)."""


@dataclass(frozen=True)
class MatchViewer:
    """The candidate a match order is computed for, with their profile's last
    change: a profile edit gives a new key, so a stale order is never read."""

    profile_id: int
    stamp: str

    @property
    def key(self) -> str:
        return f"match:{self.profile_id}:{self.stamp}"


def match_viewer_for(user) -> MatchViewer:
    """The viewer for ``sort=match``, or ``SortUnavailable`` (1 query)."""
    if not user.is_authenticated or not user.is_candidate:
        raise SortUnavailable(
            "Sorting by match is for signed-in candidates with a profile."
        )
    row = (
        CandidateProfile.objects.filter(user=user)
        .values("pk", "last_active_at", "updated_at")
        .first()
    )
    if row is None:
        raise SortUnavailable("Create your candidate profile to sort jobs by match.")
    stamps = [row["last_active_at"], row["updated_at"]]
    stamp = ":".join(str(s.timestamp()) if s else "0" for s in stamps)
    return MatchViewer(profile_id=row["pk"], stamp=stamp)


def _scores(profile_id: int, job_ids: list[int]) -> dict[int, tuple[float, int]]:
    """``{job id: (precise score, score)}`` from the matching engine (4–6
    queries: ``score_jobs_for_profile``)."""

    results = score_jobs_for_profile(profile_id=profile_id, job_ids=job_ids)
    return {r.job_id: (r.precise, r.score) for r in results}


def match_order(
    params: JobSearchParams, window: SearchWindow, viewer: MatchViewer
) -> dict[int, int]:
    """``{job id: score}`` best first over the search's match window (cached
    per candidate, profile change, search version and filters)."""
    digest = fts.params_digest(replace(params, sort=""))
    key = f"jobs:search:{search_version()}:{viewer.key}:{digest}"
    order = cache.get(key)
    if order is None:
        ids = (window.ranked if params.q else window.newest)[: pools.MATCH_WINDOW]
        scores = _scores(viewer.profile_id, ids)
        position = {pk: i for i, pk in enumerate(ids)}
        # Best score first; equal scores keep the window's order.
        best = sorted(scores, key=lambda pk: (-scores[pk][0], position[pk]))
        order = {pk: scores[pk][1] for pk in best}
        cache.set(key, order, CACHE_TIMEOUT)
    return order
