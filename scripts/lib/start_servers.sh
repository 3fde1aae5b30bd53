#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster and a Redis server without systemd, and makes the govcms role (CREATEDB,
# so pytest-django can make its test database). Idempotent: servers already running are left as they are.
set -euo pipefail
SUDO=""; AS_PG="sudo -u postgres"
[ "$(id -u)" = 0 ] && AS_PG="runuser -u postgres --" || SUDO=sudo
ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx main; then
  $SUDO pg_createcluster "$ver" main >/dev/null
fi
if ! pg_lsclusters -h | awk '$2 == "main" {print $4}' | grep -qx online; then
  $SUDO pg_ctlcluster "$ver" main start
fi
$AS_PG psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'govcms'" | grep -q 1 ||
  $AS_PG psql -qc "CREATE ROLE govcms LOGIN CREATEDB PASSWORD 'govcms'"
$AS_PG psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'govcms'" | grep -q 1 ||
  $AS_PG createdb -O govcms govcms
redis-cli -p 6379 ping >/dev/null 2>&1 || redis-server --port 6379 --bind 127.0.0.1 --daemonize yes --save "" \
  --appendonly no >/dev/null
for _ in $(seq 50); do redis-cli -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
