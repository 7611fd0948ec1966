#!/usr/bin/env bash
# End-to-end: the real fleet (./fleet, embedded PostgreSQL and Redis) driven through the gateway by
# the SPA's Playwright suite (web/e2e) in Debian's headless Chromium. Needs the jars built
# (./mvnw verify); ./fleet builds any that are missing. The fleet runs on side ports with its data in
# a temporary directory, so a developer's own fleet and .local/ are never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
. ./.ci/jdk.sh

if [ ! -f web/playwright.config.ts ]; then
  echo "e2e: web/playwright.config.ts not found; skipping the browser suite"; exit 0
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian's chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

export FLEET_GATEWAY_PORT=${FLEET_GATEWAY_PORT:-18080} FLEET_USERS_PORT=${FLEET_USERS_PORT:-18081}
export FLEET_ORDERS_PORT=${FLEET_ORDERS_PORT:-18082} FLEET_INVENTORY_PORT=${FLEET_INVENTORY_PORT:-18083}
export FLEET_GATEWAY_MANAGEMENT_PORT=${FLEET_GATEWAY_MANAGEMENT_PORT:-18090}
export FLEET_POSTGRES_PORT=${FLEET_POSTGRES_PORT:-25432} FLEET_REDIS_PORT=${FLEET_REDIS_PORT:-26379}
export FLEET_KAFKA_PORT=${FLEET_KAFKA_PORT:-29092} FLEET_KAFKA_CONTROLLER_PORT=${FLEET_KAFKA_CONTROLLER_PORT:-29093}
# no AOT cache training in the background of a fleet that lives for one suite (docs/performance.md, "Start and memory")
export FLEET_AOT=${FLEET_AOT:-off}
FLEET_DATA_DIR=$(mktemp -d /tmp/orderfleet-e2e-data.XXXXXX)
export FLEET_DATA_DIR
log=$(mktemp /tmp/orderfleet-e2e-fleet.XXXXXX.log)
echo "e2e: fleet log $log, data in $FLEET_DATA_DIR"
setsid ./fleet --fresh >"$log" 2>&1 &
fleet_pid=$!
stop_fleet() {
  kill -TERM "$fleet_pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$fleet_pid" 2>/dev/null || break; sleep 1; done
  kill -KILL -- "-$fleet_pid" 2>/dev/null || true
  rm -rf "$FLEET_DATA_DIR"
}
trap stop_fleet EXIT

for _ in $(seq 1 600); do
  if grep -q "Orderfleet is up" "$log"; then break; fi
  if ! kill -0 "$fleet_pid" 2>/dev/null; then echo "e2e: the fleet did not start:"; tail -50 "$log"; exit 1; fi
  sleep 1
done
grep -q "Orderfleet is up" "$log" || { echo "e2e: the fleet was not up in time"; tail -50 "$log"; exit 1; }
grep -A7 "Orderfleet is up" "$log" | sed 's/\(Admin\|Shopper\)\( *[^ ]*\) \/ .*/\1\2 \/ (in the data directory)/'

secret() { grep "^$1=" "$FLEET_DATA_DIR/secrets.properties" | cut -d= -f2-; }
cd web
# reuses the node_modules that the Maven build installed unless package-lock.json changed since
node scripts/npm-ci-if-needed.mjs
rm -rf e2e-screenshots test-results
set +e
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 E2E_BASE_URL="http://localhost:$FLEET_GATEWAY_PORT" \
  E2E_ADMIN_EMAIL=admin@orderfleet.local E2E_ADMIN_PASSWORD="$(secret admin.password)" \
  E2E_SHOPPER_EMAIL=shopper@orderfleet.local E2E_SHOPPER_PASSWORD="$(secret shopper.password)" npx playwright test
status=$?
set -e
echo "e2e: screenshots in web/e2e-screenshots/ (failures: web/test-results/)"
if [ "$status" -ne 0 ]; then echo "e2e: last lines of the fleet log:"; tail -30 "$log"; fi
exit "$status"
