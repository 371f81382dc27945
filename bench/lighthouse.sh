#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, driving Debian's Chromium) at mobile settings on
# the home, search, job, profile, pipeline and insights pages of a running site
# with the demo data (`make run`, or `manage.py runserver` over a seeded VAR_DIR).
#
#   BASE=http://127.0.0.1:8000 bench/lighthouse.sh      # reports in var/lighthouse/
#   bench/lighthouse.sh job profile                      # only these pages
#
# Signed-in pages get the session cookie of a demo account (made with Django's
# session engine, the same database the server reads: run it with the server's
# VAR_DIR / DATABASE_URL). Needs `lighthouse` on PATH (npm install -g lighthouse)
# or LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${BASE:-http://127.0.0.1:8000}
LIGHTHOUSE=${LIGHTHOUSE:-lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
OUT=${OUT:-var/lighthouse}
mkdir -p "$OUT"

cookie() {
  .venv/bin/python manage.py shell -c "
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from accounts.models import User
user = User.objects.get(email='$1')
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
print(settings.SESSION_COOKIE_NAME + '=' + store.session_key)" | tail -n1
}

JOB=$(.venv/bin/python manage.py shell -c "
from jobs.models import Job
print(Job.objects.published().order_by('pk').first().slug)" | tail -n1)
CANDIDATE=$(cookie candidate@hotgigs.test)
EMPLOYER=$(cookie employer@hotgigs.test)
EMPLOYER_JOB=$(.venv/bin/python manage.py shell -c "
from jobs.models import Job
print(Job.objects.filter(company__memberships__user__email='employer@hotgigs.test', status='published').order_by('pk').first().slug)" | tail -n1)

WANTED=" $* "
run() {
  local name=$1 path=$2 cookie=${3:-}
  if [ "$WANTED" != "  " ] && [[ "$WANTED" != *" $name "* ]]; then return; fi
  local headers=()
  if [ -n "$cookie" ]; then headers=(--extra-headers "{\"Cookie\": \"$cookie\"}"); fi
  "$LIGHTHOUSE" "$BASE$path" --quiet --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices \
    --chrome-flags="--headless --no-sandbox --disable-gpu" \
    --output=json --output-path="$OUT/$name.json" "${headers[@]}"
  python3 - "$OUT/$name.json" "$name" "$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(f"{sys.argv[2]:<10} {sys.argv[3]:<40} performance {scores['performance']:>3}"
      f"  accessibility {scores['accessibility']:>3}  best practices {scores['best-practices']:>3}")
PY
}

run home /
run search "/jobs/?q=python"
run job "/jobs/$JOB/"
run profile /profile/ "$CANDIDATE"
run pipeline "/jobs/$EMPLOYER_JOB/pipeline/" "$EMPLOYER"
run insights /insights/ "$EMPLOYER"
