#!/usr/bin/env bash
# Start a real single-node Apache Kafka broker (KRaft: broker + controller in one
# JVM) on 127.0.0.1, without Docker, from jars resolved once from Maven Central.
#
# Usage: infra/kafka/start.sh [--foreground]
#   (no flag)     start in the background and wait until the broker answers
#   --foreground  exec the broker in this process (for a process supervisor)
#
# Environment: see lib.sh (KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_DATA_DIR,
# KAFKA_HEAP, KAFKA_HOME_CACHE, KAFKA_START_TIMEOUT, ...).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

foreground=false
case "${1:-}" in
  "") ;;
  --foreground) foreground=true ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  if ! [[ "$p" =~ ^[0-9]+$ ]] || ((p < 1 || p > 65535)); then
    kafka_die "invalid port: $p"
  fi
done
[[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || kafka_die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

now_ms() { date +%s%3N; }
t0="$(now_ms)"
elapsed() { local d=$(($(now_ms) - t0)); printf '%d.%01ds' $((d / 1000)) $(((d % 1000) / 100)); }

# Sizes of the log files when this run began, so failures show only this run's lines.
file_size() { stat -c %s "$1" 2>/dev/null || echo 0; }
log_offset_server=0
log_offset_out=0
mark_logs() {
  log_offset_server="$(file_size "$KAFKA_SERVER_LOG")"
  log_offset_out="$(file_size "$KAFKA_OUT_FILE")"
}
print_logs() {
  local f off
  for f in "$KAFKA_SERVER_LOG" "$KAFKA_OUT_FILE"; do
    off="$log_offset_out"
    [[ "$f" == "$KAFKA_SERVER_LOG" ]] && off="$log_offset_server"
    if (($(file_size "$f") > off)); then
      printf '%s\n' "----- $f (last 40 lines of this run) -----" >&2
      tail -c "+$((off + 1))" "$f" | tail -n 40 >&2
    fi
  done
}

# Replace @NAME@ placeholders in the template (values escaped for sed).
render_server_properties() {
  local esc_dirs tmp
  esc_dirs="$(printf '%s' "$KAFKA_LOG_DIRS" | sed 's/[\\&|]/\\&/g')"
  tmp="$KAFKA_SERVER_PROPERTIES.tmp.$$"
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@KAFKA_LOG_DIRS@|$esc_dirs|g" \
      "$KAFKA_INFRA_DIR/server.properties.template" >"$tmp"
  if grep -q '@KAFKA_[A-Z_]*@' "$tmp"; then
    rm -f "$tmp"
    kafka_die "unreplaced placeholder in server.properties.template"
  fi
  mv -f "$tmp" "$KAFKA_SERVER_PROPERTIES"

  # Short timeouts for the readiness probe (Kafka's admin default is 60 s per call).
  cat >"$KAFKA_CLIENT_PROPERTIES" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
}

format_storage_if_needed() {
  if [[ -f "$KAFKA_LOG_DIRS/meta.properties" ]]; then
    return 0
  fi
  local cluster_id out
  # shellcheck disable=SC2086 # flag list
  cluster_id="$(java $KAFKA_CLI_JVM_OPTS -cp "$KAFKA_LIBS_DIR/*" \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" kafka.tools.StorageTool random-uuid 2>>"$KAFKA_OUT_FILE")" \
    || kafka_die "StorageTool random-uuid failed (see $KAFKA_OUT_FILE)"
  kafka_log "formatting storage in $KAFKA_LOG_DIRS (cluster id $cluster_id)"
  # shellcheck disable=SC2086 # flag list
  if ! out="$(java $KAFKA_CLI_JVM_OPTS -cp "$KAFKA_LIBS_DIR/*" \
      -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" \
      kafka.tools.StorageTool format --standalone \
      --config "$KAFKA_SERVER_PROPERTIES" --cluster-id="$cluster_id" 2>&1)"; then
    printf '%s\n' "$out" >&2
    kafka_die "formatting the storage failed"
  fi
  printf '%s\n' "$out" >>"$KAFKA_OUT_FILE"
}

# The broker's command line (array). kafka.Kafka + the rendered properties is what
# kafka_pid_is_our_broker() looks for in /proc/<pid>/cmdline.
broker_cmd() {
  # shellcheck disable=SC2206 # word-splitting the flag lists is intended
  BROKER_CMD=(
    java $KAFKA_HEAP
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true
    ${KAFKA_JVM_OPTS:-}
    -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG"
    -Dkafka.logs.dir="$KAFKA_DATA_DIR"
    -Dkafka.log.appender="${KAFKA_LOG_APPENDER:-FILE}"
    -cp "$KAFKA_LIBS_DIR/*"
    kafka.Kafka "$KAFKA_SERVER_PROPERTIES"
  )
}

# Ready = the port accepts connections AND Kafka's own TopicCommand can list topics
# (a real Metadata round trip through the broker, not just an open socket).
broker_answers() {
  kafka_port_open "$KAFKA_PORT" || return 1
  timeout 30 "$KAFKA_INFRA_DIR/kafka-cli.sh" topics \
    --bootstrap-server "127.0.0.1:$KAFKA_PORT" \
    --command-config "$KAFKA_CLIENT_PROPERTIES" --list >/dev/null 2>&1
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kafka_pid_alive "$pid"; then
      printf 'kafka: ERROR: broker (pid %s) exited during startup after %s\n' "$pid" "$(elapsed)" >&2
      print_logs
      rm -f "$KAFKA_PID_FILE"
      exit 1
    fi
    if broker_answers; then
      kafka_log "broker ready on 127.0.0.1:$KAFKA_PORT (pid $pid) after $(elapsed)"
      return 0
    fi
    sleep 0.5
  done
  printf 'kafka: ERROR: broker (pid %s) did not answer on 127.0.0.1:%s within %ss; stopping it\n' \
    "$pid" "$KAFKA_PORT" "$KAFKA_START_TIMEOUT" >&2
  print_logs
  "$KAFKA_INFRA_DIR/stop.sh" >&2 || true
  exit 1
}

# --- one start.sh at a time per data dir -------------------------------------
mkdir -p "$KAFKA_DATA_DIR"
exec {lock_fd}>"$KAFKA_DATA_DIR/start.lock"
if ! flock -w $((KAFKA_START_TIMEOUT + 30)) "$lock_fd"; then
  kafka_die "another start.sh for $KAFKA_DATA_DIR holds $KAFKA_DATA_DIR/start.lock"
fi
mark_logs

# --- already running? -------------------------------------------------------
if pid="$(kafka_running_pid)"; then
  if $foreground; then
    kafka_die "the broker for $KAFKA_DATA_DIR is already running (pid $pid); run stop.sh first"
  fi
  if kafka_port_open "$KAFKA_PORT"; then
    kafka_log "already running on 127.0.0.1:$KAFKA_PORT (pid $pid, data $KAFKA_DATA_DIR)"
    exit 0
  fi
  kafka_log "broker pid $pid is still starting; waiting for it"
  wait_until_ready "$pid"
  exit 0
fi
if [[ -f "$KAFKA_PID_FILE" ]]; then
  kafka_log "removing stale pid file (pid $(tr -dc '0-9' <"$KAFKA_PID_FILE") is not running)"
  rm -f "$KAFKA_PID_FILE"
fi
if kafka_port_open "$KAFKA_PORT"; then
  kafka_die "127.0.0.1:$KAFKA_PORT is in use by another process (not the broker of $KAFKA_DATA_DIR); stop it or set KAFKA_PORT"
fi
if kafka_port_open "$KAFKA_CONTROLLER_PORT"; then
  kafka_die "127.0.0.1:$KAFKA_CONTROLLER_PORT is in use by another process; stop it or set KAFKA_CONTROLLER_PORT"
fi

# --- prepare ------------------------------------------------------------------
kafka_ensure_libs
render_server_properties
format_storage_if_needed
broker_cmd

# --- run --------------------------------------------------------------------
if $foreground; then
  printf '%s\n' "$$" >"$KAFKA_PID_FILE"
  kafka_log "exec broker in the foreground (pid $$, 127.0.0.1:$KAFKA_PORT); log: $KAFKA_SERVER_LOG"
  exec {lock_fd}>&-
  exec "${BROKER_CMD[@]}"
fi

# Detached (setsid, see infra/lib.sh): the broker outlives the caller's terminal or a test runner exiting, and it
# does not inherit the start lock.
infra_start_background kafka "$KAFKA_PID_FILE" "$KAFKA_OUT_FILE" "${BROKER_CMD[@]}"
pid="$INFRA_STARTED_PID"
kafka_log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$KAFKA_PORT (pid $pid, data $KAFKA_DATA_DIR)"
wait_until_ready "$pid"
