"""Plain data the engine works on; callers build these from their selectors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from matching.engine.occupations import OccupationIndex
    from matching.engine.prepared import PreparedCache
    from matching.engine.semantic import WordVectors

# Seniority ladder, lowest first; the engine compares positions on it.
LEVELS = ("intern", "junior", "mid", "senior", "lead", "executive")


class RemotePolicy:
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"


class RemotePreference(RemotePolicy):
    ANY = "any"


@dataclass(frozen=True)
class Salary:
    """A yearly range in one currency (normalise with `yearly` before building)."""

    min: float | None = None
    max: float | None = None
    currency: str = ""

    @property
    def known(self) -> bool:
        return bool(self.currency) and (self.min is not None or self.max is not None)

    @property
    def low(self) -> float:
        return self.min if self.min is not None else self.max

    @property
    def high(self) -> float:
        return self.max if self.max is not None else self.min


PERIODS_PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


def yearly(amount: float | None, period: str = "year") -> float | None:
    """Normalise a salary amount to a yearly figure (260 work days, 2 080 hours)."""
    if amount is None:
        return None
    return float(amount) * PERIODS_PER_YEAR[period]


@dataclass(frozen=True)
class CandidateSkill:
    slug: str
    name: str = ""
    years: float | None = None
    level: int | None = None  # 1 (beginner) … 5 (expert)


@dataclass(frozen=True)
class JobSkill:
    slug: str
    name: str = ""
    required: bool = True
    min_years: float | None = None
    level: int | None = None


@dataclass(frozen=True)
class CandidateData:
    id: int
    skills: tuple[CandidateSkill, ...] = ()
    years_experience: float | None = None
    level: str | None = None
    city: str = ""
    country: str = ""  # ISO 3166 alpha-2
    remote_preference: str = RemotePreference.ANY
    willing_to_relocate: bool = False
    salary: Salary | None = None  # expectation, yearly
    text: str = ""  # headline, summary, experience: what the text component reads
    opted_out: bool = False  # never scored for employers when True
    name: str = ""
    # the headline and latest role titles, newest first: the occupation
    # component reads them (the text's first words when there are none)
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class JobData:
    id: int
    title: str = ""
    skills: tuple[JobSkill, ...] = ()
    min_years: float | None = None
    level: str | None = None
    city: str = ""
    country: str = ""
    remote_policy: str = RemotePolicy.ONSITE
    salary: Salary | None = None  # yearly
    text: str = ""


@dataclass(frozen=True)
class CorpusStats:
    """Document frequencies for the text component (computed by the caller)."""

    doc_count: int = 0
    doc_freq: Mapping[str, int] = field(default_factory=dict)
    avg_len: float = 0.0


@dataclass(frozen=True)
class ScoringContext:
    """Everything besides the pair itself: related-skill weights and corpus stats."""

    related: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    corpus: CorpusStats | None = None
    categories: Mapping[str, str] = field(default_factory=dict)  # slug → category
    # slug → rarity 0.05–1 (`taxonomy.skill_rarity`); a skill not in it weighs 1
    rarity: Mapping[str, float] = field(default_factory=dict)
    # the occupation index (`occupations.OccupationIndex`); None: no occupation
    # component is computed (every pair scores 0 there)
    occupations: OccupationIndex | None = None
    # word vectors (`semantic.WordVectors`); None: no meaning component is
    # computed (it is left out of every score alike)
    vectors: WordVectors | None = None
    # prepared jobs and candidates kept across calls (`prepared.PreparedCache`,
    # used only while it serves these very parts); None: each call prepares its own
    prepared: PreparedCache | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Component:
    name: str
    score: float  # 0–100
    weight: float
    reasons: tuple[str, ...] = ()


class MatchScore(NamedTuple):
    """A match's score without its explanation: what ordering needs
    (`scoring.order`, `scoring.order_candidates`). The same numbers as the
    pair's `MatchResult`."""

    candidate_id: int
    job_id: int
    score: int  # 0–100, rounded
    precise: float  # unrounded, used for ranking
    capped: bool


@dataclass(frozen=True)
class MatchResult:
    candidate_id: int
    job_id: int
    score: int  # 0–100, rounded
    precise: float  # unrounded, used for ranking
    components: tuple[Component, ...]
    matched_skills: tuple[str, ...]
    partial_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    explanation: str
    capped: bool = False

    def component(self, name: str) -> Component | None:
        return next((c for c in self.components if c.name == name), None)
