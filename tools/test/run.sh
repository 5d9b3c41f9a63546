#!/usr/bin/env bash
# npm test: lint, type check, the supergraph composition check, unit and integration tests against real
# PostgreSQL and Kafka, and the portal end-to-end test in Chromium. Starts the local broker and PostgreSQL
# when they are not configured, a local Keycloak for the OpenID sign-in tests and a local S3Mock for the S3 evidence
# store; stops the broker, Keycloak and S3Mock again if it started them.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
started_kafka=""
keycloak_job=""
keycloak_log=.data/keycloak-start.log
s3mock_job=""
s3mock_log=.data/s3mock-start.log

step() { printf '\n== %s\n' "$*"; }
cleanup() {
  if [ -n "$started_kafka" ]; then bash infra/kafka/stop.sh >/dev/null 2>&1 || true; fi
  # Stop Keycloak only if this run started it (start.sh says "starting Keycloak <version>" then).
  if [ -n "$keycloak_job" ]; then
    kill "$keycloak_job" 2>/dev/null || true
    if grep -q 'starting Keycloak [0-9]' "$keycloak_log" 2>/dev/null; then bash infra/keycloak/stop.sh >/dev/null 2>&1 || true; fi
  fi
  # Likewise S3Mock (start.sh says "starting S3Mock <version>" when it started one).
  if [ -n "$s3mock_job" ]; then
    kill "$s3mock_job" 2>/dev/null || true
    if grep -q 'starting S3Mock [0-9]' "$s3mock_log" 2>/dev/null; then bash infra/s3mock/stop.sh >/dev/null 2>&1 || true; fi
  fi
}
trap cleanup EXIT

# The project's own Node.js (package "node", Node 24 LTS) runs everything, whichever Node started npm.
export PATH="$root/node_modules/.bin:$PATH"
case "$(node --version)" in
  v24.*) ;;
  *) echo "npm test needs the project's Node.js 24 in node_modules/.bin (run npm ci first); found $(node --version)" >&2; exit 1 ;;
esac

step "Chromium for the portal end-to-end test"
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then
  echo "using $chromium_path"
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "$chromium_path is missing: installing Debian's chromium package (a few minutes, once)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The portal end-to-end test needs Chromium at $chromium_path. Install it (Debian/Ubuntu: sudo apt-get install chromium)," >&2
  echo "or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
  exit 1
fi

step "Keycloak, in the background (OpenID sign-in tests and the keycloak journey)"
# A real Keycloak with the test realm (infra/keycloak): the first run downloads it from Maven Central (176 MB).
# It starts while lint and the type check run; the tests find it running and use it.
mkdir -p .data
bash infra/keycloak/start.sh >"$keycloak_log" 2>&1 &
keycloak_job=$!
echo "starting; log in $keycloak_log"

step "S3Mock, in the background (the S3-compatible evidence store's tests)"
# Adobe's S3Mock (infra/s3mock) on a free port with the test bucket; the first run resolves it from Maven Central.
S3MOCK_BUCKET="${TEST_S3_BUCKET:-evidence-test}" bash infra/s3mock/start.sh >"$s3mock_log" 2>&1 &
s3mock_job=$!
echo "starting; log in $s3mock_log"

step "lint"
# The module-boundary rule reads nx's project graph; without a cached graph it silently skips itself.
node_modules/.bin/nx show projects >/dev/null
node node_modules/eslint/bin/eslint.js apps libs tools

step "type check"
node node_modules/typescript/bin/tsc -p tsconfig.json --noEmit
node node_modules/typescript/bin/tsc -p apps/portal/tsconfig.json --noEmit

step "generated files are current: supergraph, portal operation types, event catalogue, permission matrix, deployment manifests"
node -r @swc-node/register tools/supergraph/compose.ts --check
(cd apps/portal && node ../../node_modules/@graphql-codegen/cli/cjs/bin.js --config codegen.ts --check >/dev/null) || {
  echo "apps/portal/src/gql is stale: run \"npm run portal:codegen\" and commit the result" >&2
  exit 1
}
node -r @swc-node/register tools/asyncapi/generate.ts --check
node -r @swc-node/register tools/access/permissions.ts --check
node -r @swc-node/register tools/infra/manifests.ts --check

step "PostgreSQL"
if [ -z "${DATABASE_URL:-}${TEST_DATABASE_URL:-}" ]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      echo "PostgreSQL on 127.0.0.1:5432 is down: starting it"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    else
      echo "No PostgreSQL on 127.0.0.1:5432 and DATABASE_URL is not set: set TEST_DATABASE_URL to a server the tests may create databases on" >&2
      exit 1
    fi
  fi
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
fi
echo "tests use ${TEST_DATABASE_URL:-$DATABASE_URL}"

step "Kafka"
if [ -z "${KAFKA_BROKERS:-}" ]; then
  if ! (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then
    bash infra/kafka/start.sh
    started_kafka=1
  else
    echo "a broker already answers on 127.0.0.1:9092"
  fi
  export KAFKA_BROKERS=127.0.0.1:9092
fi

step "Keycloak"
if ! wait "$keycloak_job"; then
  keycloak_job=""
  cat "$keycloak_log" >&2
  echo "Keycloak did not start (see above); the OpenID sign-in tests need it" >&2
  exit 1
fi
cat "$keycloak_log"

step "S3Mock"
if ! wait "$s3mock_job"; then
  s3mock_job=""
  cat "$s3mock_log" >&2
  echo "S3Mock did not start (see above); the S3 evidence store tests need it" >&2
  exit 1
fi
cat "$s3mock_log"
TEST_S3_ENDPOINT="$(tail -n 1 "$s3mock_log")"
export TEST_S3_ENDPOINT TEST_S3_BUCKET="${TEST_S3_BUCKET:-evidence-test}"

step "unit and integration tests"
mkdir -p .data
node node_modules/jest/bin/jest.js --ci --maxWorkers=2 --json --outputFile=.data/jest-results.json "$@"
jest_passed=$(node -e 'console.log(require("./.data/jest-results.json").numPassedTests)')

step "portal journeys per role (Chromium)"
node -r @swc-node/register apps/portal-e2e/src/run.ts
journeys_passed=$(node -e 'console.log(require("./.data/e2e/summary.json").passed)')

echo
echo "npm test: $((jest_passed + journeys_passed)) passed ($jest_passed jest, $journeys_passed portal journeys), 0 failed"
