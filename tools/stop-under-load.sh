#!/usr/bin/env bash
# How long SIGTERM takes with the server overloaded (docs/operations.md "Stopping"): the fan-out of
# docs/performance.md (one channel of 200 members, 10 senders) at RATE messages per second (default 20,000 = 4 M
# deliveries/s, twice the best rate that keeps p99 under 50 ms), server pinned to core 0 and the load generator to
# core 1; SIGTERM after LOAD seconds (default 10) of load, then the time until the process has exited.
#
#   tools/stop-under-load.sh SERVER_JAR [RATE]
#
# Needs the accounts of `loadgen setup --data-dir /tmp/bench/data --accounts 8200` and loadgen/target/loadgen.jar.
set -u
JAR=$1; RATE=${2:-20000}; LOAD=${LOAD:-10}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
taskset -c 0 java -Xmx2g -jar "$JAR" serve --config "$here/docs/bench-config.yaml" --data-dir /tmp/bench/data \
  > /tmp/stop-server.log 2>&1 &
PID=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:8080/client_requester.php" && break; sleep 0.5; done
taskset -c 1 java -jar "$here/loadgen/target/loadgen.jar" fanout --channels 1 --members 200 --senders 10 \
  --rate "$RATE" --duration $((LOAD + 20)) --warmup 2 > /tmp/stop-loadgen.log 2>&1 &
LGPID=$!
until grep -q '^fanout:' /tmp/stop-loadgen.log || ! kill -0 "$LGPID" 2>/dev/null; do sleep 0.2; done
sleep "$LOAD"
T0=$(date +%s%N)
kill -TERM "$PID"
wait "$PID"
CODE=$?
T1=$(date +%s%N)
kill "$LGPID" 2>/dev/null; wait "$LGPID" 2>/dev/null
echo "stop under $((RATE * 200)) deliveries/s offered: exit $CODE after $(( (T1 - T0) / 1000000 )) ms"
grep -E "stopping|stopped|exiting now" /tmp/stop-server.log
