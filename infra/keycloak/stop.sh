#!/usr/bin/env bash
# Stop the local Keycloak started by start.sh (found through its pid file): SIGTERM to its process group, wait up
# to $KEYCLOAK_STOP_TIMEOUT s (default 30) for a clean shutdown, then SIGKILL. Exits 0 if it is not running.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -f "$KEYCLOAK_PID_FILE" ]]; then
  keycloak_log "not running (no pid file in $KEYCLOAK_DATA_DIR)"
  exit 0
fi
pid="$(tr -dc '0-9' <"$KEYCLOAK_PID_FILE")"
if ! keycloak_pid_is_ours "$pid"; then
  # Dead, or the pid now belongs to an unrelated process: never signal that.
  keycloak_log "not running (stale pid file, pid ${pid:-?}); removing it"
  rm -f "$KEYCLOAK_PID_FILE"
  exit 0
fi

# start.sh runs kc.sh under setsid, so the pid leads a process group holding kc.sh and the JVM (kc.sh relaunches
# the JVM after its first build). Signal the group only when the pid really leads it.
target="$pid"
[[ "$(ps -o pgid= -p "$pid" | tr -d ' ')" == "$pid" ]] && target="-$pid"

t0="$(date +%s%3N)"
keycloak_log "stopping Keycloak (pid $pid)"
kill -TERM -- "$target" 2>/dev/null || true
deadline=$((SECONDS + KEYCLOAK_STOP_TIMEOUT))
while keycloak_pid_alive "$pid" && ((SECONDS < deadline)); do
  sleep 0.2
done
if keycloak_pid_alive "$pid"; then
  keycloak_log "Keycloak did not stop within ${KEYCLOAK_STOP_TIMEOUT}s; sending SIGKILL"
  kill -KILL -- "$target" 2>/dev/null || true
  for _ in $(seq 1 50); do
    keycloak_pid_alive "$pid" || break
    sleep 0.1
  done
  keycloak_pid_alive "$pid" && keycloak_die "pid $pid survived SIGKILL"
fi
rm -f "$KEYCLOAK_PID_FILE"
ms=$(($(date +%s%3N) - t0))
keycloak_log "stopped after $((ms / 1000)).$(((ms % 1000) / 100))s"
