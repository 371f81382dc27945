"""The benchmark dataset: companies, jobs, candidates and applications, by COPY.

Runs inside Django configured for the bench database (``bench.setup_django``):
``migrate`` first, then one ``COPY … FROM STDIN`` per table from generated text
streams (explicit ids, so foreign keys need no lookups), then the app's own
set-based UPDATEs for the search vectors, then ANALYZE. A marker table records
the size and version; a second run with the same size skips the build.

Secondary indexes of the loaded tables are dropped for the load and recreated
after it (their definitions are read from ``pg_indexes``), which is several
times faster than maintaining them row by row; unique constraints stay.

Distributions: skills, cities and companies follow a Zipf-like skew (a few very
common, a long tail); every job description contains "team" and most titles
"engineer" or "developer", so common-word searches match hundreds of thousands
of rows at the full size.
"""

import datetime
import io
import itertools
import json
import random
from dataclasses import asdict, dataclass

DATASET_VERSION = 1
MARKER_TABLE = "bench_dataset"
INDEX_TABLE = "bench_dropped_indexes"
PASSWORD = "bench-password-1"
EMAIL_DOMAIN = "bench.hotgigs.test"
# Candidates 1..BENCH_CANDIDATES get no generated applications: the apply
# scenario applies as them (and removes their applications before it runs).
BENCH_CANDIDATES = 50


@dataclass(frozen=True)
class Size:
    name: str
    companies: int
    jobs: int
    candidates: int
    applications: int
    applications_per_candidate: int = 10


SIZES = {
    "full": Size("full", 20_000, 1_000_000, 200_000, 2_000_000),
    "quick": Size("quick", 400, 20_000, 4_000, 40_000),
    "tiny": Size("tiny", 4, 60, 60, 50, applications_per_candidate=5),
}

CITIES = [
    ("Berlin", "Berlin", "DE"),
    ("London", "England", "GB"),
    ("New York", "NY", "US"),
    ("Paris", "Île-de-France", "FR"),
    ("Amsterdam", "North Holland", "NL"),
    ("Munich", "Bavaria", "DE"),
    ("San Francisco", "CA", "US"),
    ("Toronto", "ON", "CA"),
    ("Madrid", "Madrid", "ES"),
    ("Warsaw", "Masovia", "PL"),
    ("Dublin", "Leinster", "IE"),
    ("Stockholm", "Stockholm", "SE"),
    ("Austin", "TX", "US"),
    ("Hamburg", "Hamburg", "DE"),
    ("Lisbon", "Lisbon", "PT"),
    ("Vienna", "Vienna", "AT"),
    ("Zurich", "Zurich", "CH"),
    ("Barcelona", "Catalonia", "ES"),
    ("Chicago", "IL", "US"),
    ("Manchester", "England", "GB"),
    ("Prague", "Prague", "CZ"),
    ("Copenhagen", "Capital Region", "DK"),
    ("Milan", "Lombardy", "IT"),
    ("Seattle", "WA", "US"),
    ("Oslo", "Oslo", "NO"),
    ("Helsinki", "Uusimaa", "FI"),
    ("Brussels", "Brussels", "BE"),
    ("Cologne", "North Rhine-Westphalia", "DE"),
    ("Lyon", "Auvergne-Rhône-Alpes", "FR"),
    ("Boston", "MA", "US"),
]
LEVELS = ["entry", "mid", "senior", "lead", "executive"]
LEVEL_WEIGHTS = [15, 40, 30, 12, 3]
LEVEL_TITLE = {
    "entry": "Junior",
    "mid": "",
    "senior": "Senior",
    "lead": "Lead",
    "executive": "Head of",
}
ROLES = [
    "Engineer",
    "Developer",
    "Software Engineer",
    "Data Engineer",
    "Analyst",
    "Designer",
    "Product Manager",
    "Consultant",
    "Nurse",
    "Accountant",
    "Technician",
    "Project Manager",
]
ROLE_WEIGHTS = [30, 25, 20, 8, 6, 4, 3, 2, 1, 1, 1, 1]
EMPLOYMENT = ["full_time", "part_time", "contract", "temporary", "internship"]
EMPLOYMENT_WEIGHTS = [70, 8, 15, 4, 3]
REMOTE = ["onsite", "hybrid", "remote"]
REMOTE_WEIGHTS = [40, 35, 25]
WORDS = [
    "team",
    "product",
    "customers",
    "platform",
    "growth",
    "build",
    "scale",
    "ship",
    "quality",
    "data",
    "cloud",
    "mentor",
    "remote",
    "benefits",
    "learning",
    "ownership",
    "impact",
    "mission",
    "users",
    "design",
    "modern",
    "fast",
    "secure",
    "reliable",
    "services",
    "analytics",
    "roadmap",
    "agile",
    "collaborate",
]
COMPANY_WORDS = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
    "Tyrell",
    "Wonka",
    "Aperture",
    "Oscorp",
    "Pied",
    "Piper",
    "Massive",
    "Dynamic",
    "Nakatomi",
    "Gringotts",
    "Monarch",
    "Vehement",
    "Blue",
    "Sun",
    "Gekko",
    "Duff",
    "Sirius",
    "Rekall",
    "Zorg",
    "Virtucon",
    "Ollivander",
]
COMPANY_SUFFIX = ["Labs", "Systems", "GmbH", "Group", "Digital", "Works", "AG", "Inc"]


def zipf_weights(n, s=1.0):
    return [1.0 / (rank + 1) ** s for rank in range(n)]


def cumulative(weights):
    return list(itertools.accumulate(weights))


class LineStream(io.TextIOBase):
    """A file-like object over an iterator of text lines, for ``copy_expert``."""

    def __init__(self, lines, progress=None):
        self.lines = iter(lines)
        self.buffer = ""
        self.progress = progress

    def readable(self):
        return True

    def read(self, size=-1):
        chunks, have = [self.buffer], len(self.buffer)
        count = 0
        while size < 0 or have < size:
            line = next(self.lines, None)
            if line is None:
                break
            chunks.append(line)
            have += len(line)
            count += 1
        if self.progress is not None and count:
            self.progress.update(count)
        data = "".join(chunks)
        if size < 0:
            self.buffer = ""
            return data
        self.buffer = data[size:]
        return data[:size]


def copy_rows(cursor, table, columns, rows, *, filler=None, progress=None):
    """COPY ``rows`` (tuples of already formatted strings) into ``table``.

    ``filler`` maps other NOT NULL columns (added by later migrations) to a
    constant, so a new required column does not break the generator.
    """
    filler = filler or {}
    all_columns = list(columns) + list(filler)
    suffix = "".join("\t" + value for value in filler.values())
    lines = ("\t".join(row) + suffix + "\n" for row in rows)
    sql = f"COPY {table} ({', '.join(all_columns)}) FROM STDIN"
    cursor.copy_expert(sql, LineStream(lines, progress), size=1 << 16)


def _required_fillers(cursor, table, columns):
    """Constants for NOT NULL columns without default that we do not generate."""
    cursor.execute(
        """
        SELECT column_name, data_type FROM information_schema.columns
        WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL
          AND is_identity = 'NO' AND table_schema = current_schema()
        """,
        [table],
    )
    defaults = {
        "boolean": "f",
        "jsonb": "{}",
        "json": "{}",
        "timestamp with time zone": "2026-01-01 00:00:00+00",
        "date": "2026-01-01",
    }
    filler = {}
    for name, data_type in cursor.fetchall():
        if name in columns:
            continue
        if data_type in defaults:
            filler[name] = defaults[data_type]
        elif data_type in {"smallint", "integer", "bigint", "numeric", "real"}:
            filler[name] = "0"
        else:
            filler[name] = ""
    return filler


LOADED_TABLES = [
    "accounts_user",
    "companies_company",
    "companies_membership",
    "jobs_job",
    "jobs_jobskill",
    "candidates_candidateprofile",
    "candidates_candidateskill",
    "jobs_application",
]


def _secondary_indexes(cursor):
    """(name, definition) of the non-unique indexes on the tables we load."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        JOIN pg_class c ON c.relname = i.indexname
        JOIN pg_index x ON x.indexrelid = c.oid
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
          AND NOT x.indisunique AND NOT x.indisprimary
        """,
        [LOADED_TABLES],
    )
    return cursor.fetchall()


def _fmt_ts(value):
    return value.strftime("%Y-%m-%d %H:%M:%S+00")


@dataclass
class Report:
    size: str
    version: int
    built: bool
    counts: dict
    seconds: float


def read_marker(cursor):
    cursor.execute("SELECT to_regclass(%s)", [MARKER_TABLE])
    if cursor.fetchone()[0] is None:
        return None
    cursor.execute(f"SELECT size, version, counts FROM {MARKER_TABLE} LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    counts = row[2] if isinstance(row[2], dict) else json.loads(row[2])
    return {"size": row[0], "version": row[1], "counts": counts}


def build(*, size: Size, rebuild=False, progress=True, log=print, seed=11) -> Report:
    """Build the dataset into the configured default database (PostgreSQL)."""
    import time

    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark dataset needs PostgreSQL (DATABASE_URL).")
    start = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        marker = read_marker(cursor)
    if marker and not rebuild:
        if marker["size"] == size.name and marker["version"] == DATASET_VERSION:
            log(f"dataset {size.name} v{DATASET_VERSION} present: reusing it")
            ensure_vocabulary(log=log)
            return Report(size.name, DATASET_VERSION, False, marker["counts"], 0.0)
        raise RuntimeError(
            f"{connection.settings_dict['NAME']} holds dataset {marker['size']} "
            f"v{marker['version']}; pass --rebuild or another --db."
        )
    counts = _generate(connection, size, progress=progress, log=log, seed=seed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(size text, version int, counts jsonb, built_at timestamptz)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
        cursor.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, now())",
            [size.name, DATASET_VERSION, json.dumps(counts)],
        )
    ensure_vocabulary(log=log)
    seconds = round(time.monotonic() - start, 1)
    log(f"dataset {size.name} built in {seconds} s: {counts}")
    return Report(size.name, DATASET_VERSION, True, counts, seconds)


def ensure_vocabulary(*, log=print) -> None:
    """The "Did you mean" vocabularies the daily beat tasks keep in production
    (built once for a dataset that has none; ~10-60 s at full size)."""
    import time

    from candidates.search import refresh_vocabulary as candidate_vocabulary
    from hotgigs.models import SearchTerm
    from jobs.search import refresh_vocabulary as job_vocabulary

    for scope, refresh in (
        ("jobs", job_vocabulary),
        ("candidates", candidate_vocabulary),
    ):
        if not SearchTerm.objects.filter(scope=scope).exists():
            start = time.monotonic()
            counts = refresh()
            log(f"{scope} vocabulary: {counts} in {time.monotonic() - start:.1f} s")


def _generate(connection, size: Size, *, progress, log, seed):
    from django.contrib.auth.hashers import make_password
    from tqdm import tqdm

    from candidates.search import update_all_search_vectors
    from jobs.services import refresh_search_vectors

    rng = random.Random(seed)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    now_s = _fmt_ts(now)
    password = make_password(PASSWORD)

    connection.ensure_connection()
    raw = connection.connection  # psycopg2 connection, for copy_expert
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, name, slug FROM matching_skill ORDER BY category, id"
        )
        skills = cursor.fetchall()
    if not skills:
        raise RuntimeError("The taxonomy is empty: run migrate first.")
    rng.shuffle(skills)
    skill_cum = cumulative(zipf_weights(len(skills), 0.9))
    city_cum = cumulative(zipf_weights(len(CITIES), 0.8))
    company_cum = cumulative(zipf_weights(size.companies, 0.6))

    n_users = size.companies + size.candidates
    n_job_skills = size.jobs * 4  # approximate, for the progress bar
    n_cand_skills = size.candidates * 5
    total = (
        n_users * 2 + size.companies * 2 + size.jobs + n_job_skills + n_cand_skills
    ) + size.applications
    bar = tqdm(total=total, unit="row", unit_scale=True, disable=not progress)

    cursor = raw.cursor()
    # The settings' statement timeout (30 s) protects web requests; a COPY of
    # millions of rows and the vector UPDATEs legitimately take longer.
    cursor.execute("SET statement_timeout = 0")
    cursor.execute("TRUNCATE " + ", ".join(LOADED_TABLES) + " RESTART IDENTITY CASCADE")
    # Definitions are saved before the drop: a load that fails half-way gets
    # its indexes back from the next run.
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {INDEX_TABLE} (name text PRIMARY KEY, sql text)"
    )
    for name, definition in _secondary_indexes(cursor):
        cursor.execute(
            f"INSERT INTO {INDEX_TABLE} VALUES (%s, %s) ON CONFLICT DO NOTHING",
            [name, definition],
        )
        cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    cursor.execute(f"SELECT name, sql FROM {INDEX_TABLE}")
    indexes = cursor.fetchall()
    log(f"dropped {len(indexes)} secondary indexes for the load")

    def load(table, columns, rows):
        copy_rows(
            cursor,
            table,
            columns,
            rows,
            filler=_required_fillers(cursor, table, columns),
            progress=bar,
        )

    # Users: employers 1..C (owner of company i), candidates C+1..C+N.
    def users():
        for i in range(1, n_users + 1):
            if i <= size.companies:
                email, name, role = (
                    f"employer{i}@{EMAIL_DOMAIN}",
                    f"Employer {i}",
                    "employer",
                )
            else:
                k = i - size.companies
                email, name, role = (
                    f"candidate{k}@{EMAIL_DOMAIN}",
                    f"Candidate {k}",
                    "candidate",
                )
            yield (str(i), password, "f", email, name, role, "t", "f", now_s)

    load(
        "accounts_user",
        [
            "id",
            "password",
            "is_superuser",
            "email",
            "full_name",
            "role",
            "is_active",
            "is_staff",
            "date_joined",
        ],
        users(),
    )

    def companies():
        for i in range(1, size.companies + 1):
            name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIX)} {i}"
            city = CITIES[i % len(CITIES)]
            yield (
                str(i),
                now_s,
                now_s,
                "employer",
                name,
                f"company-{i}",
                "We build things with care.",
                "",
                "Software",
                "51-200",
                city[0],
                city[1],
                city[2],
                "t",
                "",
                "",
                "",
            )

    load(
        "companies_company",
        [
            "id",
            "created_at",
            "updated_at",
            "kind",
            "name",
            "slug",
            "description",
            "website",
            "industry",
            "size",
            "hq_city",
            "hq_region",
            "hq_country",
            "is_verified",
            "logo",
            "logo_small",
            "logo_large",
        ],
        companies(),
    )
    load(
        "companies_membership",
        ["id", "created_at", "updated_at", "role", "company_id", "user_id"],
        (
            (str(i), now_s, now_s, "owner", str(i), str(i))
            for i in range(1, size.companies + 1)
        ),
    )

    job_skill_rows = []  # filled while jobs are generated, loaded right after

    def jobs():
        choices, rand = rng.choices, rng.random
        for i in range(1, size.jobs + 1):
            level = choices(LEVELS, LEVEL_WEIGHTS)[0]
            role = choices(ROLES, ROLE_WEIGHTS)[0]
            picked = {
                skills[j]
                for j in _pick(rng, skill_cum, len(skills), 2 + int(rand() * 4))
            }
            lead = next(iter(picked))[1]
            title = " ".join(p for p in (LEVEL_TITLE[level], lead, role) if p)
            city = CITIES[_index(rng, city_cum, len(CITIES))]
            company = _index(rng, company_cum, size.companies) + 1
            words = " ".join(rng.sample(WORDS, 8))
            description = (
                f"<p>Join our team as {title}. We {words}.</p>"
                f"<p>You know {', '.join(s[1] for s in picked)}.</p>"
            )
            base = 30_000 + int(rand() * 120_000)
            has_salary = rand() < 0.7
            published = now - datetime.timedelta(seconds=int(rand() * 60 * 86400))
            for skill in picked:
                job_skill_rows.append(
                    (str(i), str(skill[0]), "t" if rand() < 0.7 else "f")
                )
            yield (
                str(i),
                now_s,
                now_s,
                title[:200],
                f"job-{i}",
                description,
                choices(EMPLOYMENT, EMPLOYMENT_WEIGHTS)[0],
                level,
                str(LEVELS.index(level) * 2),
                city[0],
                city[1],
                city[2],
                choices(REMOTE, REMOTE_WEIGHTS)[0],
                str(base) if has_salary else r"\N",
                str(base + 20_000) if has_salary else r"\N",
                "EUR" if has_salary else "",
                "year",
                str(base) if has_salary else r"\N",
                str(base + 20_000) if has_salary else r"\N",
                "1",
                "published",
                _fmt_ts(published),
                _fmt_ts(published + datetime.timedelta(days=90)),
                str(company),
                str(company),
            )

    job_columns = [
        "id",
        "created_at",
        "updated_at",
        "title",
        "slug",
        "description",
        "employment_type",
        "experience_level",
        "min_years_experience",
        "city",
        "region",
        "country",
        "remote_policy",
        "salary_min",
        "salary_max",
        "salary_currency",
        "salary_period",
        "salary_min_yearly",
        "salary_max_yearly",
        "openings",
        "status",
        "published_at",
        "expires_at",
        "company_id",
        "posted_by_id",
    ]
    # Load jobs and their skills in slices to bound memory at a million jobs.
    job_iter = jobs()
    while True:
        chunk = list(itertools.islice(job_iter, 100_000))
        if not chunk:
            break
        load("jobs_job", job_columns, chunk)
        load("jobs_jobskill", ["job_id", "skill_id", "is_required"], job_skill_rows)
        job_skill_rows.clear()

    cand_skill_rows = []

    def profiles():
        choices, rand = rng.choices, rng.random
        for k in range(1, size.candidates + 1):
            user_id = size.companies + k
            level = choices(LEVELS, LEVEL_WEIGHTS)[0]
            role = choices(ROLES, ROLE_WEIGHTS)[0]
            picked = {
                skills[j]
                for j in _pick(rng, skill_cum, len(skills), 3 + int(rand() * 5))
            }
            lead = next(iter(picked))[1]
            headline = f"{LEVEL_TITLE[level]} {lead} {role}".strip()
            summary = "I like " + " ".join(rng.sample(WORDS, 6)) + "."
            names = [s[1] for s in picked]
            for skill in picked:
                cand_skill_rows.append(
                    (
                        str(k),
                        str(skill[0]),
                        skill[1],
                        str(1 + int(rand() * 5)),
                        str(int(rand() * 10)),
                    )
                )
            city = CITIES[_index(rng, city_cum, len(CITIES))]
            years = LEVELS.index(level) * 3 + int(rand() * 3)
            low = 30_000 + int(rand() * 100_000)
            visibility = "hidden" if rand() < 0.05 else "public"
            active = now - datetime.timedelta(seconds=int(rand() * 90 * 86400))
            yield (
                str(k),
                now_s,
                now_s,
                headline,
                summary,
                city[0],
                city[1],
                city[2],
                "f",
                choices(REMOTE + ["any"], [30, 30, 20, 20])[0],
                str(years),
                level,
                str(low),
                str(low + 15_000),
                "EUR",
                "year",
                str(low),
                str(low + 15_000),
                '["full_time"]',
                "actively_looking",
                "",
                "",
                "",
                "",
                visibility,
                "f",
                "f",
                " ".join([headline, *names, summary]),
                _fmt_ts(active),
                str(user_id),
            )

    profile_columns = [
        "id",
        "created_at",
        "updated_at",
        "headline",
        "summary",
        "city",
        "region",
        "country",
        "willing_to_relocate",
        "remote_preference",
        "years_experience",
        "experience_level",
        "desired_salary_min",
        "desired_salary_max",
        "salary_currency",
        "salary_period",
        "desired_salary_min_yearly",
        "desired_salary_max_yearly",
        "employment_types",
        "availability",
        "portfolio_url",
        "github_url",
        "linkedin_url",
        "phone",
        "visibility",
        "show_contact_details",
        "opt_out_of_matching",
        "search_document",
        "last_active_at",
        "user_id",
    ]
    profile_iter = profiles()
    while True:
        chunk = list(itertools.islice(profile_iter, 50_000))
        if not chunk:
            break
        load("candidates_candidateprofile", profile_columns, chunk)
        load(
            "candidates_candidateskill",
            ["profile_id", "skill_id", "name", "level", "years"],
            cand_skill_rows,
        )
        cand_skill_rows.clear()

    stages = [
        "applied",
        "screening",
        "interview",
        "offer",
        "hired",
        "rejected",
        "withdrawn",
    ]
    stage_weights = [60, 15, 10, 3, 2, 8, 2]

    def applications():
        made = 0
        per = size.applications_per_candidate
        applicants = range(BENCH_CANDIDATES + 1, size.candidates + 1)
        for k in itertools.cycle(applicants):
            if made >= size.applications:
                return
            user_id = size.companies + k
            # Skewed towards low ids: some jobs draw many applicants.
            job_ids = {int(size.jobs * rng.random() ** 2) + 1 for _ in range(per)}
            for job_id in job_ids:
                if made >= size.applications:
                    return
                stage = rng.choices(stages, stage_weights)[0]
                made += 1
                yield (
                    now_s,
                    now_s,
                    stage,
                    "direct",
                    "",
                    "skills" if stage == "rejected" else "",
                    "",
                    "",
                    now_s,
                    str(user_id),
                    str(job_id),
                )

    app_columns = [
        "created_at",
        "updated_at",
        "stage",
        "source",
        "cover_letter",
        "rejection_reason",
        "rejection_note",
        "withdrawal_reason",
        "stage_changed_at",
        "candidate_id",
        "job_id",
    ]
    # (job, candidate) is unique: a candidate cycled twice must not repeat a job,
    # so cap applications at one round over the candidates.
    load("jobs_application", app_columns, _unique_pairs(applications()))
    bar.close()

    log("recreating secondary indexes, filling search vectors")
    for table in (
        "accounts_user",
        "jobs_job",
        "jobs_jobskill",
        "jobs_application",
        "companies_company",
        "companies_membership",
        "candidates_candidateprofile",
        "candidates_candidateskill",
    ):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))"
        )
    # Statistics before the vector UPDATEs: without them the planner joins each
    # job's skills by probing every skill (hours at 1M jobs instead of minutes).
    cursor.execute("ANALYZE")
    raw.commit()
    cursor.close()
    refresh_search_vectors()
    update_all_search_vectors()
    with connection.cursor() as c:
        c.execute("SET maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            c.execute(
                definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
            )
        c.execute(f"DELETE FROM {INDEX_TABLE}")
        # The vector UPDATEs left a dead copy of every row: VACUUM clears them
        # and sets the visibility map (index-only scans); ANALYZE the rest.
        for table in LOADED_TABLES:
            c.execute(f"VACUUM ANALYZE {table}")
    # What the nightly beat tasks keep in production: the text idf table.
    from jobs.ranking.services import text_corpus_refresh

    text_corpus_refresh()
    counts = {}
    with connection.cursor() as c:
        for table in LOADED_TABLES:
            c.execute(f"SELECT count(*) FROM {table}")
            counts[table] = c.fetchone()[0]
    return counts


def _unique_pairs(rows):
    seen = set()
    for row in rows:
        key = (row[-2], row[-1])
        if key in seen:
            continue
        seen.add(key)
        yield row


def _index(rng, cum, n):
    import bisect

    return min(bisect.bisect(cum, rng.random() * cum[-1]), n - 1)


def _pick(rng, cum, n, k):
    return {_index(rng, cum, n) for _ in range(k)}


def describe(size: Size) -> dict:
    return asdict(size)
