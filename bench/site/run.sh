#!/usr/bin/env bash
# Runs the site benchmark (bench/site/run.py) with the project's virtualenv; arguments pass through.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python bench/site/run.py "$@"
