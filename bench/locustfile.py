"""The mixed workload for ``bench/load.py`` (Locust, run headless by it).

Each simulated user browses, searches, opens jobs and sometimes applies, with
think time: ``constant_throughput`` caps every user at BENCH_USER_RATE tasks per
second, so N users make a constant arrival rate of N × BENCH_USER_RATE.
A 409 on apply (already applied) is a correct answer, not an error.
"""

import json
import os
import random

import gevent
from locust import HttpUser, constant_throughput, task

CONTEXT = json.loads(os.environ.get("BENCH_CONTEXT", "{}"))
JOB_IDS = CONTEXT.get("job_ids", [1])
JOB_SLUGS = CONTEXT.get("job_slugs", ["job-1"])
WORDS = CONTEXT.get("words", ["engineer"])
COUNTRIES = CONTEXT.get("countries", ["DE"])
TOKENS = CONTEXT.get("candidate_tokens", [])
USER_RATE = float(os.environ.get("BENCH_USER_RATE", "0.1"))


class Visitor(HttpUser):
    wait_time = constant_throughput(USER_RATE)

    def on_start(self):
        # Think time (seconds) outlasts gunicorn's keep-alive (5 s): a reused idle
        # connection races the server closing it. One connection per request, as
        # a load balancer in front would do towards gunicorn.
        self.client.headers["Connection"] = "close"
        # Spread the users' first requests over one think period: otherwise the
        # ramp-up fires every user at once and the "constant rate" starts with a
        # burst of `users` requests.
        gevent.sleep(random.random() / USER_RATE)

    @task(4)
    def browse(self):
        self.client.get("/api/v1/jobs/?sort=newest", name="browse newest")

    @task(2)
    def browse_page(self):
        self.client.get("/jobs/", name="browse /jobs/")

    @task(6)
    def search(self):
        word = random.choice(WORDS)
        country = random.choice(COUNTRIES)
        self.client.get(
            f"/api/v1/jobs/?q={word}&country={country}", name="search text+filter"
        )

    @task(5)
    def detail(self):
        self.client.get(f"/api/v1/jobs/{random.choice(JOB_IDS)}/", name="job detail")

    @task(2)
    def detail_page(self):
        self.client.get(f"/jobs/{random.choice(JOB_SLUGS)}/", name="job page")

    @task(1)
    def apply(self):
        if not TOKENS:
            return
        with self.client.post(
            f"/api/v1/jobs/{random.choice(JOB_IDS)}/apply/",
            json={"cover_letter": "Load test."},
            headers={"Authorization": f"Bearer {random.choice(TOKENS)}"},
            name="apply",
            catch_response=True,
        ) as response:
            if response.status_code in (201, 409):
                response.success()
