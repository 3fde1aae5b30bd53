#!/usr/bin/env bash
# Runs the mixed-visitor load test (bench/load/run.py) with the project's virtualenv; arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python bench/load/run.py "$@"
