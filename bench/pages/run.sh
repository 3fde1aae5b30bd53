#!/usr/bin/env bash
# Runs the site benchmark (bench/pages/run.py) with the project's virtualenv; arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python bench/pages/run.py "$@"
