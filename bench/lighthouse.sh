#!/usr/bin/env bash
# Lighthouse at mobile settings on the home, search, job, profile, pipeline and
# insights pages of a production-like site it stands up itself (gunicorn,
# DEBUG=false, collected static files, demo data). See bench/lighthouse.py.
#
#   (cd bench/lighthouse && npm ci)      # once: Lighthouse 12.8.2 (not committed)
#   bench/lighthouse.sh                  # all six pages, 3 runs each, medians
#   bench/lighthouse.sh job profile --runs 1
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python bench/lighthouse.py "$@"
