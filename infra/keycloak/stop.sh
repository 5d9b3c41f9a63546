#!/usr/bin/env bash
# Stop the local Keycloak started by start.sh (found through its pid file): SIGTERM to its process group, wait up
# to $KEYCLOAK_STOP_TIMEOUT s (default 30) for a clean shutdown, then SIGKILL. Exits 0 if it is not running.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# start.sh runs kc.sh under setsid, so the pid leads a process group holding kc.sh and the JVM (kc.sh relaunches
# the JVM after its first build): infra_stop_pid signals that group, and only when the pid is this Keycloak's.
infra_stop_pid keycloak "$KEYCLOAK_PID_FILE" "$KEYCLOAK_STOP_TIMEOUT" keycloak_pid_is_ours
