#!/usr/bin/env bash
# Samples a running server every 60 s for the soak run (docs/reliability.md): seconds since start, heap used
# after a full GC (KiB), RSS (KiB), open file descriptors, and ps's CPU figure (an average over the process's
# whole life, not the current load). Usage: tools/soak-monitor.sh SERVER_PID OUTPUT.csv
set -euo pipefail
pid="$1"
out="$2"
echo "elapsed_s,heap_used_kb,rss_kb,fds,cpu_pct" > "$out"
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 2p | sed -E 's/.*used ([0-9]+)K.*/\1/')
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
  cpu=$(ps -o pcpu= -p "$pid" | tr -d ' ')
  echo "$(( $(date +%s) - start )),$heap,$rss,$fds,$cpu" >> "$out"
  sleep 60
done
