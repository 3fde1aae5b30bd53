# Sourced by scripts/test: the three-node OpenSearch cluster of the tests (deploy/opensearch/cluster.py: Maven builds
# the node once, its downloads cached in ~/.m2), on ports 9250-9252 (HTTP) and 9350-9352 (transport), its data in a
# temporary folder removed when the script exits. opensearch_start starts it in the background (it comes up while
# the linters run); opensearch_wait waits for green and exports GOVCMS_TEST_OPENSEARCH_URL, which the OpenSearch
# tests read (with the cluster running, an OpenSearch test that skips fails), and GOVCMS_TEST_OPENSEARCH_DIR, through
# which the fault tests stop, pause and restart single nodes.
OPENSEARCH_DIR=""
OPENSEARCH_PID=""
opensearch_stop() {
  [ -n "$OPENSEARCH_DIR" ] || return 0
  if [ -n "$OPENSEARCH_PID" ]; then  # the script stopped before the cluster was up: stop waiting for it
    kill "$OPENSEARCH_PID" 2>/dev/null || true
    wait "$OPENSEARCH_PID" 2>/dev/null || true
  fi
  .venv/bin/python deploy/opensearch/cluster.py stop --dir "$OPENSEARCH_DIR" --clean || true
  OPENSEARCH_DIR=""
}
opensearch_start() {
  .venv/bin/python deploy/opensearch/cluster.py build
  OPENSEARCH_DIR=$(mktemp -d -t govcms-opensearch-XXXXXX)
  trap opensearch_stop EXIT
  .venv/bin/python deploy/opensearch/cluster.py start --dir "$OPENSEARCH_DIR" \
    --port "${GOVCMS_TEST_OPENSEARCH_PORT:-9250}" >"$OPENSEARCH_DIR/url" &
  OPENSEARCH_PID=$!
}
opensearch_wait() {
  if ! wait "$OPENSEARCH_PID"; then
    OPENSEARCH_PID=""
    echo "error: the OpenSearch test cluster did not start (logs in $OPENSEARCH_DIR/node-*/console.log;" \
      "GOVCMS_TEST_OPENSEARCH=0 skips its tests)" >&2
    tail -n 20 "$OPENSEARCH_DIR"/node-*/console.log >&2 || true
    exit 1
  fi
  OPENSEARCH_PID=""
  export GOVCMS_TEST_OPENSEARCH_URL=$(cat "$OPENSEARCH_DIR/url")
  export GOVCMS_TEST_OPENSEARCH_DIR=$OPENSEARCH_DIR
}
