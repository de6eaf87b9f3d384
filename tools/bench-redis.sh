# Sourced by the cluster benchmarks: starts a throwaway Redis (Debian's redis-server, no persistence) on
# $REDIS_PORT with its files in $WORK, and at exit stops it and every process whose pid the caller put in PIDS.
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --dir "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT
