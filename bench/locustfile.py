"""The mixed workload for ``bench/load.py`` (Locust, run headless by it).

Each simulated user browses, searches, opens jobs and sometimes applies, with
think time: every user starts at a random moment of one period (1 /
BENCH_USER_RATE seconds) and then keeps that pace, so N users make a constant
arrival rate of N × BENCH_USER_RATE. (Locust's ``constant_throughput`` counts
the random start as work and realigns every user into one burst a period later.)
A 409 on apply (already applied) is a correct answer, not an error.

Each response's own time on the server (the ``app`` entry of its Server-Timing
header) is kept per request name and written to BENCH_SERVER_TIMES when the run
ends: the report shows it beside what Locust measured at the client, so time
spent in the load generator itself is not mistaken for the site's.
"""

import json
import os
import random
import re
import time

import gevent
from locust import FastHttpUser, events, task


def _context() -> dict:
    path = os.environ.get("BENCH_CONTEXT_FILE")
    if path:
        with open(path) as handle:
            return json.load(handle)
    return json.loads(os.environ.get("BENCH_CONTEXT", "{}"))


CONTEXT = _context()
JOB_IDS = CONTEXT.get("job_ids", [1])
JOB_SLUGS = CONTEXT.get("job_slugs", ["job-1"])
WORDS = CONTEXT.get("words", ["engineer"])
COUNTRIES = CONTEXT.get("countries", ["DE"])
TOKENS = CONTEXT.get("candidate_tokens", [])
FILTERS = [
    "remote_policy=remote",
    "remote_policy=hybrid",
    "employment_type=full_time",
    "employment_type=contract",
    "experience_level=senior",
    "experience_level=mid",
    "experience_level=entry",
    "remote_policy=onsite",
    "employment_type=part_time",
    "posted_within_days=7",
    "salary_min=60000",
]
USER_RATE = float(os.environ.get("BENCH_USER_RATE", "0.1"))
PERIOD = 1 / USER_RATE
# Think time (seconds) outlasts gunicorn's keep-alive (5 s): a reused idle
# connection races the server closing it. One connection per request, as a load
# balancer in front would do towards gunicorn.
CLOSE = {"Connection": "close"}
SERVER_TIMES: dict[str, list[float]] = {}
APP_DURATION = re.compile(r"\bapp;dur=([0-9.]+)")


def server_time(name, response):
    match = APP_DURATION.search(response.headers.get("Server-Timing") or "")
    if match:
        SERVER_TIMES.setdefault(name, []).append(float(match.group(1)))


@events.quitting.add_listener
def write_server_times(environment, **kwargs):
    path = os.environ.get("BENCH_SERVER_TIMES")
    if path:
        with open(path, "w") as f:
            json.dump(SERVER_TIMES, f)


class Visitor(FastHttpUser):
    def on_start(self):
        # Spread the users' first requests over one period, then keep the pace.
        gevent.sleep(random.random() * PERIOD)
        self.next_start = time.monotonic()

    def wait_time(self):
        self.next_start += PERIOD
        return max(0.0, self.next_start - time.monotonic())

    def get(self, path, name):
        response = self.client.get(path, name=name, headers=CLOSE)
        server_time(name, response)

    @task(4)
    def browse(self):
        self.get("/api/v1/jobs/?sort=newest", "browse newest")

    @task(2)
    def browse_page(self):
        self.get("/jobs/", "browse /jobs/")

    @task(6)
    def search(self):
        # A real word of the dataset, often a country, sometimes a filter or a
        # sort: hundreds × countries × filters, so most searches are new to
        # the cache, as on a real site.
        query = f"q={random.choice(WORDS)}"
        if random.random() < 0.6:
            query += f"&country={random.choice(COUNTRIES)}"
        if random.random() < 0.4:
            query += "&" + random.choice(FILTERS)
        if random.random() < 0.2:
            query += "&sort=newest"
        self.get(f"/api/v1/jobs/?{query}", "search text+filter")

    @task(1)
    def filters_only(self):
        query = f"country={random.choice(COUNTRIES)}&" + "&".join(
            random.sample(FILTERS[:9], 2)
        )
        self.get(f"/api/v1/jobs/?{query}", "search filters only")

    @task(5)
    def detail(self):
        self.get(f"/api/v1/jobs/{random.choice(JOB_IDS)}/", "job detail")

    @task(2)
    def detail_page(self):
        self.get(f"/jobs/{random.choice(JOB_SLUGS)}/", "job page")

    @task(1)
    def apply(self):
        if not TOKENS:
            return
        with self.client.post(
            f"/api/v1/jobs/{random.choice(JOB_IDS)}/apply/",
            json={"cover_letter": "Load test."},
            headers=CLOSE | {"Authorization": f"Bearer {random.choice(TOKENS)}"},
            name="apply",
            catch_response=True,
        ) as response:
            server_time("apply", response)
            if response.status_code in (201, 409):
                response.success()
