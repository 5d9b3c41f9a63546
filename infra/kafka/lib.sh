# shellcheck shell=bash
# shellcheck disable=SC2034 # variables are used by the scripts that source this file
# Shared helpers for start.sh, stop.sh and kafka-cli.sh. Source it, don't run it.
#
# Environment (all optional):
#   KAFKA_PORT             broker (PLAINTEXT) port on 127.0.0.1      [9092]
#   KAFKA_CONTROLLER_PORT  KRaft controller port on 127.0.0.1        [9093]
#   KAFKA_DATA_DIR         data dir; relative paths are relative to the repo root
#                                                                    [infra/kafka/.data]
#   KAFKA_HEAP             broker heap flags                         [-Xms256m -Xmx512m]
#   KAFKA_CLI_HEAP         heap flags for the CLI tools / probe      [-Xmx256m]
#   KAFKA_HOME_CACHE       where resolved jars are cached            [$HOME/.cache/iso27001-kafka]
#   KAFKA_START_TIMEOUT    seconds start.sh waits for the broker     [90]
#   KAFKA_STOP_TIMEOUT     seconds stop.sh waits before SIGKILL      [30]

# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

KAFKA_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_REPO_ROOT="$(cd "$KAFKA_INFRA_DIR/../.." && pwd)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
KAFKA_CLI_HEAP="${KAFKA_CLI_HEAP:--Xmx256m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-infra/kafka/.data}"
if [[ "$KAFKA_DATA_DIR" != /* ]]; then
  KAFKA_DATA_DIR="$KAFKA_REPO_ROOT/$KAFKA_DATA_DIR"
fi
KAFKA_LOG_DIRS="$KAFKA_DATA_DIR/kraft-combined-logs"   # Kafka's log.dirs (the actual data)
KAFKA_PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
KAFKA_SERVER_PROPERTIES="$KAFKA_DATA_DIR/server.properties"
KAFKA_CLIENT_PROPERTIES="$KAFKA_DATA_DIR/client.properties"
KAFKA_OUT_FILE="$KAFKA_DATA_DIR/kafka.out"               # JVM stdout/stderr
KAFKA_SERVER_LOG="$KAFKA_DATA_DIR/server.log"            # log4j output of the broker

KAFKA_LOG4J_CONFIG="$KAFKA_INFRA_DIR/log4j2.properties"
KAFKA_POM="$KAFKA_INFRA_DIR/pom.xml"

# Jars are cached per (Kafka version, pom.xml content): editing the pom re-resolves.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_POM" | head -n 1)"
KAFKA_POM_HASH="$(sha256sum "$KAFKA_POM" | cut -c1-12)"
KAFKA_HOME_CACHE="${KAFKA_HOME_CACHE:-${HOME:-/tmp}/.cache/iso27001-kafka}"
if [[ "$KAFKA_HOME_CACHE" != /* ]]; then
  KAFKA_HOME_CACHE="$KAFKA_REPO_ROOT/$KAFKA_HOME_CACHE"
fi
KAFKA_LIBS_DIR="$KAFKA_HOME_CACHE/kafka-$KAFKA_VERSION-$KAFKA_POM_HASH/libs"

# Fast-starting JVM for short-lived tools: C1 only, serial GC.
KAFKA_CLI_JVM_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true"

kafka_log() { infra_log kafka "$@"; }
kafka_die() { infra_die kafka "$@"; }

# Resolve the broker + tools jars from Maven Central once; later calls are a stat().
kafka_ensure_libs() { infra_mvn_resolve kafka "$KAFKA_POM" "$KAFKA_LIBS_DIR"; }

# Run a Kafka main class with the cached classpath; log4j goes to stderr at WARN.
# Usage: kafka_exec_tool <main-class> [args...]   (replaces the current process)
kafka_exec_tool() {
  local main="$1"
  shift
  # shellcheck disable=SC2086 # the *_OPTS / *_HEAP values are flag lists
  exec java $KAFKA_CLI_HEAP $KAFKA_CLI_JVM_OPTS \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J_CONFIG" \
    -Dkafka.log.appender=STDERR \
    -cp "$KAFKA_LIBS_DIR/*" "$main" "$@"
}

kafka_pid_alive() { infra_pid_alive "$1"; }

# True if the pid is alive and is the broker for *this* data dir (guards against pid reuse).
kafka_pid_is_our_broker() { infra_pid_cmdline_has "$1" " kafka.Kafka " "$KAFKA_SERVER_PROPERTIES"; }

# Prints the pid from the pid file if it is our running broker; fails otherwise.
kafka_running_pid() {
  local pid
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$KAFKA_PID_FILE")"
  kafka_pid_is_our_broker "$pid" || return 1
  printf '%s\n' "$pid"
}

kafka_port_open() { infra_port_open "$1"; }
