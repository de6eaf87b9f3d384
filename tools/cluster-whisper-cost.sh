#!/usr/bin/env bash
# CPU per whisper across a three-node cluster (docs/cluster.md "Whispers"): 3,000 sessions spread over three nodes,
# 10,000 whispers/s for 40 s, twice on the same node JVMs (the second run is warm); the node JVMs', Redis's and the
# load generator's CPU time is read from /proc over 20 s of each run. Cost per unit of work, unlike the tail, does
# not depend on how the two cores' scheduler happens to queue the processes.
#   HONCHAT_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/honchat HONCHAT_DATABASE_USER=honchat \
#   HONCHAT_DATABASE_PASSWORD=honchat tools/cluster-whisper-cost.sh
# Needs redis-server, a PostgreSQL database and the jars of ./mvnw -B -pl server,loadgen -am package -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${HONCHAT_DATABASE_URL:?set HONCHAT_DATABASE_URL (and _USER, _PASSWORD) to a PostgreSQL database}"
export HONCHAT_DATABASE_SCHEMA="${HONCHAT_DATABASE_SCHEMA:-whispercost}"
WORK="${WHISPER_COST_DIR:-/tmp/honchat-whisper-cost}"
REDIS_PORT="${WHISPER_COST_REDIS_PORT:-56398}"
RATE="${WHISPER_COST_RATE:-10000}"
rm -rf "$WORK"; mkdir -p "$WORK"
source tools/bench-redis.sh
java -jar loadgen/target/loadgen.jar setup --data-dir "$WORK/setup" --accounts 3000 --buddies 1 > /dev/null
for i in 0 1 2; do
  mkdir -p "$WORK/n$i"
  HONCHAT_CLUSTER_ENABLED=true HONCHAT_CLUSTER_NODE_ID="n$i" HONCHAT_CLUSTER_NAME=whispercost \
  HONCHAT_CLUSTER_REDIS_ADDRESS="127.0.0.1:$REDIS_PORT" HONCHAT_CHAT_SECRET=cluster-bench-shared-secret \
  HONCHAT_CHAT_PLAYER_COUNT_INTERVAL_SECONDS=0 \
    java -Xmx2g -jar server/target/honchat.jar serve --config docs/bench-config.yaml --data-dir "$WORK/n$i" \
      --chat-port $((13031 + i)) --http-port $((19080 + i)) --admin-port $((19180 + i)) \
      --match-server-port 0 --manager-port 0 > "$WORK/n$i/log.txt" 2>&1 &
  PIDS[$i]=$!
  [ "$i" = 0 ] && sleep 6 # n0 takes the hub lease
done
sleep 8
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
hz=$(getconf CLK_TCK)
cpu() { echo "scale=2; ($2 - $1) / $hz" | bc; }
for run in 1 2; do
  java -Xmx1g -jar loadgen/target/loadgen.jar whisper --count 3000 --rate "$RATE" --duration 40 \
    --chat-ports 13031,13032,13033 --http-port 19080 > "$WORK/whisper-$run.txt" 2>&1 &
  lg=$!
  sleep 15 # logins, then some seconds of whispers
  n0=$(ticks "${PIDS[@]}"); r0=$(ticks "$(cat "$WORK/redis.pid")"); l0=$(ticks "$lg"); s0=$(date +%s%N)
  sleep 20
  n1=$(ticks "${PIDS[@]}"); r1=$(ticks "$(cat "$WORK/redis.pid")"); l1=$(ticks "$lg"); s1=$(date +%s%N)
  wait "$lg"
  [ "$run" = 1 ] && echo "(run 1 warms the node JVMs up: read run 2)"
  echo "run $run, CPU seconds over $(echo "scale=1; ($s1 - $s0) / 1000000000" | bc) s: three nodes $(cpu "$n0" "$n1")," \
    "Redis $(cpu "$r0" "$r1"), load generator $(cpu "$l0" "$l1")"
  grep -E "^result|end-to-end" "$WORK/whisper-$run.txt"
done
