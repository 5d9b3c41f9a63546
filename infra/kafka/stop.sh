#!/usr/bin/env bash
# Stop the local Kafka broker started by start.sh (found through its pid file):
# SIGTERM, wait up to $KAFKA_STOP_TIMEOUT s (default 30) for a clean shutdown,
# then SIGKILL. Exits 0 if the broker is not running.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -f "$KAFKA_PID_FILE" ]]; then
  kafka_log "not running (no pid file in $KAFKA_DATA_DIR)"
  exit 0
fi
pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE")"
if ! kafka_pid_is_our_broker "$pid"; then
  # Dead, or the pid now belongs to an unrelated process: never signal that.
  kafka_log "not running (stale pid file, pid ${pid:-?}); removing it"
  rm -f "$KAFKA_PID_FILE"
  exit 0
fi

t0="$(date +%s%3N)"
kafka_log "stopping broker (pid $pid)"
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
while kafka_pid_alive "$pid" && ((SECONDS < deadline)); do
  sleep 0.2
done
if kafka_pid_alive "$pid"; then
  kafka_log "broker did not stop within ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kafka_pid_alive "$pid" || break
    sleep 0.1
  done
  kafka_pid_alive "$pid" && kafka_die "pid $pid survived SIGKILL"
fi
rm -f "$KAFKA_PID_FILE"
ms=$(($(date +%s%3N) - t0))
kafka_log "stopped after $((ms / 1000)).$(((ms % 1000) / 100))s"
