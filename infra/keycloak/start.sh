#!/usr/bin/env bash
# Start a real Keycloak (the OpenID provider the platform is proven against) on 127.0.0.1, without Docker, from
# the distribution on Maven Central, with the iso27001 realm imported (realm/iso27001-realm.json).
#
# Usage: infra/keycloak/start.sh [--foreground]
#   (no flag)     start in the background and wait until the realm's discovery document answers
#   --foreground  exec Keycloak in this process (for a process supervisor)
#
# Environment: see lib.sh (KEYCLOAK_PORT, KEYCLOAK_DATA_DIR, KEYCLOAK_CACHE, KEYCLOAK_JAVA_HOME, ...).
# Development mode with an in-memory database: every start imports the committed realm afresh, so the realm
# file is the whole truth. Never use this for anything but tests and local development.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

foreground=false
case "${1:-}" in
  "") ;;
  --foreground) foreground=true ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

for p in "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT"; do
  if ! [[ "$p" =~ ^[0-9]+$ ]] || ((p < 1 || p > 65535)); then
    keycloak_die "invalid port: $p"
  fi
done
[[ "$KEYCLOAK_PORT" != "$KEYCLOAK_MANAGEMENT_PORT" ]] || keycloak_die "KEYCLOAK_PORT and KEYCLOAK_MANAGEMENT_PORT must differ"
[[ -n "${KEYCLOAK_JAVA_HOME:-}" && -x "$KEYCLOAK_JAVA_HOME/bin/java" ]] \
  || keycloak_die "no JDK for Keycloak: set KEYCLOAK_JAVA_HOME to a Java 21+ JDK (none found under /usr/lib/jvm/temurin-25*)"
[[ -f "$KEYCLOAK_REALM_FILE" ]] || keycloak_die "realm file not found: $KEYCLOAK_REALM_FILE"

now_ms() { date +%s%3N; }
t0="$(now_ms)"
elapsed() { local d=$(($(now_ms) - t0)); printf '%d.%01ds' $((d / 1000)) $(((d % 1000) / 100)); }

file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
log_offset=0
print_log() {
  if (($(file_size "$KEYCLOAK_OUT_FILE") > log_offset)); then
    printf '%s\n' "----- $KEYCLOAK_OUT_FILE (last 40 lines of this run) -----" >&2
    tail -c "+$((log_offset + 1))" "$KEYCLOAK_OUT_FILE" | tail -n 40 >&2
  fi
}

discovery_url="$KEYCLOAK_ISSUER/.well-known/openid-configuration"
# Ready = the imported realm publishes its discovery document with the expected issuer.
realm_answers() {
  curl -fsS --max-time 5 "$discovery_url" 2>/dev/null | grep -qF "\"issuer\":\"$KEYCLOAK_ISSUER\""
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + KEYCLOAK_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! keycloak_pid_alive "$pid"; then
      printf 'keycloak: ERROR: Keycloak (pid %s) exited during startup after %s\n' "$pid" "$(elapsed)" >&2
      print_log
      rm -f "$KEYCLOAK_PID_FILE"
      exit 1
    fi
    if realm_answers; then
      keycloak_log "Keycloak $KEYCLOAK_VERSION ready after $(elapsed) (pid $pid): issuer $KEYCLOAK_ISSUER"
      printf '%s\n' "$KEYCLOAK_URL"
      return 0
    fi
    sleep 0.5
  done
  printf 'keycloak: ERROR: realm %s did not answer on %s within %ss; stopping Keycloak\n' \
    "$KEYCLOAK_REALM" "$discovery_url" "$KEYCLOAK_START_TIMEOUT" >&2
  print_log
  "$KEYCLOAK_INFRA_DIR/stop.sh" >&2 || true
  exit 1
}

# --- one start.sh at a time per data dir -------------------------------------
mkdir -p "$KEYCLOAK_DATA_DIR"
exec {lock_fd}>"$KEYCLOAK_DATA_DIR/start.lock"
if ! flock -w $((KEYCLOAK_START_TIMEOUT + 60)) "$lock_fd"; then
  keycloak_die "another start.sh for $KEYCLOAK_DATA_DIR holds $KEYCLOAK_DATA_DIR/start.lock"
fi
log_offset="$(file_size "$KEYCLOAK_OUT_FILE")"

# --- already running? -------------------------------------------------------
# Its realm is the one imported at its start: when the committed file has changed since, restart to import it.
realm_hash="$(sha256sum "$KEYCLOAK_REALM_FILE" | cut -d' ' -f1)"
if pid="$(keycloak_running_pid)" && [[ "$(cat "$KEYCLOAK_DATA_DIR/realm.sha256" 2>/dev/null)" != "$realm_hash" ]]; then
  $foreground && keycloak_die "Keycloak for $KEYCLOAK_DATA_DIR is already running (pid $pid); run stop.sh first"
  keycloak_log "the realm file changed since Keycloak (pid $pid) started: restarting it to import the new one"
  "$KEYCLOAK_INFRA_DIR/stop.sh"
fi
if pid="$(keycloak_running_pid)"; then
  $foreground && keycloak_die "Keycloak for $KEYCLOAK_DATA_DIR is already running (pid $pid); run stop.sh first"
  if realm_answers; then
    keycloak_log "already running (pid $pid): issuer $KEYCLOAK_ISSUER"
    printf '%s\n' "$KEYCLOAK_URL"
    exit 0
  fi
  keycloak_log "Keycloak pid $pid is still starting; waiting for it"
  wait_until_ready "$pid"
  exit 0
fi
if [[ -f "$KEYCLOAK_PID_FILE" ]]; then
  keycloak_log "removing stale pid file (pid $(tr -dc '0-9' <"$KEYCLOAK_PID_FILE") is not running)"
  rm -f "$KEYCLOAK_PID_FILE"
fi
for p in "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT"; do
  if keycloak_port_open "$p"; then
    keycloak_die "127.0.0.1:$p is in use by another process (not the Keycloak of $KEYCLOAK_DATA_DIR); stop it or set KEYCLOAK_PORT / KEYCLOAK_MANAGEMENT_PORT"
  fi
done

# --- prepare ------------------------------------------------------------------
keycloak_ensure_dist
# --import-realm reads the distribution's data/import: it holds exactly the committed realm.
rm -rf "$KEYCLOAK_HOME/data/import"
mkdir -p "$KEYCLOAK_HOME/data/import"
cp "$KEYCLOAK_REALM_FILE" "$KEYCLOAK_HOME/data/import/$KEYCLOAK_REALM-realm.json"
printf '%s\n' "$realm_hash" >"$KEYCLOAK_DATA_DIR/realm.sha256"

# The marker property ties the process to this data dir (keycloak_pid_is_ours); kc.sh passes -D args to the JVM.
KEYCLOAK_CMD=(
  "$KEYCLOAK_HOME/bin/kc.sh" "-Diso27001.keycloak.data=$KEYCLOAK_DATA_DIR"
  start-dev
  --db=dev-mem
  --http-host=127.0.0.1
  --http-port="$KEYCLOAK_PORT"
  --hostname="$KEYCLOAK_URL"
  --http-management-port="$KEYCLOAK_MANAGEMENT_PORT"
  --health-enabled=true
  --import-realm
)
export JAVA_HOME="$KEYCLOAK_JAVA_HOME"
export JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP"

# --- run --------------------------------------------------------------------
if $foreground; then
  printf '%s\n' "$$" >"$KEYCLOAK_PID_FILE"
  keycloak_log "exec Keycloak $KEYCLOAK_VERSION in the foreground (pid $$): issuer $KEYCLOAK_ISSUER"
  exec {lock_fd}>&-
  exec "${KEYCLOAK_CMD[@]}"
fi

# Detached (setsid, see infra/lib.sh): Keycloak outlives the caller's terminal, and stop.sh signals its own group.
infra_start_background keycloak "$KEYCLOAK_PID_FILE" "$KEYCLOAK_OUT_FILE" "${KEYCLOAK_CMD[@]}"
pid="$INFRA_STARTED_PID"
keycloak_log "starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL (pid $pid, JDK $KEYCLOAK_JAVA_HOME, log $KEYCLOAK_OUT_FILE)"
wait_until_ready "$pid"
