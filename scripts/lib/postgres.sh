# Sourced by scripts/test: a PostgreSQL cluster of its own for the tests ("govcms-test", on port 5439, started
# without systemd, with fsync off: test data need no durability, and the cluster holds nothing else), and a role that
# may create the test databases. Exports GOVCMS_TEST_DATABASE_URL. Needs Debian's postgresql package.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)
PG_CLUSTER=govcms-test
PG_PORT=${GOVCMS_TEST_PG_PORT:-5439}
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$PG_VERSION $PG_CLUSTER"; then
  ${SUDO:-} pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  for setting in "fsync = off" "synchronous_commit = off" "full_page_writes = off" "max_connections = 50"; do
    echo "$setting" | ${SUDO:-} tee -a "/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/govcms-test.conf" >/dev/null
  done
fi
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c {print $4}' | grep -q online; then
  ${SUDO:-} pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi
for _ in $(seq 1 30); do
  as_postgres pg_isready -q -p "$PG_PORT" && break
  sleep 1
done
as_postgres psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'govcms_test') THEN
    CREATE ROLE govcms_test LOGIN CREATEDB PASSWORD 'govcms_test';
  END IF;
END $$;
SQL
export GOVCMS_TEST_DATABASE_URL="postgres://govcms_test:govcms_test@127.0.0.1:$PG_PORT/govcms"

# Redis for the cache in that run: a server of the tests' own on port 6390, nothing saved to disk.
REDIS_PORT=${GOVCMS_TEST_REDIS_PORT:-6390}
redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 ||
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no >/dev/null
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
export GOVCMS_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1"
