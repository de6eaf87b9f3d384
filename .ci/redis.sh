# Sourced by .ci/run: starts a throwaway Redis on 127.0.0.1:56379 for the cluster tests (installed from Debian's
# packages when missing) and exports HONCHAT_TEST_REDIS. Stopped when the shell exits (after PostgreSQL's trap).
if ! command -v redis-server >/dev/null; then
  echo "ci: installing Redis from Debian packages" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
REDIS_PORT=56379
REDIS_DIR="$(mktemp -d /tmp/honchat-redis.XXXXXX)"
# no persistence: the cluster keeps nothing in Redis it cannot rebuild (docs/cluster.md)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$REDIS_DIR" \
  --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
stop_redis() { redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$REDIS_DIR"; }
trap 'stop_redis; stop_postgres' EXIT
export HONCHAT_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export HONCHAT_TEST_REDIS_SERVER="$(command -v redis-server)"
echo "ci: Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT" >&2
