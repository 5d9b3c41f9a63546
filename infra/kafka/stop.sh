#!/usr/bin/env bash
# Stop the local Kafka broker started by start.sh (found through its pid file):
# SIGTERM, wait up to $KAFKA_STOP_TIMEOUT s (default 30) for a clean shutdown,
# then SIGKILL. Exits 0 if the broker is not running.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Only the broker of this data dir (by its command line) is ever signalled, never a process that reused the pid.
infra_stop_pid kafka "$KAFKA_PID_FILE" "$KAFKA_STOP_TIMEOUT" kafka_pid_is_our_broker
