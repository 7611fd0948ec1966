#!/usr/bin/env bash
# Chaos check (BRIEF invariants 1-4 and 7): starts a fresh local fleet on side ports, places and cancels
# orders from 8 shoppers while inventory, orders, users, the gateway and orders again are killed with
# SIGKILL one after another (the local runner restarts each), lets the fleet settle, then checks stock
# conservation per SKU against the confirmed orders and that no Idempotency-Key made two orders.
# Prints a table, writes bench/results/chaos.md, exits 1 when an invariant is broken.
# Env: GAP (seconds between kills, 8).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=/dev/null
. ./.ci/jdk.sh
export FLEET_GATEWAY_PORT=28080 FLEET_USERS_PORT=28081 FLEET_ORDERS_PORT=28082 FLEET_INVENTORY_PORT=28083
export FLEET_GATEWAY_MANAGEMENT_PORT=28090 FLEET_POSTGRES_PORT=35432 FLEET_REDIS_PORT=36379
# the shoppers order far faster than people: lift the per-user API limit for this run
export ORDERFLEET_GATEWAY_RATE_LIMITS_API_PER_MINUTE=1000000
data=$(mktemp -d /tmp/orderfleet-chaos.XXXXXX)
export FLEET_DATA_DIR="$data"
log="$data.log"
setsid ./fleet --fresh >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; sleep 10; kill -KILL -- -$pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do grep -q "Orderfleet is up" "$log" && break; kill -0 $pid || { tail -40 "$log"; exit 1; }; sleep 1; done
grep -q "Orderfleet is up" "$log" || { echo "the fleet did not start"; tail -40 "$log"; exit 1; }
python3 bench/chaos/chaos_check.py "http://localhost:$FLEET_GATEWAY_PORT" "$data" "${GAP:-8}" || {
  status=$?; echo "fleet log: $log"; grep -a "restarting\|keeps stopping" "$log" || true; exit $status; }
