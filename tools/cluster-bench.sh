#!/usr/bin/env bash
# Three honchat nodes on this machine, one Redis, one PostgreSQL, and the cluster figures of docs/cluster.md.
#   HONCHAT_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/honchat HONCHAT_DATABASE_USER=honchat \
#   HONCHAT_DATABASE_PASSWORD=honchat tools/cluster-bench.sh [idle] [fanout] [whisper] [nodeloss] [hubloss]   (none: all)
# Needs redis-server (Debian package redis-server), a PostgreSQL database the nodes share, and the jars:
#   ./mvnw -B -pl server,loadgen -am package -DskipTests
# Each node is started with docs/bench-config.yaml (protections out of the load generator's way) and pinned to no
# core: three nodes, Redis and the load generator share the machine's cores (the figures say so).
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=" ${*:-idle fanout whisper nodeloss hubloss} "
run() { [[ "$WHAT" == *" $1 "* ]]; }
WORK="${CLUSTER_BENCH_DIR:-/tmp/honchat-cluster-bench}"
REDIS_PORT="${CLUSTER_BENCH_REDIS_PORT:-56399}"
: "${HONCHAT_DATABASE_URL:?set HONCHAT_DATABASE_URL (and _USER, _PASSWORD) to a PostgreSQL database}"
export HONCHAT_DATABASE_SCHEMA="${HONCHAT_DATABASE_SCHEMA:-clusterbench}"
SERVER=server/target/honchat.jar
LOADGEN=loadgen/target/loadgen.jar
LG="java -Xmx1g -jar $LOADGEN"
rm -rf "$WORK"; mkdir -p "$WORK"

source tools/bench-redis.sh

# node i: chat 12031+i, login 18080+i, admin 18180+i
start_node() {
  local i=$1
  mkdir -p "$WORK/n$i"
  HONCHAT_CLUSTER_ENABLED=true HONCHAT_CLUSTER_NODE_ID="n$i" HONCHAT_CLUSTER_NAME=bench \
  HONCHAT_CLUSTER_REDIS_ADDRESS="127.0.0.1:$REDIS_PORT" HONCHAT_CHAT_SECRET=cluster-bench-shared-secret \
  HONCHAT_CHAT_BIND_ADDRESS=0.0.0.0 HONCHAT_CHAT_PLAYER_COUNT_INTERVAL_SECONDS=0 \
    java -Xmx2g -jar "$SERVER" serve --config docs/bench-config.yaml --data-dir "$WORK/n$i" \
      --chat-port $((12031 + i)) --http-port $((18080 + i)) --admin-port $((18180 + i)) \
      --match-server-port 0 --manager-port 0 > "$WORK/n$i/log.txt" 2>&1 &
  PIDS[$i]=$!
}
wait_up() {
  for i in "$@"; do
    for _ in $(seq 300); do grep -q "honchat started" "$WORK/n$i/log.txt" 2>/dev/null && break; sleep 0.2; done
    grep -q "honchat started" "$WORK/n$i/log.txt" || { echo "node n$i did not start"; cat "$WORK/n$i/log.txt"; exit 1; }
  done
}
# heap after a full GC (jcmd GC.class_histogram runs one) and CPU over 20 s from /proc, per node
measure_nodes() {
  local label=$1
  for i in 0 1 2; do
    local pid=${PIDS[$i]}
    local heap
    heap=$(jcmd "$pid" GC.class_histogram | awk '/^Total/ {print $3}')
    local t0 t1
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); sleep 20; t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    local sessions
    sessions=$(curl -s "http://127.0.0.1:$((18180 + i))/metrics" | awk '/^honchat_connections_open / {print $2}')
    printf '%s n%d: connections %s, live heap %.1f MB, CPU %.1f %% of a core (20 s)\n' "$label" "$i" "$sessions" \
      "$(echo "$heap / 1048576" | bc -l)" "$(echo "($t1 - $t0) / 20" | bc -l)"
  done
}

ACCOUNTS=45000
java -jar "$LOADGEN" setup --data-dir "$WORK/setup" --accounts "$ACCOUNTS" --buddies 1
start_node 0; wait_up 0
start_node 1; start_node 2; wait_up 1 2
PORTS=12031,12032,12033
# the load generator connects from 127.0.0.2-5 (4 addresses x 3 ports): room for 45,000 connections

if run idle; then
  measure_nodes "no sessions:"
  # 45,000 sessions in three load generator processes of 15,000 (a process holds at most ~19,900 files), one
  # after the other, 500 logins a second each: every login is checked on the hub node against PostgreSQL
  for p in 0 1 2; do
    $LG idle --count 15000 --offset $((p * 15000)) --hold $((300 - p * 60)) --connect-rate 500 \
      --chat-ports "$PORTS" --http-port 18080 > "$WORK/idle-$p.txt" 2>&1 &
    LGPIDS[$p]=$!
    for _ in $(seq 600); do grep -q "holding\|Exception" "$WORK/idle-$p.txt" && break; sleep 1; done
  done
  grep -h "holding\|sessions up" "$WORK"/idle-*.txt || true
  measure_nodes "45,000 sessions:"
  curl -s -H "Authorization: Bearer $(cat "$WORK/n1/admin-token")" http://127.0.0.1:18181/api/status; echo
  wait "${LGPIDS[@]}" || true
fi

if run fanout; then
  for rate in 2500 5000 10000; do
    echo "fanout, 200 members over 3 nodes, 10 senders, $rate msgs/s:"
    $LG fanout --channels 1 --members 200 --senders 10 --rate "$rate" --duration 10 --chat-ports "$PORTS" \
      --http-port 18080 | tail -6
    echo "fanout, 200 members on one node (n1, through the hub on n0), $rate msgs/s:"
    $LG fanout --channels 1 --members 200 --senders 10 --rate "$rate" --duration 10 --chat-ports 12032 \
      --http-port 18080 | tail -6
    echo "fanout, 200 members on the hub node n0, $rate msgs/s:"
    $LG fanout --channels 1 --members 200 --senders 10 --rate "$rate" --duration 10 --chat-ports 12031 \
      --http-port 18080 | tail -6
  done
fi

if run whisper; then
  # the same whispers with the 3,000 sessions spread over the nodes, all on n1 (each whisper crosses Redis twice),
  # and all on the hub node (no Redis on the path)
  rate="${CLUSTER_BENCH_WHISPER_RATE:-10000}"
  for placement in "$PORTS" 12032 12031; do
    echo "whisper, 3,000 sessions on chat ports $placement, $rate whispers/s:"
    $LG whisper --count 3000 --rate "$rate" --duration 20 --chat-ports "$placement" --http-port 18080 | tail -3
  done
fi

# 30,000 sessions held by two load generators (node i mod 3 for session i), then node $1 killed with SIGKILL; the
# load generators' outputs are $WORK/$2-0.txt and -1.txt, logged in through the login service on port $3
kill_under_load() {
  local victim=$1 name=$2 http=$3
  for p in 0 1; do
    $LG idle --count 15000 --offset $((p * 15000)) --hold $((150 - p * 50)) --connect-rate 500 \
      --chat-ports "$PORTS" --http-port "$http" > "$WORK/$name-$p.txt" 2>&1 &
    LGPIDS[$p]=$!
    for _ in $(seq 600); do grep -q "holding\|Exception" "$WORK/$name-$p.txt" && break; sleep 1; done
  done
  sleep 5
  killed=$(date +%s%3N)
  kill -9 "${PIDS[$victim]}"
  echo "n$victim killed (SIGKILL) at $killed"
  wait "${LGPIDS[0]}" "${LGPIDS[1]}" || true
  grep -h "going offline" "$WORK/$name"-*.txt | while read -r line; do
    last=$(echo "$line" | sed 's/.*last at \([0-9]*\).*/\1/'); first=$(echo "$line" | sed 's/.*first at \([0-9]*\).*/\1/')
    echo "$line -> first $((first - killed)) ms, last $((last - killed)) ms after the SIGKILL"
  done
}

if run nodeloss; then
  # 30,000 sessions, 10,000 per node, buddies in a ring (i with i-1 and i+1): every session of n2 has its two
  # buddies on n0 and n1, so killing n2 sends 20,000 0x0C status 0
  kill_under_load 2 loss 18080
fi

if run hubloss; then
  # the same 30,000 sessions, but the node killed is n0, the hub node: its 10,000 sessions end (20,000 0x0C status 0
  # to their buddies on n1 and n2), and the 20,000 on n1 and n2 are taken over by the next hub node from the state
  # copy in Redis and stay connected ("still open" counts each load generator's open connections)
  if run nodeloss; then start_node 2; wait_up 2; sleep 2; fi
  kill_under_load 0 hubloss 18081
  for p in 0 1; do echo "load generator $p:"; grep "still open" "$WORK/hubloss-$p.txt"; done
  grep -h "took over\|hub node is" "$WORK"/n1/log.txt "$WORK"/n2/log.txt || true
fi
