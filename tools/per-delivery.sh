#!/usr/bin/env bash
# Per-delivery cost of channel fan-out (docs/performance.md, "Fan-out per delivery"). The server is pinned to core 0
# and the load generator to core 1; in a 10 s window starting 2 s after the warm-up it reads the server's and the
# load generator's CPU time from /proc and counts the server's sendto/writev/recvfrom system calls with perf's
# tracepoints (Debian: linux-perf).
#
#   tools/per-delivery.sh SERVER_JAR LABEL RATE...      RATE = messages per second to each channel of 200 members
#
# CHANNELS (default 1) sets how many channels of 200 members the load has; each gets RATE messages per second.
# WARMUP (default 3) is the seconds of load before the 20 measured ones (the latency leaves them out); with
# thousands of fresh sessions give it 30, so the young collections of the logins' objects are over.
#
# LOADGEN_ARGS replaces the fan-out's sampling options (default "--measured 20 --bulk-read-millis 10": the load
# generator then costs less per delivery than the server); SERVER_JVM_ARGS and LOADGEN_JVM_ARGS add options to
# the JVMs.
#
# Needs the accounts of `loadgen setup` in /tmp/bench/data and the load generator built (loadgen/target/loadgen.jar).
set -u
JAR=$1; LABEL=$2; shift 2
CHANNELS=${CHANNELS:-1}
WARMUP=${WARMUP:-3}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LG=${LOADGEN_JAR:-$here/loadgen/target/loadgen.jar}
taskset -c 0 java -Xmx2g ${SERVER_JVM_ARGS:-} -jar "$JAR" serve --config "$here/docs/bench-config.yaml" \
  --data-dir /tmp/bench/data > "/tmp/server-$LABEL.log" 2>&1 &
PID=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:8080/client_requester.php" && break; sleep 0.5; done
ticks() { awk '{print $14+$15}' "/proc/${1:-$PID}/stat"; }
systicks() { awk '{print $15}' "/proc/${1:-$PID}/stat"; }
count() { grep "$1" "$2" | cut -d, -f1; }
# one warm-up run, not measured
taskset -c 1 java -jar "$LG" fanout --channels 1 --members 200 --senders 10 --rate 5000 --duration 8 --warmup 2 \
  > /dev/null 2>&1
for RATE in "$@"; do
  taskset -c 1 java ${LOADGEN_JVM_ARGS:-} -jar "$LG" fanout --channels "$CHANNELS" --members 200 --senders 10 \
    --rate "$RATE" --duration 20 ${LOADGEN_ARGS---measured 20 --bulk-read-millis 10} --warmup "$WARMUP" > "/tmp/lg-$LABEL-$RATE.log" 2>&1 &
  LGPID=$!
  # the window starts 2 s after the warm-up (logins and joins take longer with more channels)
  until grep -q '^fanout:' "/tmp/lg-$LABEL-$RATE.log" || ! kill -0 "$LGPID" 2>/dev/null; do sleep 0.2; done
  sleep $((WARMUP + 2))
  T0=$(ticks); S0=$(systicks)
  L0=$(ticks "$LGPID"); LS0=$(systicks "$LGPID")
  perf stat -x, -e syscalls:sys_enter_writev,syscalls:sys_enter_sendto,syscalls:sys_enter_recvfrom \
    -t "$(ls "/proc/$PID/task" | paste -sd,)" sleep 10 2> "/tmp/perf-$LABEL-$RATE.csv" &
  PERFPID=$!
  # Netty's epoll loop waits with epoll_pwait2 where the kernel has it
  perf stat -x, -e syscalls:sys_enter_read,syscalls:sys_enter_recvfrom,syscalls:sys_enter_epoll_wait \
    -e syscalls:sys_enter_epoll_pwait,syscalls:sys_enter_epoll_pwait2 \
    -t "$(ls "/proc/$LGPID/task" | paste -sd,)" sleep 10 2> "/tmp/perf-lg-$LABEL-$RATE.csv"
  wait $PERFPID
  T1=$(ticks); S1=$(systicks)
  L1=$(ticks "$LGPID"); LS1=$(systicks "$LGPID")
  wait $LGPID
  LGCSV="/tmp/perf-lg-$LABEL-$RATE.csv"
  OFFERED=$((RATE * CHANNELS * 200 * 10))
  WRITES=$(( $(count sys_enter_writev "/tmp/perf-$LABEL-$RATE.csv") + $(count sys_enter_sendto "/tmp/perf-$LABEL-$RATE.csv") ))
  echo "$LABEL channels=$CHANNELS deliveries/s=$((RATE * CHANNELS * 200)) server_cpu=$(( (T1 - T0) * 10 ))ms/10s" \
    "cpu_us_per_delivery=$(echo "($T1-$T0)*10000/$OFFERED" | bc -l | cut -c1-6)" \
    "server_sys=$(( (S1 - S0) * 10 ))ms" \
    "loadgen_cpu=$(( (L1 - L0) * 10 ))ms/10s loadgen_sys=$(( (LS1 - LS0) * 10 ))ms" \
    "loadgen_reads=$(( $(count sys_enter_read, "$LGCSV") + $(count sys_enter_recvfrom, "$LGCSV") ))" \
    "loadgen_epoll_waits=$(( $(count sys_enter_epoll_wait, "$LGCSV") + $(count sys_enter_epoll_pwait, "$LGCSV")
      + $(count sys_enter_epoll_pwait2, "$LGCSV") ))" \
    "loadgen_us_per_delivery=$(echo "($L1-$L0)*10000/$OFFERED" | bc -l | cut -c1-6)" \
    "deliveries_per_write=$(echo "$OFFERED/$WRITES" | bc -l | cut -c1-6)" \
    "recvfrom=$(count sys_enter_recvfrom "/tmp/perf-$LABEL-$RATE.csv")" \
    "$(grep end-to-end "/tmp/lg-$LABEL-$RATE.log")"
done
kill $PID
wait $PID 2>/dev/null
