"""The one skill linker: a typed or extracted spelling → a taxonomy skill, or free text.

Every path that turns what a person wrote into skills calls `link_skill` /
`link_skills` (job form and API, candidate profile form and API, resume analysis,
candidate search, job search skill filter, imports). Pure: it reads a
`matching.engine.taxonomy.Taxonomy` and nothing else.

Public API (stable; other modules call it):

    link_skill(text, taxonomy, *, context="") -> Link
    link_skills(texts, taxonomy, *, context="") -> list[Link]
    split_skill_list(text) -> list[str]
    clean_skill_text(text) -> str

A `Link` always keeps the text (`Link.text`, cleaned of list numbers and bullets):
a spelling that does not link is returned with `skill=None` and `method="unlinked"`,
never refused or dropped — callers store it as free text and matching still reads it.

Order (the first step that finds exactly one skill wins):

1. **exact** — the canonical name, ignoring letter case ("python" → Python).
2. **alias** — a known alternative label, ignoring letter case ("Golang" → Go).
3. **normalised** — the compact key (case, accents and punctuation folded, but ``+``,
   ``#`` and a leading dot kept, so ``C#``, ``C++`` and ``.NET`` stay themselves), then
   rewrites applied one after another, up to three deep, each tried against names and
   aliases: filler words dropped ("experience with", "skills", "(advanced)"), an
   acronym in parentheses or trailing ("Structured query language (SQL)", "Amazon Web
   Services AWS"), a vendor prefix dropped ("MS Excel", "Intuit QuickBooks", "Autodesk
   AutoCAD"), a version dropped ("Excel 2016"), ".js" dropped ("Vue.js"), "&" ↔
   "and", singular ↔ plural; finally phrases compared as sets of stemmed content words,
   so "operate forklift", "forklift operation" and "operating forklifts" meet.
4. **fuzzy** — conservative: only for spellings of 6+ letters, against names and
   aliases of the same first letter; at most one edit (insert, delete, substitute or
   swap two neighbours) up to 9 letters, two from 10 letters; a tie between two skills
   links nothing. The `Link.reason` says which spelling it was taken for and how far.

Common-word guard: a spelling that is an everyday word ("server", "events",
"contracts", "production", "options", "customer satisfaction", see `COMMON_WORDS`)
links only to a skill whose canonical name it is, or — through an alias or a rewrite —
when `context` (the job title and description, or the person's other skills) mentions
a skill of the same category. Otherwise it stays free text with that reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from matching.engine.taxonomy import (
    COMMON_WORDS,
    SkillRef,
    Taxonomy,
    skill_key,
    token_keys,
)


def _words(text: str) -> list[str]:
    return text.split()


EXACT, ALIAS, NORMALISED, FUZZY, UNLINKED = (
    "exact",
    "alias",
    "normalised",
    "fuzzy",
    "unlinked",
)
MAX_REWRITE_DEPTH = 3
FUZZY_MIN_LETTERS = 6
FUZZY_TWO_EDITS_FROM = 10
MAX_SKILL_TEXT = 120

VENDORS = frozenset(
    _words(
        """
    microsoft ms intuit autodesk adobe google amazon aws apache oracle ibm atlassian
    sap salesforce jetbrains cisco vmware red hat redhat meta facebook apple mozilla
    hashicorp elastic mongodb postgresql the
    """
    )
)
_FILLER_PREFIXES = (
    "working knowledge of",
    "hands on experience with",
    "hands on experience in",
    "hands-on experience with",
    "hands-on experience in",
    "experience with",
    "experience in",
    "experience of",
    "experienced in",
    "expertise in",
    "expert in",
    "knowledge of",
    "proficient in",
    "proficient with",
    "proficiency in",
    "proficiency with",
    "familiarity with",
    "familiar with",
    "skilled in",
    "skilled at",
    "ability to",
    "able to",
    "strong",
    "advanced",
    "basic",
    "excellent",
    "good",
    "solid",
    "hands-on",
    "hands on",
    "certified",
)
_FILLER_SUFFIXES = (
    "skills",
    "skill",
    "experience",
    "knowledge",
    "proficiency",
    "software",
    "platform",
    "tools",
    "tool",
    "suite",
    "programming",
    "framework",
    "basics",
    "certification",
    "certified",
)
_LEVEL_NOTE = re.compile(
    r"\s*[\(\[]\s*(?:advanced|basic|beginner|intermediate|expert|fluent|native|"
    r"proficient|good|strong|working knowledge|\d+\+?\s*(?:years?|yrs?))\s*[\)\]]\s*$",
    re.I,
)
_LIST_MARK = re.compile(
    r"^\s*(?:[-*•·●▪◦–—>]+\s*|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+|\d{1,3}\s+(?=[A-Za-z]))"
)
_FOOTNOTE = re.compile(r"(?<=[a-z]{3})\d{1,3}$")
_VERSION = re.compile(r"^(?:v?\d+(?:\.\d+)*x?|\d{4}|\d+\.x)$", re.I)
_PAREN = re.compile(
    r"^(?P<outer>.*?)\s*[\(\[](?P<inner>[^()\[\]]+)[\)\]]\s*(?P<rest>.*)$"
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/.+#-]{1,7}$")
_SPLIT = re.compile(r"[,;\n\t|•·●▪]+|\s+/\s+")
_STOP = frozenset(
    _words("a an the of and or for in on to with at by from as into using use")
)
_GENERIC_VERBS = frozenset(
    _words(
        "perform carry out apply use utilise utilize operate manage conduct do "
        "provide undertake"
    )
)


@dataclass(frozen=True)
class Link:
    """What a spelling links to, with how and why.

    `text` is the spelling as kept (list numbers and bullets removed); `skill` is
    None when nothing linked (`method == "unlinked"`), and the text is then kept as
    free text by the caller.
    """

    text: str
    skill: SkillRef | None
    method: str
    confidence: float
    reason: str

    @property
    def linked(self) -> bool:
        return self.skill is not None


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def clean_skill_text(text: str) -> str:
    """The spelling without bullets, list numbers, footnote digits and stray
    punctuation ("3. attention to detail11;" → "attention to detail")."""
    text = " ".join(_nfkc(text).split())
    previous = None
    while previous != text:
        previous = text
        text = _LIST_MARK.sub("", text).strip()
    text = text.lstrip(" \t\"'`“”‘’,;:!?*_=~").rstrip(" \t\"'`“”‘’.,;:!?*_=~")
    # a footnote or list number glued onto the last word ("detail11"), never in a
    # name that is letters then digits by design ("python3" stays for the lookup)
    words = text.split(" ")
    if len(words) > 1 and _FOOTNOTE.search(words[-1]):
        words[-1] = _FOOTNOTE.sub("", words[-1])
        text = " ".join(words)
    return text[:MAX_SKILL_TEXT].strip()


def split_skill_list(text: str) -> list[str]:
    """Items of a typed or pasted skill list: split on commas, semicolons, new lines,
    tabs, bullets and " / ", cleaned, empty ones and repeats (ignoring case) dropped.
    Slashes inside a name ("CI/CD", "TCP/IP") are kept."""
    items, seen = [], set()
    for part in _SPLIT.split(_nfkc(text)):
        item = clean_skill_text(part)
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            items.append(item)
    return items


def _stem(word: str) -> str:
    """A light suffix stripper for comparing phrases (not a full stemmer)."""
    for suffix, repl in (
        ("ational", "ate"),
        ("ization", "ize"),
        ("isation", "ize"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ising", "ize"),
        ("izing", "ize"),
        ("ise", "ize"),
        ("ies", "y"),
        ("ment", ""),
        ("ing", ""),
        ("ers", "er"),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def phrase_key(text: str) -> frozenset[str]:
    """Stemmed content words of a phrase, order ignored ("operating forklifts" and
    "forklift operation" → {"forklift", "operat"})."""
    words = [w for w in token_keys(text) if w not in _STOP]
    stems = {_stem(w) for w in words}
    content = {s for s in stems if s not in {_stem(v) for v in _GENERIC_VERBS}}
    return frozenset(content or stems)


class _Index:
    """Lookup tables the linker builds once per taxonomy (kept on the instance)."""

    def __init__(self, taxonomy: Taxonomy):
        self.names: dict[str, set[str]] = {}
        self.aliases: dict[str, set[str]] = {}
        self.compact: dict[str, set[str]] = {}
        self.phrases: dict[frozenset[str], set[str]] = {}
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        for slug, name, aliases in taxonomy.forms():
            self.names.setdefault(name.casefold(), set()).add(slug)
            for alias in aliases:
                self.aliases.setdefault(alias.casefold(), set()).add(slug)
            for form in (name, *aliases):
                key = skill_key(form)
                if not key:
                    continue
                self.compact.setdefault(key, set()).add(slug)
                if len(token_keys(form)) > 1:
                    self.phrases.setdefault(phrase_key(form), set()).add(slug)
                if len(key) >= FUZZY_MIN_LETTERS - 1:
                    self.by_first.setdefault(key[0], []).append((key, slug))

    def compact_owner(self, key: str, taxonomy: Taxonomy) -> str | None:
        slugs = self.compact.get(key)
        if not slugs:
            return None
        if len(slugs) == 1:
            return next(iter(slugs))
        owners = [s for s in slugs if skill_key(taxonomy.get(s).name) == key]
        return owners[0] if len(owners) == 1 else None


def _index(taxonomy: Taxonomy) -> _Index:
    index = getattr(taxonomy, "_linker_index", None)
    if index is None:
        index = _Index(taxonomy)
        taxonomy._linker_index = index
    return index


def _rewrites(text: str) -> Iterable[tuple[str, str]]:
    """(new spelling, what was done) for one rewrite step."""
    low = text.casefold()
    stripped = _LEVEL_NOTE.sub("", text)
    if stripped != text:
        yield stripped.strip(), "level note dropped"
    m = _PAREN.match(text)
    if m:
        outer = f"{m['outer']} {m['rest']}".strip()
        inner = m["inner"].strip()
        if inner:
            yield inner, f"took '{inner}' from the parentheses"
        if outer:
            yield outer, "dropped the parentheses"
    words = text.split()
    if len(words) > 1:
        last = words[-1].strip(".,")
        if _ACRONYM.match(last) and _initials_fit(words[:-1], last):
            yield last, f"took the trailing acronym '{last}'"
            yield " ".join(words[:-1]), f"dropped the trailing acronym '{last}'"
        if words[0].casefold().rstrip(".") in VENDORS:
            yield " ".join(words[1:]), f"dropped the vendor '{words[0]}'"
        if len(words) > 2 and " ".join(words[:2]).casefold() in VENDORS:
            yield " ".join(words[2:]), f"dropped the vendor '{' '.join(words[:2])}'"
        if _VERSION.match(words[-1]):
            yield " ".join(words[:-1]), f"dropped the version '{words[-1]}'"
    for prefix in _FILLER_PREFIXES:
        if low.startswith(prefix + " ") and len(text) > len(prefix) + 1:
            yield text[len(prefix) + 1 :].strip(), f"dropped '{prefix}'"
            break
    for suffix in _FILLER_SUFFIXES:
        if low.endswith(" " + suffix) and len(text) > len(suffix) + 1:
            yield text[: -len(suffix) - 1].strip(), f"dropped '{suffix}'"
            break
    for js in (".js", "js", " js"):
        if low.endswith(js) and len(text) > len(js) + 1:
            yield text[: -len(js)].rstrip(" ."), "dropped '.js'"
            break
    if "&" in text:
        yield text.replace("&", " and "), "'&' read as 'and'"
    if " and " in low:
        yield re.sub(r"\s+and\s+", " & ", text, flags=re.I), "'and' read as '&'"
    if words:
        last = words[-1]
        head = " ".join(words[:-1] + [""])
        lowlast = last.casefold()
        if lowlast.endswith("ies") and len(last) > 4:
            yield head + last[:-3] + "y", "read as singular"
        elif lowlast.endswith("es") and len(last) > 4:
            yield head + last[:-2], "read as singular"
            yield head + last[:-1], "read as singular"
        elif lowlast.endswith("s") and not lowlast.endswith("ss") and len(last) > 3:
            yield head + last[:-1], "read as singular"
        elif last.isalpha() and len(last) > 2:
            yield head + last + "s", "read as plural"


def _initials_fit(words: list[str], acronym: str) -> bool:
    """True when the words before a trailing acronym spell it ("Structured query
    language SQL", "Amazon Web Services AWS"), so "Tailwind CSS" is left whole."""
    letters = "".join(ch for ch in acronym.casefold() if ch.isalpha())
    initials = "".join(
        w[0].casefold() for w in words if w and w.casefold() not in _STOP
    )
    return len(letters) >= 2 and initials.endswith(letters)


def _lookup(index: _Index, taxonomy: Taxonomy, text: str):
    """(slug, method) for an exact name, an alias or a compact key; else None."""
    low = text.casefold()
    slugs = index.names.get(low)
    if slugs and len(slugs) == 1:
        return next(iter(slugs)), EXACT
    slugs = index.aliases.get(low)
    if slugs and len(slugs) == 1:
        return next(iter(slugs)), ALIAS
    slug = index.compact_owner(skill_key(text), taxonomy)
    if slug is not None:
        return slug, NORMALISED
    return None


def _damerau(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _fuzzy(index: _Index, key: str):
    letters = sum(ch.isalpha() for ch in key)
    if letters < FUZZY_MIN_LETTERS or any(ch.isdigit() for ch in key):
        return None
    limit = 2 if len(key) >= FUZZY_TWO_EDITS_FROM else 1
    best: dict[str, tuple[int, str]] = {}
    for form, slug in index.by_first.get(key[0], ()):
        if abs(len(form) - len(key)) > limit:
            continue
        d = _damerau(key, form, limit)
        if d <= limit and (slug not in best or d < best[slug][0]):
            best[slug] = (d, form)
    if not best:
        return None
    top = min(d for d, _ in best.values())
    winners = [(slug, form) for slug, (d, form) in best.items() if d == top]
    if len(winners) != 1:
        return None
    slug, form = winners[0]
    return slug, form, top


def _context_categories(taxonomy: Taxonomy, context: str | Iterable[str]) -> set[str]:
    if not isinstance(context, str):
        context = "\n".join(context)
    if not context:
        return set()
    return {hit.skill.category for hit in taxonomy.extract(context) if hit.skill}


def _guard(text: str, ref: SkillRef, method: str, categories) -> str | None:
    """Why a common word may not link here, or None when it may."""
    low = " ".join(text.casefold().split())
    if low not in COMMON_WORDS:
        return None
    if method == EXACT or phrase_key(text) == phrase_key(ref.name):
        return None
    if ref.category and ref.category in categories():
        return None
    return (
        f"'{text}' is an everyday word; not linked to {ref.name} "
        "without a related skill in the context"
    )


def link_skill(
    text: str, taxonomy: Taxonomy, *, context: str | Iterable[str] = ""
) -> Link:
    """Link one spelling (see the module docstring for the order and the guard)."""
    cleaned = clean_skill_text(text)
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        return Link(cleaned, None, UNLINKED, 0.0, "empty")
    index = _index(taxonomy)
    cache: dict[str, set[str]] = {}

    def categories():
        if "c" not in cache:
            cache["c"] = _context_categories(taxonomy, context)
        return cache["c"]

    def finish(slug: str, method: str, confidence: float, reason: str) -> Link:
        ref = taxonomy.get(slug)
        blocked = _guard(cleaned, ref, method, categories)
        if blocked:
            return Link(cleaned, None, UNLINKED, 0.0, blocked)
        return Link(cleaned, ref, method, confidence, reason)

    # 1–3: the spelling itself, then rewrites breadth first (shallow ones win)
    seen = {cleaned.casefold()}
    frontier: list[tuple[str, tuple[str, ...]]] = [(cleaned, ())]
    for depth in range(MAX_REWRITE_DEPTH + 1):
        next_frontier = []
        for spelling, steps in frontier:
            found = _lookup(index, taxonomy, spelling)
            if found is not None:
                slug, method = found
                name = taxonomy.get(slug).name
                if steps:
                    how = "; ".join(steps)
                    return finish(
                        slug, NORMALISED, 0.9, f"'{cleaned}' read as {name} ({how})"
                    )
                if method == EXACT:
                    return finish(slug, EXACT, 1.0, f"'{cleaned}' is {name}")
                if method == ALIAS:
                    return finish(
                        slug, ALIAS, 1.0, f"'{cleaned}' is another name for {name}"
                    )
                return finish(
                    slug,
                    NORMALISED,
                    0.95,
                    f"'{cleaned}' is {name} written differently",
                )
            if depth < MAX_REWRITE_DEPTH:
                for new, how in _rewrites(spelling):
                    low = new.casefold()
                    if new and low not in seen and any(ch.isalnum() for ch in new):
                        seen.add(low)
                        next_frontier.append((new, (*steps, how)))
        frontier = next_frontier
        if not frontier:
            break
    # phrase as a set of stemmed content words
    if len(token_keys(cleaned)) > 1:
        slugs = index.phrases.get(phrase_key(cleaned))
        if slugs and len(slugs) == 1:
            slug = next(iter(slugs))
            name = taxonomy.get(slug).name
            return finish(
                slug,
                NORMALISED,
                0.85,
                f"'{cleaned}' read as {name} (same words in another form)",
            )
    # 4: conservative fuzzy
    key = skill_key(cleaned)
    found = _fuzzy(index, key) if key else None
    if found is not None:
        slug, form, distance = found
        name = taxonomy.get(slug).name
        edits = "1 edit" if distance == 1 else f"{distance} edits"
        return finish(
            slug,
            FUZZY,
            round(1.0 - distance / max(len(key), 1), 2),
            f"'{cleaned}' taken for {name} ({edits} from '{form}', no other skill "
            "as close)",
        )
    return Link(cleaned, None, UNLINKED, 0.0, f"'{cleaned}' is not in the taxonomy")


def link_skills(
    texts: Iterable[str], taxonomy: Taxonomy, *, context: str | Iterable[str] = ""
) -> list[Link]:
    """Link several spellings; repeats (same skill, or same free text ignoring
    case) are dropped, first one kept. The other items serve as context for the
    common-word guard, besides `context`."""
    texts = [t for t in texts if t and t.strip()]
    if isinstance(context, str):
        ctx = "\n".join([context, *texts]) if context else "\n".join(texts)
    else:
        ctx = "\n".join([*context, *texts])
    links, seen = [], set()
    for text in texts:
        link = link_skill(text, taxonomy, context=ctx)
        key = link.skill.slug if link.skill else "text:" + link.text.casefold()
        if link.text and key not in seen:
            seen.add(key)
            links.append(link)
    return links
