#!/usr/bin/env bash
# End-to-end: the real fleet (./fleet, embedded PostgreSQL and Redis) driven through the gateway by
# the SPA's Playwright suite in Debian's headless Chromium. Needs the jars built (./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
. ./.ci/jdk.sh

if [ ! -f web/playwright.config.ts ]; then
  echo "e2e: web/playwright.config.ts not found; skipping the browser suite"; exit 0
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "e2e: installing Debian's chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

export FLEET_GATEWAY_PORT=${FLEET_GATEWAY_PORT:-18080} FLEET_USERS_PORT=${FLEET_USERS_PORT:-18081}
export FLEET_ORDERS_PORT=${FLEET_ORDERS_PORT:-18082} FLEET_INVENTORY_PORT=${FLEET_INVENTORY_PORT:-18083}
export FLEET_GATEWAY_MANAGEMENT_PORT=${FLEET_GATEWAY_MANAGEMENT_PORT:-18090}
export FLEET_POSTGRES_PORT=${FLEET_POSTGRES_PORT:-25432} FLEET_REDIS_PORT=${FLEET_REDIS_PORT:-26379}
log=$(mktemp /tmp/orderfleet-e2e-fleet.XXXXXX.log)
setsid ./fleet --fresh >"$log" 2>&1 &
fleet_pid=$!
stop_fleet() {
  kill -TERM "$fleet_pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$fleet_pid" 2>/dev/null || break; sleep 1; done
  kill -KILL -- "-$fleet_pid" 2>/dev/null || true
}
trap stop_fleet EXIT

for _ in $(seq 1 300); do
  if grep -q "Orderfleet is up" "$log"; then break; fi
  if ! kill -0 "$fleet_pid" 2>/dev/null; then echo "e2e: the fleet did not start:"; tail -50 "$log"; exit 1; fi
  sleep 1
done
grep -q "Orderfleet is up" "$log" || { echo "e2e: the fleet was not up in time"; tail -50 "$log"; exit 1; }
grep -A7 "Orderfleet is up" "$log" | sed 's/\(Admin\|Shopper\)\( *[^ ]*\) \/ .*/\1\2 \/ (see .local\/secrets.properties)/'

admin_password=$(grep '^admin.password=' .local/secrets.properties | cut -d= -f2-)
cd web
[ -d node_modules ] || npm ci --no-audit --no-fund
E2E_BASE_URL="http://localhost:$FLEET_GATEWAY_PORT" E2E_ADMIN_EMAIL=admin@orderfleet.local \
  E2E_ADMIN_PASSWORD="$admin_password" npx playwright test
