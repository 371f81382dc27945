"""The default scoring provider: the local, CPU-only engine."""

from __future__ import annotations

from collections.abc import Iterable

from matching.engine import scoring
from matching.engine.types import (
    CandidateData,
    JobData,
    MatchResult,
    MatchScore,
    ScoringContext,
)


class LocalProvider:
    """Scores with `matching.engine.scoring`. Another provider (an embedding service,
    say) implements the same five methods and is named in settings.MATCHING_PROVIDER:
    `score`, `rank` and `rank_candidates` explain their scores (`MatchResult`);
    `order` and `order_candidates` give the same order and numbers without
    explanations (`MatchScore`), for callers that show only some of them.
    """

    name = "local"

    def score(
        self,
        candidate: CandidateData,
        job: JobData,
        context: ScoringContext | None = None,
        *,
        audience: str = "candidate",
    ) -> MatchResult:
        return scoring.score(candidate, job, context, audience=audience)

    def rank(
        self,
        candidate: CandidateData,
        jobs: Iterable[JobData],
        context: ScoringContext | None = None,
        *,
        limit: int | None = None,
    ) -> list[MatchResult]:
        return scoring.rank(candidate, jobs, context, limit=limit)

    def order(
        self,
        candidate: CandidateData,
        jobs: Iterable[JobData],
        context: ScoringContext | None = None,
    ) -> list[MatchScore]:
        return scoring.order(candidate, jobs, context)

    def order_candidates(
        self,
        job: JobData,
        candidates: Iterable[CandidateData],
        context: ScoringContext | None = None,
    ) -> list[MatchScore]:
        return scoring.order_candidates(job, candidates, context)

    def rank_candidates(
        self,
        job: JobData,
        candidates: Iterable[CandidateData],
        context: ScoringContext | None = None,
        *,
        limit: int | None = None,
    ) -> list[MatchResult]:
        return scoring.rank_candidates(job, candidates, context, limit=limit)
