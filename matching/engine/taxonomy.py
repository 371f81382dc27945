"""Skill normalisation and extraction over an in-memory taxonomy (pure).

Two keys are derived from any spelling:

* the *compact key* (`skill_key`): lower case, accents folded, everything but letters,
  digits, ``+`` and ``#`` dropped — "ReactJS", "react.js" and "React JS" are all
  ``reactjs``. `Taxonomy.normalize` looks spellings up by it.
* the *token key* (`token_keys`): the same per word, words kept apart, so extraction
  never glues "in design" into "InDesign". A leading dot is kept (".NET" is not "net").

Extraction rules (`Taxonomy.extract`):

1. Text is split into lines, lines into word tokens; "C++", "C#", "Node.js", ".NET" are
   single tokens, "/", "&", "-" and spaces separate tokens ("CI/CD" = "ci cd").
2. At each token the longest known phrase starting there wins ("JavaScript" over "Java",
   "Google Cloud Platform" over "Google Cloud"), then scanning resumes after it, so
   overlapping names never produce two hits.
3. Ambiguous spellings — keys of one or two characters, common English words ("Go",
   "Swift", "Excel", "Spark"), and short all-capital acronyms ("SAN", "PR") — only match
   with the exact letter case written in the taxonomy ("Go" but not "go", "PR" but not
   "pr").
4. Single-letter names and "Go" also need context on the same line: another technical
   skill hit, or a word such as "programming", "language" or "developer". "Grade C" or
   "Go to market" are therefore not hits.
5. An alias that is an everyday word or phrase ("server", "events", "contracts",
   "customer satisfaction": `COMMON_WORDS`) is not looked for
   in text at all; only a skill's canonical name is.
6. A one-word name followed by a word that makes an everyday phrase of it
   (`EVERYDAY_PHRASES`: "Less than 1 year", "Spark plugs", "Swift response") is
   not a hit, whatever its case: at the start of a sentence or a list item the
   case cannot tell the word from the name.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_NON_KEY = re.compile(r"[^a-z0-9+#]")
_WORD = r"[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]"
TOKEN_RE = re.compile(
    rf"{_WORD}[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF+#]*"
    rf"(?:[.'’]{_WORD}[A-Za-z0-9\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF+#]*)*"
    r"|\.[A-Za-z][A-Za-z0-9]*"
)
MAX_PHRASE_TOKENS = 8

# Spellings that are everyday words: they match only with the taxonomy's letter case.
AMBIGUOUS_WORDS = frozenset(
    [
        "go",
        "swift",
        "rust",
        "ruby",
        "dart",
        "elm",
        "crystal",
        "julia",
        "nim",
        "scheme",
        "racket",
        "pascal",
        "delphi",
        "ada",
        "apex",
        "lisp",
        "lua",
        "groovy",
        "perl",
        "scala",
        "less",
        "sass",
        "lit",
        "echo",
        "rocket",
        "gin",
        "remix",
        "flux",
        "argo",
        "spark",
        "hive",
        "pig",
        "beam",
        "ray",
        "dash",
        "torch",
        "flask",
        "express",
        "next",
        "nest",
        "bun",
        "ember",
        "backbone",
        "parcel",
        "rollup",
        "vite",
        "babel",
        "jest",
        "mocha",
        "jasmine",
        "cucumber",
        "gherkin",
        "chef",
        "puppet",
        "salt",
        "vault",
        "consul",
        "nomad",
        "packer",
        "helm",
        "notion",
        "zoom",
        "slack",
        "teams",
        "word",
        "excel",
        "outlook",
        "access",
        "monday",
        "trello",
        "asana",
        "basecamp",
        "stitch",
        "prefect",
        "glue",
        "airflow",
        "kafka",
        "unity",
        "godot",
        "prolog",
        "fortran",
        "cobol",
        "stata",
        "sketch",
        "figma",
        "canva",
        "maya",
        "blender",
        "resolve",
        "premiere",
        "illustrator",
        "audition",
        "acrobat",
        "avid",
        "lightroom",
        "inventor",
        "creo",
        "lever",
        "greenhouse",
        "gong",
        "buffer",
        "braze",
        "sage",
        "xero",
        "concur",
        "ariba",
        "coupa",
        "epic",
        "cerner",
        "workday",
        "bloomberg",
        "zendesk",
        "intercom",
        "shopify",
        "storyboard",
        "splunk",
        "sentry",
        "envoy",
        "jaeger",
        "istio",
        "nagios",
        "zabbix",
        "vim",
        "emacs",
        "eclipse",
        "jupyter",
        "polars",
        "dask",
        "keras",
        "pandas",
        "pytorch",
        "tableau",
        "looker",
        "qlik",
        "metabase",
        "superset",
        "bootstrap",
        "tailwind",
        "jquery",
        "redux",
        "mobx",
        "preact",
        "storybook",
        "webpack",
        "svelte",
        "angular",
        "react",
        "django",
        "laravel",
        "symfony",
        "spring",
        "rails",
        "hibernate",
        "android",
        "flutter",
        "ionic",
        "cordova",
        "firebase",
        "redis",
        "mongo",
        "oracle",
        "cassandra",
        "couchbase",
        "solr",
        "snowflake",
        "teradata",
        "heroku",
        "vercel",
        "netlify",
        "cloudflare",
        "ansible",
        "terraform",
        "kubernetes",
        "docker",
        "jenkins",
        "travis",
        "bamboo",
        "github",
        "gitlab",
        "bitbucket",
        "linux",
        "unix",
        "debian",
        "ubuntu",
        "centos",
        "windows",
        "nginx",
        "apache",
        "kibana",
        "logstash",
        "grafana",
        "prometheus",
        "datadog",
        "wireshark",
        "burp",
        "metasploit",
        "cypress",
        "playwright",
        "puppeteer",
        "selenium",
        "postman",
        "appium",
        "gatling",
        "jmeter",
        "pytest",
        "unittest",
        "junit",
        "mockito",
        "phoenix",
        "akka",
        "ktor",
        "axum",
        "actix",
        "quarkus",
        "micronaut",
        "pyramid",
        "tornado",
        "celery",
        "pydantic",
        "deno",
        "koa",
        "fastify",
        "htmx",
        "alpine",
        "solid",
        "svelte",
        "gatsby",
        "nuxt",
        "vue",
        "d3",
        "three",
        "chart",
        "plotly",
        "seaborn",
        "matplotlib",
        "numpy",
        "scipy",
        "latex",
        "markdown",
        "yaml",
        "json",
        "xml",
        "html",
        "css",
        "sql",
        "graphql",
        "bash",
        "zsh",
        "shell",
        "powershell",
        "matlab",
        "mercury",
        "storm",
        "tomcat",
        "jetty",
        "maven",
        "gradle",
        "ant",
        "make",
        "cmake",
        "bazel",
        "npm",
        "yarn",
        "pip",
        "conda",
        "dispatch",
        "routing",
        "switching",
        "testing",
        "coding",
        "programming",
        "drafting",
        "editing",
        "painting",
        "cleaning",
        "cooking",
        "baking",
        "welding",
        "plumbing",
        "roofing",
        "tiling",
        "glazing",
        "framing",
        "surveying",
        "sales",
        "marketing",
        "logistics",
        "procurement",
        "purchasing",
        "buying",
        "reception",
        "filing",
        "typing",
        "scheduling",
        "tutoring",
        "teaching",
        "training",
        "coaching",
        "mentoring",
        "research",
        "translation",
        "interpreting",
        "catering",
        "housekeeping",
        "bartending",
        "security",
        "safeguarding",
        "leadership",
        "integrity",
        "ethics",
        "patience",
        "resilience",
        "organization",
        "adaptability",
        "flexibility",
        "creativity",
        "communication",
        "teamwork",
        "collaboration",
        "accountability",
        "ownership",
        "delegation",
        "persuasion",
        "influence",
        "storytelling",
        "narrative",
        "numeracy",
        "literacy",
        "english",
        "spanish",
        "french",
        "german",
        "italian",
        "portuguese",
        "dutch",
        "chinese",
        "japanese",
        "korean",
        "arabic",
        "hindi",
        "russian",
        "polish",
        "greek",
        "turkish",
        "hebrew",
        "swedish",
        "danish",
        "finnish",
        "thai",
        "irish",
        "welsh",
        "latin",
        "basque",
        "georgian",
    ]
)
# Keys that additionally need a technical context word or hit on the same line.
CONTEXT_KEYS = frozenset({"c", "r", "d", "go", "v", "b", "j", "k"})
CONTEXT_WORDS = frozenset(
    [
        "programming",
        "language",
        "languages",
        "developer",
        "developers",
        "development",
        "engineer",
        "engineering",
        "code",
        "coding",
        "software",
        "stack",
        "scripting",
        "compiler",
        "embedded",
        "backend",
        "frontend",
    ]
)
TECH_CATEGORIES = frozenset({"technology", "data"})
# Everyday two-word phrases that begin with a one-word skill name (rule 6): the
# name and the next word's key. A longer skill phrase still wins ("Go to market").
EVERYDAY_PHRASES = frozenset(
    [
        ("less", "than"),
        ("spark", "plug"),
        ("spark", "plugs"),
        ("swift", "response"),
        ("swift", "action"),
        ("rocket", "science"),
    ]
)

# Everyday words that are also (alternative) labels of specialist skills.
_COMMON_WORDS_TEXT = """
    server servers events event contracts contract production productions options
    option service services support operations operation delivery quality planning
    management development analysis administration maintenance performance reporting
    compliance safety training design testing research communication communications
    customer satisfaction customer service networking presentations presentation
    marketing sales finance accounting budget budgets budgeting scheduling security
    leadership writing reading cooking cleaning driving teaching coaching editing
    publishing printing drawing modelling modeling engineering construction assembly
    inspection installation repair repairs logistics shipping receiving inventory
    transport storage retail hospitality care nursing health medicine law legal
    banking trading investments insurance risk audit auditing tax taxes payroll
    recruiting recruitment hiring sourcing purchasing procurement negotiation
    negotiations strategy operations planning projects project programs program
    processes process systems system tools tool software hardware data reports
    documentation records office computer computers internet email phone telephone
    detail details teamwork team teams people customers clients patients students
    children animals food drinks bar kitchen
    civil classification programmatic collections investigations retention
    principal pilot surveillance measurement
    """
COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split()) | frozenset(
    [
        "customer satisfaction",
        "attention to detail",
        "problem solving",
        "time management",
        "customer service",
        "data entry",
        # "to make up a total of five years": the alias as the taxonomy writes
        # it (extraction) and as a person types it (the linker's guard)
        "make-up",
        "make up",
    ]
)


def _is_common(form: str) -> bool:
    return " ".join(form.casefold().split()) in COMMON_WORDS


def _fold(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text)
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )


def skill_key(text: str) -> str:
    """The compact lookup key of a spelling ("React.js" → "reactjs", "C++" → "c++")."""
    return _NON_KEY.sub("", _fold(text or ""))


def _token_key(token: str) -> str:
    key = skill_key(token)
    if token.startswith(".") and key:
        return "." + key
    return key


def token_keys(text: str) -> tuple[str, ...]:
    """The per-word keys of a spelling ("CI/CD" → ("ci", "cd"))."""
    return tuple(k for k in (_token_key(t) for t in TOKEN_RE.findall(text or "")) if k)


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def is_ambiguous(form: str) -> bool:
    """True when a spelling must match with its exact letter case (rule 3)."""
    key = skill_key(form)
    if len(key) <= 2 or key in AMBIGUOUS_WORDS or key in CONTEXT_KEYS:
        return True
    letters = _letters(form)
    return len(letters) <= 4 and letters.isupper()


@dataclass(frozen=True)
class SkillRef:
    slug: str
    name: str
    category: str = ""
    id: int | None = None


@dataclass(frozen=True)
class SkillEntry:
    """One skill as plain data: what `Taxonomy` is built from."""

    slug: str
    name: str
    category: str = ""
    aliases: tuple[str, ...] = ()
    related: Mapping[str, float] = field(default_factory=dict)
    id: int | None = None
    # How many taxonomy occupations use the skill (0: unknown). Scoring weighs a
    # skill by its rarity across occupations (`skill_rarity`).
    occupations: int = 0


# Rarity of a skill used by n of the taxonomy's occupations: idf scaled so that a
# skill used by at most RARE_SPREAD occupations weighs 1 and one used by nearly all
# (Excel: 861 of 1,016) close to RARITY_FLOOR.
TAXONOMY_OCCUPATIONS = 1016
RARE_SPREAD = 100
RARITY_FLOOR = 0.05


def skill_rarity(occupations: int, total: int = TAXONOMY_OCCUPATIONS) -> float:
    """1.0 for a skill of few occupations (or unknown spread), down to 0.05 for
    a generic tool every occupation uses: ln(total / n) / ln(total / 100)."""
    if occupations <= RARE_SPREAD:
        return 1.0
    value = math.log(total / min(occupations, total)) / math.log(total / RARE_SPREAD)
    return round(max(RARITY_FLOOR, min(1.0, value)), 4)


@dataclass(frozen=True)
class SkillHit:
    """A skill found in text, with the evidence: the line it was found on."""

    skill: SkillRef
    matched_text: str
    line_no: int  # 1-based
    line: str
    start: int  # offset of the match in the line


@dataclass(frozen=True)
class _Form:
    skill: SkillRef
    text: str
    ambiguous: bool
    needs_context: bool


class Taxonomy:
    """An immutable index over skills, built once per process (see matching.skills)."""

    def __init__(self, entries: Iterable[SkillEntry], *, version: str = ""):
        self.version = version
        self._by_slug: dict[str, SkillRef] = {}
        self._aliases: dict[str, tuple[str, ...]] = {}
        self._related: dict[str, dict[str, float]] = {}
        self._rarity: dict[str, float] = {}
        compact: dict[str, set[str]] = {}
        phrases: dict[tuple[str, ...], list[_Form]] = {}
        for entry in entries:
            ref = SkillRef(
                slug=entry.slug, name=entry.name, category=entry.category, id=entry.id
            )
            self._by_slug[entry.slug] = ref
            self._related[entry.slug] = dict(entry.related)
            self._aliases[entry.slug] = tuple(entry.aliases)
            if entry.occupations > RARE_SPREAD:
                self._rarity[entry.slug] = skill_rarity(entry.occupations)
            for form in (entry.name, *entry.aliases):
                key = skill_key(form)
                if not key:
                    continue
                compact.setdefault(key, set()).add(entry.slug)
                tokens = token_keys(form)
                if form is not entry.name and _is_common(form):
                    continue  # rule 5: an everyday word is no evidence in text
                if tokens and len(tokens) <= MAX_PHRASE_TOKENS:
                    phrases.setdefault(tokens, []).append(
                        _Form(
                            skill=ref,
                            text=form,
                            ambiguous=is_ambiguous(form),
                            needs_context=key in CONTEXT_KEYS,
                        )
                    )
        # The canonical name wins a compact key shared with another skill's alias;
        # a key shared only by aliases of different skills is dropped (ambiguous).
        self._compact: dict[str, SkillRef] = {}
        for key, slugs in compact.items():
            owners = [s for s in slugs if skill_key(self._by_slug[s].name) == key]
            if len(owners) == 1:
                self._compact[key] = self._by_slug[owners[0]]
            elif len(slugs) == 1:
                self._compact[key] = self._by_slug[next(iter(slugs))]
        self._phrases = phrases
        self._scoring_maps = None
        self._max_tokens = max((len(k) for k in phrases), default=1)

    def __len__(self) -> int:
        return len(self._by_slug)

    def get(self, slug: str) -> SkillRef | None:
        return self._by_slug.get(slug)

    def forms(self) -> Iterable[tuple[str, str, tuple[str, ...]]]:
        """(slug, canonical name, aliases) of every skill (the linker's input)."""
        for slug, ref in self._by_slug.items():
            yield slug, ref.name, self._aliases.get(slug, ())

    def related(self, slug: str) -> dict[str, float]:
        """Related skills of `slug` with their partial-credit weights (0–1)."""
        return dict(self._related.get(slug, {}))

    def related_map(self) -> dict[str, dict[str, float]]:
        return {slug: dict(rel) for slug, rel in self._related.items() if rel}

    def scoring_maps(self) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
        """(related weights, categories) by slug, built once per index: the
        scoring context every request shares (treat as read-only)."""
        if self._scoring_maps is None:
            self._scoring_maps = (
                self.related_map(),
                {slug: ref.category for slug, ref in self._by_slug.items()},
            )
        return self._scoring_maps

    def rarity_map(self) -> dict[str, float]:
        """slug → rarity (0.05–1) for the skills that are not rare; others weigh 1
        (treat as read-only)."""
        return self._rarity

    def ids_for(self, slugs) -> list[int]:
        """Database ids of known slugs (unknown ones and id-less entries skipped)."""
        refs = (self._by_slug.get(s) for s in slugs)
        return [r.id for r in refs if r is not None and r.id is not None]

    def normalize(self, text: str) -> SkillRef | None:
        """The canonical skill for a spelling, or None (callers keep the free text)."""
        return self._compact.get(skill_key(text))

    def extract(self, text: str) -> list[SkillHit]:
        """Skills mentioned in `text`, in order, each with its line as evidence."""
        hits: list[SkillHit] = []
        for line_no, line in enumerate((text or "").splitlines(), start=1):
            hits.extend(self._extract_line(line, line_no))
        return hits

    def _extract_line(self, line: str, line_no: int) -> list[SkillHit]:
        matches = list(TOKEN_RE.finditer(line))
        if not matches:
            return []
        keys = [_token_key(m.group()) for m in matches]
        found: list[tuple[SkillHit, bool]] = []
        i, n = 0, len(matches)
        while i < n:
            for size in range(min(self._max_tokens, n - i), 0, -1):
                forms = self._phrases.get(tuple(keys[i : i + size]))
                if not forms:
                    continue
                if size == 1 and tuple(keys[i : i + 2]) in EVERYDAY_PHRASES:
                    i += 1  # rule 6: the word, not the name
                    break
                start, end = matches[i].start(), matches[i + size - 1].end()
                matched = line[start:end]
                form = self._accept(forms, matched)
                if form is None:
                    continue
                hit = SkillHit(
                    skill=form.skill,
                    matched_text=matched,
                    line_no=line_no,
                    line=line.strip(),
                    start=start,
                )
                found.append((hit, form.needs_context))
                i += size
                break
            else:
                i += 1
        if not any(needs for _, needs in found):
            return [hit for hit, _ in found]
        has_context = any(
            not needs and hit.skill.category in TECH_CATEGORIES for hit, needs in found
        ) or any(k in CONTEXT_WORDS for k in keys)
        return [hit for hit, needs in found if has_context or not needs]

    @staticmethod
    def _accept(forms: list[_Form], matched: str) -> _Form | None:
        slugs = {f.skill.slug for f in forms}
        exact = [f for f in forms if _letters(f.text) == _letters(matched)]
        if exact and len({f.skill.slug for f in exact}) == 1:
            return exact[0]
        if len(slugs) != 1:
            return None  # one spelling, several skills, no exact case to decide
        lenient = [f for f in forms if not f.ambiguous]
        return lenient[0] if lenient else None


def taxonomy_from_data(data: Mapping) -> Taxonomy:
    """A `Taxonomy` straight from the data file's JSON (no database needed)."""
    related: dict[str, dict[str, float]] = {}
    for a, b, weight in data.get("related", []):
        related.setdefault(a, {})[b] = weight
    return Taxonomy(
        (
            SkillEntry(
                slug=s["slug"],
                name=s["name"],
                category=s["category"],
                aliases=tuple(s["aliases"]),
                related=related.get(s["slug"], {}),
            )
            for s in data["skills"]
        ),
        version=data.get("version", ""),
    )
