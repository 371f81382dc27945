"""Occupation inference: a job title or a person's titles → taxonomy occupations.

Pure: built from plain `OccupationEntry` data (matching.occupations builds it from the
database, tests from literals). Public API:

    title_key(text) -> str
    OccupationIndex(entries).infer(text, limit=3) -> list[OccupationGuess]
    occupation_affinity(a_code, b_code) -> float

How a title is read: the company after "|", " @ ", " at " or a comma is cut
("Senior Software Engineer | Stripeway Inc." → "software engineer"), so are words in
parentheses and seniority words (senior, junior, lead, principal, I–IV, trainee…),
letter case, accents and punctuation (``C#``/``C++`` keep theirs), and plural "s".

Then, in order:
1. **exact** — the key is an occupation's title or one of its alternative titles,
   also with the spaces taken out ("Frontend Developer" = "Front End Developer")
   (shared by several occupations: each gets the score, the one with the most
   titles containing those words first).
2. **words** — otherwise every title sharing a word is compared as a set of words
   weighted by rarity (idf over all titles): score = weight of the shared words /
   weight of all words of both (weighted Jaccard). A guess needs ≥ `MIN_SCORE`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MIN_SCORE = 0.5
LEADING_WORDS = 6
_MEMO_KEPT = 50_000
_COMPANY_CUT = re.compile(r"\s*(?:\||@|\bat\b|,|–|—|\s-\s).*$", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")
_SENIORITY_WORDS = """senior sr junior jr lead principal staff associate intern
    internship trainee apprentice entry level i ii iii iv v 1 2 3 4 mid experienced
    head remote fulltime parttime temporary temp"""
# "part time", "full time": phrases, so that "Parts Sales Manager" keeps "parts"
_WORK_TIME = re.compile(r"\b(?:part|full)[\s-]+time\b", re.IGNORECASE)
SENIORITY = frozenset(_SENIORITY_WORDS.split())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def title_words(text: str) -> tuple[str, ...]:
    """The content words of a title, in order (see the module docstring)."""
    text = _fold(" ".join((text or "").split()))
    cut = _COMPANY_CUT.sub("", text)
    text = cut if _WORD.search(cut) else text
    text = _PARENS.sub(" ", _WORK_TIME.sub(" ", text)).replace("&", " and ")
    words = [_stem(w) for w in _WORD.findall(text)]
    kept = [w for w in words if w not in SENIORITY]
    return tuple(kept or words)


def title_key(text: str) -> str:
    return " ".join(title_words(text))


@dataclass(frozen=True)
class OccupationEntry:
    code: str
    title: str
    field: str = ""
    titles: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class OccupationGuess:
    code: str
    title: str
    field: str
    score: float  # 0–1
    matched: str  # the taxonomy title it was read as
    id: int | None = None


class OccupationIndex:
    """An immutable index over occupations' titles (built once per process)."""

    def __init__(self, entries: Iterable[OccupationEntry], *, version: str = ""):
        self.version = version
        self._entries: dict[str, OccupationEntry] = {}
        self._exact: dict[str, list[tuple[str, str]]] = {}
        self._titles: list[tuple[str, str, frozenset[str]]] = []
        postings: dict[str, list[int]] = {}
        for entry in entries:
            self._entries[entry.code] = entry
            for title in (entry.title, *entry.titles):
                words = title_words(title)
                if not words:
                    continue
                key = " ".join(words)
                for k in {key, key.replace(" ", "")}:
                    owners = self._exact.setdefault(k, [])
                    if all(code != entry.code for code, _ in owners):
                        owners.append((entry.code, title))
                index = len(self._titles)
                self._titles.append((entry.code, title, frozenset(words)))
                for word in set(words):
                    postings.setdefault(word, []).append(index)
        total = max(len(self._titles), 1)
        self._postings = postings
        self._idf = {w: math.log(1 + total / len(ids)) for w, ids in postings.items()}
        self._unknown_idf = math.log(1 + total)
        # title → guesses: ranking thousands of people reads the same titles
        # again and again (derived data; dropped whole when it grows)
        self._memo: dict[tuple[str, int], tuple[OccupationGuess, ...]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, code: str) -> OccupationEntry | None:
        return self._entries.get(code)

    def _guess(self, code: str, score: float, matched: str) -> OccupationGuess:
        entry = self._entries[code]
        return OccupationGuess(
            code, entry.title, entry.field, round(score, 4), matched, entry.id
        )

    def _support(self, query: frozenset[str]) -> dict[str, int]:
        """Per occupation, how many of its titles contain every word of `query`
        (orders occupations sharing one title: "Account Executive" is a sales
        title more often than an advertising one)."""
        rarest = min(query, key=lambda w: len(self._postings.get(w, ())))
        support: dict[str, int] = {}
        for index in self._postings.get(rarest, ()):
            code, _, twords = self._titles[index]
            if query <= twords:
                support[code] = support.get(code, 0) + 1
        return support

    def infer(self, text: str, *, limit: int = 3) -> list[OccupationGuess]:
        """The likeliest occupations for a title, best first (empty: no guess)."""
        return list(self.guesses(text, limit))

    def guesses(self, text: str, limit: int = 3) -> tuple[OccupationGuess, ...]:
        """`infer` as a shared tuple, memoised by title (scoring's path)."""
        key = (text, limit)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_KEPT:
                self._memo.clear()
            found = self._memo[key] = tuple(self._infer(text, limit))
        return found

    def _infer(self, text: str, limit: int) -> list[OccupationGuess]:
        words = title_words(text)
        if not words:
            return []
        owners = self._exact.get(" ".join(words)) or self._exact.get("".join(words))
        query = frozenset(words)
        if owners:
            if len(owners) > 1:
                support = self._support(query)
                owners = sorted(owners, key=lambda o: (-support.get(o[0], 0), o[0]))
            return [self._guess(code, 1.0, title) for code, title in owners[:limit]]

        def weight(ws):
            return sum(self._idf.get(w, self._unknown_idf) for w in ws)

        best: dict[str, tuple[float, str]] = {}
        hits: dict[str, int] = {}
        seen: set[int] = set()
        # a title scoring MIN_SCORE or more shares at least MIN_SCORE of the
        # query's weight, so it holds one of the rarest words that make up more
        # than 1 − MIN_SCORE of it: only their titles are read (same guesses;
        # "software engineer" reads the "software" titles, not every "engineer")
        total = weight(query)
        needed, rest = [], total
        for word in sorted(query, key=lambda w: (-weight((w,)), w)):
            if rest < MIN_SCORE * total - 1e-9:
                break
            needed.append(word)
            rest -= weight((word,))
        for word in needed:
            for index in self._postings.get(word, ()):
                if index in seen:
                    continue
                seen.add(index)
                code, title, twords = self._titles[index]
                score = weight(query & twords) / weight(query | twords)
                hits[code] = hits.get(code, 0) + (score >= MIN_SCORE)
                if score > best.get(code, (0.0, ""))[0]:
                    best[code] = (score, title)
        # many of an occupation's titles close to the query is evidence too:
        # up to +0.1 for five or more (HVAC Technician: 5 HVAC mechanic titles
        # against 2 HVAC engineer titles of the same closeness)
        ranked = sorted(
            best.items(),
            key=lambda kv: (-(kv[1][0] + 0.02 * min(hits[kv[0]], 5)), kv[0]),
        )
        return [
            self._guess(code, min(1.0, score + 0.02 * min(hits[code], 5)), title)
            for code, (score, title) in ranked[:limit]
            if score >= MIN_SCORE
        ]

    def infer_leading(self, text: str, *, limit: int = 3) -> list[OccupationGuess]:
        """Occupations named by the first words of a text ("Senior accountant
        closing the books…" → Accountants): the longest run of up to
        LEADING_WORDS first words of its first line that is exactly a title
        (exact titles only: a text is not a title, so no word-overlap guess)."""
        first = (text or "").strip().split("\n", 1)[0]
        words = title_words(first.split(".", 1)[0])[:LEADING_WORDS]
        for n in range(len(words), 0, -1):
            key = " ".join(words[:n])
            owners = self._exact.get(key)
            if owners:
                if len(owners) > 1:
                    support = self._support(frozenset(words[:n]))
                    owners = sorted(owners, key=lambda o: (-support.get(o[0], 0), o[0]))
                return [self._guess(code, 1.0, title) for code, title in owners[:limit]]
        return []

    def infer_many(self, titles: Iterable[str]) -> OccupationGuess | None:
        """The best guess over several titles (a headline and past roles): the
        first title that yields a guess of the highest score wins."""
        best = None
        for text in titles:
            guesses = self.infer(text, limit=1)
            if guesses and (best is None or guesses[0].score > best.score):
                best = guesses[0]
        return best


def occupation_affinity(a: str | None, b: str | None) -> float:
    """How close two O*NET-SOC codes are: 1 same occupation, 0.8 same detailed SOC
    occupation ("15-1252"), 0.5 same broad group ("15-125"), 0.25 same minor group
    ("15-12"), else 0 (also when either is unknown).

    A detailed occupation or broad group whose code ends in 9 is SOC's residual
    ("15-1299 Computer Occupations, All Other", "19-3090 Miscellaneous Social
    Scientists"): it files unrelated work together (Blockchain Engineers,
    Document Management Specialists and IT Project Managers share 15-1299), so
    sharing one counts for nothing; the next level up decides."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    for length, value in ((7, 0.8), (6, 0.5), (5, 0.25)):
        if a[:length] == b[:length] and (length == 5 or a[length - 1] != "9"):
            return value
    return 0.0
