"""Lighthouse at mobile settings on six pages of a production-like HotGigs.

    (cd bench/lighthouse && npm ci)          # Lighthouse 12.8.2, pinned in package.json
    .venv/bin/python bench/lighthouse.py     # or bench/lighthouse.sh
    .venv/bin/python bench/lighthouse.py job profile --runs 1

Without --base it stands the site up itself, the way production runs it: a fresh
VAR_DIR (SQLite, local-memory cache, inline tasks), `migrate`, `seed_demo`,
`collectstatic` (whitenoise's compressed, hashed files with far-future cache
headers), then gunicorn with `gunicorn.conf.py` and DEBUG=false. Only what
needs HTTPS is relaxed for a plain-HTTP 127.0.0.1 (SSL redirect, HSTS, secure
cookies). With --base it measures a site that is already running (run this
script with that site's VAR_DIR / DATABASE_URL so the session cookies match).

Every page is measured --runs times (default 3) with Lighthouse's default mobile
emulation and simulated slow 4G; the table shows each category's median, the
median time to first byte (the server's share of the score) and the load
average (`uptime`) when the page's runs began, because the machine is shared.
Reports (JSON) go to var/lighthouse/.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DEFAULT_LIGHTHOUSE = (
    ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
)
CATEGORIES = ("performance", "accessibility", "best-practices")

# The figures in the session cookie / slug lookups run inside Django.
LOOKUP = """
from importlib import import_module
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from accounts.models import User
from jobs.models import Job

def cookie(email):
    user = User.objects.get(email=email)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return settings.SESSION_COOKIE_NAME + "=" + store.session_key

employer_job = Job.objects.filter(
    company__memberships__user__email="employer@hotgigs.test", status="published"
).order_by("pk").first()
print(json.dumps({
    "job": Job.objects.published().order_by("pk").first().slug,
    "employer_job": employer_job.slug,
    "candidate": cookie("candidate@hotgigs.test"),
    "employer": cookie("employer@hotgigs.test"),
}))
"""


def pages(found):
    """(name, path pattern, path, cookie) of the six pages the issue names."""
    job, employer_job = found["job"], found["employer_job"]
    return [
        ("home", "/", "/", None),
        ("search", "/jobs/?q=python", "/jobs/?q=python", None),
        ("job", "/jobs/<slug>/", f"/jobs/{job}/", None),
        ("profile", "/profile/", "/profile/", found["candidate"]),
        (
            "pipeline",
            "/jobs/<slug>/pipeline/",
            f"/jobs/{employer_job}/pipeline/",
            found["employer"],
        ),
        ("insights", "/insights/", "/insights/", found["employer"]),
    ]


def production_env(var_dir):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DEBUG"}
    }
    env.update(
        VAR_DIR=str(var_dir),
        STATIC_ROOT=str(var_dir / "static"),
        DEBUG="false",
        SECRET_KEY="lighthouse-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on the loopback: nothing to redirect to, no proxy in front.
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        BEHIND_PROXY="false",
    )
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


HAPROXY_CONFIG = """\
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 35s
    timeout tunnel 1h
frontend hotgigs
    bind {proxy}
    http-request set-header X-Forwarded-Proto http
    acl is_ws path_beg /ws/
    use_backend daphne if is_ws
    default_backend web
backend web
    server web {web}
backend daphne
    server daphne {daphne}
"""


def wait_until_up(url, processes, log_dir):
    for _ in range(240):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if any(process.poll() is not None for process in processes):
                raise SystemExit(
                    f"a server exited; see the logs in {log_dir}"
                ) from None
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer in 2 minutes; see the logs in {log_dir}")


@contextmanager
def production_site():
    """A seeded, collected site laid out as in production; yields (base URL, env).

    gunicorn (gunicorn.conf.py) serves HTTP and daphne the /ws/ WebSockets
    behind HAProxy, as in deploy/local-cluster, so the pages' live badges
    connect as they do in production.
    """
    var_dir = Path(tempfile.mkdtemp(prefix="hotgigs-lighthouse-"))
    env = production_env(var_dir)
    web, daphne, proxy = (f"127.0.0.1:{free_port()}" for _ in range(3))
    print(f"Setting up a production-like site in {var_dir} …", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    config = var_dir / "haproxy.cfg"
    config.write_text(HAPROXY_CONFIG.format(proxy=proxy, web=web, daphne=daphne))
    host, port = daphne.split(":")
    commands = {
        "gunicorn": [str(ROOT / ".venv/bin/gunicorn"), "hotgigs.wsgi:application"],
        "daphne": [
            str(ROOT / ".venv/bin/daphne"),
            *("-b", host, "-p", port, "--proxy-headers"),
            "hotgigs.asgi:application",
        ],
        "haproxy": ["haproxy", "-db", "-f", str(config)],
    }
    server_env = {**env, "GUNICORN_BIND": web, "WEB_CONCURRENCY": "2"}
    processes = []
    try:
        for name, command in commands.items():
            with open(var_dir / f"{name}.log", "w") as log:
                processes.append(
                    subprocess.Popen(
                        command, cwd=ROOT, env=server_env, stdout=log, stderr=log
                    )
                )
        base = f"http://{proxy}"
        wait_until_up(f"http://{web}/health/live", processes, var_dir)
        wait_until_up(f"http://{daphne}/health/live", processes, var_dir)
        wait_until_up(f"{base}/health/live", processes, var_dir)
        print(f"gunicorn + daphne (DEBUG=false) behind HAProxy at {base}", flush=True)
        yield base, env
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


def load_average():
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def lighthouse_once(lighthouse, url, cookie, output):
    command = [
        str(lighthouse),
        url,
        "--quiet",
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
        "--output=json",
        f"--output-path={output}",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    subprocess.run(
        command,
        check=True,
        env={
            **os.environ,
            "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        },
    )
    report = json.loads(output.read_text())
    scores = {
        key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES
    }
    audits = report["audits"]
    scores["ttfb"] = audits["server-response-time"]["numericValue"]
    scores["lcp"] = audits["largest-contentful-paint"]["numericValue"]
    failing = [
        audit_id
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"]
        and (audit_id := ref["id"]) in audits
        and audits[audit_id]["score"] is not None
        and audits[audit_id]["score"] < 0.9
    ]
    scores["failing"] = failing
    return scores


def measure(base, env, wanted, runs, lighthouse, out_dir):
    found = json.loads(
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", LOOKUP],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, pattern, path, cookie in pages(found):
        if wanted and name not in wanted:
            continue
        load = load_average()
        results = [
            lighthouse_once(
                lighthouse, base + path, cookie, out_dir / f"{name}-{run}.json"
            )
            for run in range(1, runs + 1)
        ]
        median = {
            key: statistics.median(result[key] for result in results)
            for key in (*CATEGORIES, "ttfb", "lcp")
        }
        runs_text = " / ".join(str(result["performance"]) for result in results)
        failing = sorted({audit for result in results for audit in result["failing"]})
        row = (
            f"| {name} `{pattern}` "
            f"| {median['performance']:.0f} ({runs_text}) "
            f"| {median['accessibility']:.0f} "
            f"| {median['best-practices']:.0f} | {median['ttfb']:.0f} ms "
            f"| {median['lcp'] / 1000:.1f} s | {load} |"
        )
        print(row, flush=True)
        if failing:
            print(f"    audits below 0.9 in some run: {', '.join(failing)}", flush=True)
        rows.append(row)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "pages", nargs="*", help="home search job profile pipeline insights"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--base", help="measure this running site instead of starting one"
    )
    parser.add_argument(
        "--lighthouse", default=os.environ.get("LIGHTHOUSE", DEFAULT_LIGHTHOUSE)
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "lighthouse")
    args = parser.parse_args()
    if not Path(args.lighthouse).exists() and not shutil.which(str(args.lighthouse)):
        raise SystemExit("Lighthouse not found: (cd bench/lighthouse && npm ci)")
    header = (
        "| page | performance, median (runs) | accessibility | best practices "
        "| TTFB | LCP | load average at start |\n|---|---|---|---|---|---|---|"
    )
    if args.base:
        print(header)
        measure(
            args.base,
            dict(os.environ),
            args.pages,
            args.runs,
            args.lighthouse,
            args.out,
        )
        return
    with production_site() as (base, env):
        print(header)
        measure(base, env, args.pages, args.runs, args.lighthouse, args.out)


if __name__ == "__main__":
    sys.exit(main())
