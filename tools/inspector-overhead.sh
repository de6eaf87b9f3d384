#!/usr/bin/env bash
# What the protocol inspector adds to a chat message's latency (docs/inspector.md "Overhead"): the load generator's
# whisper scenario at RATE whispers per second (default 1,000), once straight to the chat port and once through
# `honchat inspect` (decoding every frame, output to a file), same server, same run.
#
#   tools/inspector-overhead.sh SERVER_JAR [RATE]
#
# Needs the accounts of `loadgen setup --data-dir /tmp/bench/data --accounts 8200` and loadgen/target/loadgen.jar.
set -u
JAR=$1; RATE=${2:-1000}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LG="$here/loadgen/target/loadgen.jar"
java -jar "$JAR" serve --config "$here/docs/bench-config.yaml" --data-dir /tmp/bench/data > /tmp/overhead-server.log 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:8080/client_requester.php" && break; sleep 0.5; done
java -jar "$JAR" inspect --listen 41031 --upstream 127.0.0.1:11031 > /tmp/overhead-inspect.log 2>&1 &
INSPECT=$!
sleep 3
for round in 1 2; do
  for port in 11031 41031; do
    echo "round $round, chat port $port ($([ $port = 11031 ] && echo direct || echo 'through the inspector'))"
    java -jar "$LG" whisper --count 200 --rate "$RATE" --duration 20 --warmup 5 --chat-port "$port" 2>&1 \
      | grep -E "p50|p99|whisper" | tail -3
  done
done
kill -TERM "$INSPECT"; wait "$INSPECT" 2>/dev/null
kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null
echo "inspector output: $(wc -l < /tmp/overhead-inspect.log) lines"
