# shellcheck shell=bash
# Shared shell helpers for the Java services started here without Docker (infra/kafka, infra/keycloak,
# infra/s3mock): fetch from Maven Central, start in the background, wait until ready, stop by pid.
# Source it, don't run it. Every function takes the service's name first, for its messages.

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INFRA_REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"

infra_log() { local name="$1"; shift; printf '%s: %s\n' "$name" "$*"; }
infra_die() { local name="$1"; shift; printf '%s: ERROR: %s\n' "$name" "$*" >&2; exit 1; }

# A path relative to the repository root made absolute; absolute paths as they are.
infra_abs() { if [[ "$1" == /* ]]; then printf '%s' "$1"; else printf '%s' "$INFRA_REPO_ROOT/$1"; fi; }

now_ms() { date +%s%3N; }
# Seconds since a now_ms value, as "12.3s".
infra_elapsed() { local d=$(($(now_ms) - $1)); printf '%d.%01ds' $((d / 1000)) $(((d % 1000) / 100)); }

# True if a process with this pid exists and is not a zombie.
infra_pid_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" ]]
}

# True if the pid is alive and its command line contains every given fragment (guards against pid reuse).
# Usage: infra_pid_cmdline_has <pid> <fragment>...
infra_pid_cmdline_has() {
  local pid="$1" cmdline fragment
  shift
  infra_pid_alive "$pid" || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  for fragment in "$@"; do
    [[ "$cmdline" == *"$fragment"* ]] || return 1
  done
}

# True if something accepts TCP connections on 127.0.0.1:<port>.
infra_port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# A TCP port on 127.0.0.1 that nothing listens on right now (from the kernel's ephemeral range).
infra_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((32768 + RANDOM % 28000))
    infra_port_open "$port" || { printf '%s\n' "$port"; return 0; }
  done
  return 1
}

# Resolve a pom's runtime dependencies from Maven Central into <libs-dir>, once: later calls are a stat(). The
# directory appears atomically (a concurrent run that wins the race keeps its copy).
# Usage: infra_mvn_resolve <name> <pom> <libs-dir>
infra_mvn_resolve() {
  local name="$1" pom="$2" libs="$3" parent tmp
  [[ -f "$libs/.complete" ]] && return 0
  command -v mvn >/dev/null 2>&1 || infra_die "$name" "mvn not found: Maven is needed once to resolve the jars"
  command -v java >/dev/null 2>&1 || infra_die "$name" "java not found (Java 17+ is required)"
  infra_log "$name" "jars not cached yet: resolving them with Maven into $libs (one-off)"
  parent="$(dirname "$libs")"
  mkdir -p "$parent"
  tmp="$(mktemp -d "$parent/.libs.XXXXXX")"
  # Maven's output is only shown if it fails (-q still prints colour resets).
  if ! mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp" >"$tmp.mvn.log" 2>&1; then
    cat "$tmp.mvn.log" >&2
    rm -rf "$tmp" "$tmp.mvn.log"
    infra_die "$name" "Maven could not resolve the jars (see the output above)"
  fi
  rm -f "$tmp.mvn.log"
  touch "$tmp/.complete"
  if ! mv -T "$tmp" "$libs" 2>/dev/null; then
    rm -rf "$tmp"
    [[ -f "$libs/.complete" ]] || infra_die "$name" "could not publish jars to $libs"
  fi
  infra_log "$name" "resolved $(find "$libs" -name '*.jar' | wc -l) jars"
}

# Start a command in the background, detached from the caller's terminal and process group (setsid: it must
# outlive a test runner's exit or Ctrl-C), output appended to <out-file>, pid written to <pid-file>. In a
# non-interactive script the child is no process group leader, so setsid does not fork and the pid is the command's.
# Descriptors above 2 are not passed on (a start lock stays with the caller). Sets INFRA_STARTED_PID.
# Usage: infra_start_background <name> <pid-file> <out-file> <command> [args...]
infra_start_background() {
  local name="$1" pid_file="$2" out_file="$3"
  shift 3
  mkdir -p "$(dirname "$pid_file")" "$(dirname "$out_file")"
  printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$name" >>"$out_file"
  # shellcheck disable=SC2094 # the pid file and the log are different files
  (
    for fd in /proc/self/fd/*; do
      fd="${fd##*/}"
      ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null
    done
    exec setsid nohup "$@" >>"$out_file" 2>&1 </dev/null
  ) &
  INFRA_STARTED_PID=$!
  printf '%s\n' "$INFRA_STARTED_PID" >"$pid_file"
}

# Wait until <probe> (a command or function) succeeds, while <pid> lives, for at most <timeout> seconds.
# Returns 0 when ready, 1 when the process died, 2 on timeout.
# Usage: infra_wait_ready <pid> <timeout-seconds> <probe> [args...]
infra_wait_ready() {
  local pid="$1" timeout="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    infra_pid_alive "$pid" || return 1
    "$@" && return 0
    sleep 0.5
  done
  return 2
}

# Stop the process in <pid-file> if <is-ours> <pid> says it is the service's own (never an unrelated process that
# reused the pid): SIGTERM to it (to its process group when it leads one), up to <timeout> s, then SIGKILL.
# Exits 0 if it is not running.
# Usage: infra_stop_pid <name> <pid-file> <timeout-seconds> <is-ours-function>
infra_stop_pid() {
  local name="$1" pid_file="$2" timeout="$3" is_ours="$4" pid target t0 deadline ms
  if [[ ! -f "$pid_file" ]]; then
    infra_log "$name" "not running (no pid file $pid_file)"
    return 0
  fi
  pid="$(tr -dc '0-9' <"$pid_file")"
  if ! "$is_ours" "$pid"; then
    infra_log "$name" "not running (stale pid file, pid ${pid:-?}); removing it"
    rm -f "$pid_file"
    return 0
  fi
  target="$pid"
  [[ "$(ps -o pgid= -p "$pid" | tr -d ' ')" == "$pid" ]] && target="-$pid"
  t0="$(now_ms)"
  infra_log "$name" "stopping (pid $pid)"
  kill -TERM -- "$target" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while infra_pid_alive "$pid" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if infra_pid_alive "$pid"; then
    infra_log "$name" "did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL -- "$target" 2>/dev/null || true
    for _ in $(seq 1 50); do
      infra_pid_alive "$pid" || break
      sleep 0.1
    done
    infra_pid_alive "$pid" && infra_die "$name" "pid $pid survived SIGKILL"
  fi
  rm -f "$pid_file"
  ms=$(($(now_ms) - t0))
  infra_log "$name" "stopped after $((ms / 1000)).$(((ms % 1000) / 100))s"
}
