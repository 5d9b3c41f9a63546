# shellcheck shell=bash
# shellcheck disable=SC2034 # variables are used by the scripts that source this file
# Shared helpers for start.sh and stop.sh. Source it, don't run it.
#
# Environment (all optional):
#   KEYCLOAK_PORT             HTTP port on 127.0.0.1                        [8180]
#   KEYCLOAK_MANAGEMENT_PORT  management interface (health) on 127.0.0.1   [KEYCLOAK_PORT + 1000]
#   KEYCLOAK_DATA_DIR         pid file, logs, import dir; relative paths are relative to the repo root
#                                                                          [infra/keycloak/.data]
#   KEYCLOAK_CACHE            where the distribution is downloaded and unpacked
#                                                                          [infra/keycloak/.data/cache]
#   KEYCLOAK_JAVA_HOME        the JDK Keycloak runs on (Java 21+)           [/usr/lib/jvm/temurin-25*]
#   KEYCLOAK_HEAP             JVM heap flags                                [-Xms256m -Xmx768m]
#   KEYCLOAK_REALM_FILE       realm to import at start                      [infra/keycloak/realm/iso27001-realm.json]
#   KEYCLOAK_START_TIMEOUT    seconds start.sh waits for the realm          [180]
#   KEYCLOAK_STOP_TIMEOUT     seconds stop.sh waits before SIGKILL          [30]

# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

KEYCLOAK_INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KEYCLOAK_REPO_ROOT="$(cd "$KEYCLOAK_INFRA_DIR/../.." && pwd)"

# The distribution on Maven Central (org.keycloak:keycloak-quarkus-dist; 26.4.0-26.7.3 are served).
KEYCLOAK_VERSION="26.7.3"
KEYCLOAK_ARTIFACT_URL="https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
KEYCLOAK_REALM="iso27001"

KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-$((KEYCLOAK_PORT + 1000))}"
KEYCLOAK_HEAP="${KEYCLOAK_HEAP:--Xms256m -Xmx768m}"
KEYCLOAK_START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-180}"
KEYCLOAK_STOP_TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"

keycloak_abs() { infra_abs "$1"; }
KEYCLOAK_DATA_DIR="$(keycloak_abs "${KEYCLOAK_DATA_DIR:-infra/keycloak/.data}")"
KEYCLOAK_CACHE="$(keycloak_abs "${KEYCLOAK_CACHE:-infra/keycloak/.data/cache}")"
KEYCLOAK_REALM_FILE="$(keycloak_abs "${KEYCLOAK_REALM_FILE:-infra/keycloak/realm/iso27001-realm.json}")"
KEYCLOAK_HOME="$KEYCLOAK_CACHE/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_PID_FILE="$KEYCLOAK_DATA_DIR/keycloak.pid"
KEYCLOAK_OUT_FILE="$KEYCLOAK_DATA_DIR/keycloak.out"
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
KEYCLOAK_ISSUER="$KEYCLOAK_URL/realms/$KEYCLOAK_REALM"

if [[ -z "${KEYCLOAK_JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25*; do
    [[ -x "$candidate/bin/java" ]] && KEYCLOAK_JAVA_HOME="$candidate" && break
  done
fi

keycloak_log() { infra_log keycloak "$@"; }
keycloak_die() { infra_die keycloak "$@"; }

# Download the distribution from Maven Central once, check it against Central's SHA-512 and unpack it;
# later calls are a stat().
keycloak_ensure_dist() {
  if [[ -f "$KEYCLOAK_HOME/.complete" ]]; then
    return 0
  fi
  command -v curl >/dev/null 2>&1 || keycloak_die "curl not found: it is needed once to download Keycloak"
  mkdir -p "$KEYCLOAK_CACHE"
  local archive="$KEYCLOAK_CACHE/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz" expected actual tmp t0 ms
  t0="$(date +%s%3N)"
  if [[ ! -f "$archive" ]]; then
    keycloak_log "downloading Keycloak $KEYCLOAK_VERSION from Maven Central (one-off): $KEYCLOAK_ARTIFACT_URL"
    curl -fsSL --retry 3 -o "$archive.part" "$KEYCLOAK_ARTIFACT_URL" || { rm -f "$archive.part"; keycloak_die "download failed: $KEYCLOAK_ARTIFACT_URL"; }
    mv -f "$archive.part" "$archive"
  fi
  expected="$(curl -fsSL --retry 3 "$KEYCLOAK_ARTIFACT_URL.sha512" | tr -dc '0-9a-f' | cut -c1-128)" \
    || keycloak_die "could not fetch the checksum $KEYCLOAK_ARTIFACT_URL.sha512"
  actual="$(sha512sum "$archive" | cut -d' ' -f1)"
  if [[ ${#expected} -ne 128 || "$expected" != "$actual" ]]; then
    rm -f "$archive"
    keycloak_die "checksum mismatch for $(basename "$archive") (Central says ${expected:-nothing}, got $actual): removed it, run start.sh again"
  fi
  tmp="$(mktemp -d "$KEYCLOAK_CACHE/.unpack.XXXXXX")"
  tar -xzf "$archive" -C "$tmp" || { rm -rf "$tmp"; keycloak_die "could not unpack $archive"; }
  [[ -x "$tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]] || { rm -rf "$tmp"; keycloak_die "$archive has no keycloak-$KEYCLOAK_VERSION/bin/kc.sh"; }
  touch "$tmp/keycloak-$KEYCLOAK_VERSION/.complete"
  # Atomic publish; if a concurrent run won the race, keep its copy.
  if ! mv -T "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_HOME" 2>/dev/null; then
    [[ -f "$KEYCLOAK_HOME/.complete" ]] || { rm -rf "$tmp"; keycloak_die "could not publish $KEYCLOAK_HOME"; }
  fi
  rm -rf "$tmp"
  ms=$(($(date +%s%3N) - t0))
  keycloak_log "Keycloak $KEYCLOAK_VERSION: $(($(stat -c %s "$archive") / 1000000)) MB archive, checksum (SHA-512) good, unpacked in $((ms / 1000)).$(((ms % 1000) / 100))s"
}

keycloak_pid_alive() { infra_pid_alive "$1"; }

# True if the pid is alive and is the Keycloak of *this* data dir (guards against pid reuse).
keycloak_pid_is_ours() { infra_pid_cmdline_has "$1" "$KEYCLOAK_HOME" "-Diso27001.keycloak.data=$KEYCLOAK_DATA_DIR "; }

# Prints the pid from the pid file if it is our running Keycloak; fails otherwise.
keycloak_running_pid() {
  local pid
  [[ -f "$KEYCLOAK_PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$KEYCLOAK_PID_FILE")"
  keycloak_pid_is_ours "$pid" || return 1
  printf '%s\n' "$pid"
}

keycloak_port_open() { infra_port_open "$1"; }
