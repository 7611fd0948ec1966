#!/usr/bin/env bash
# Chaos check (invariants 1-4, 6 and 7 of docs/invariants.md): starts a fresh local fleet on side ports,
# places and cancels orders from several shoppers while faults hit it one after another: SIGKILL of each
# service, of PostgreSQL (all three databases at once) and of Redis (the local runner restarts each),
# SIGSTOP of orders and of inventory for 10 s, and malformed bodies and oversized headers all along.
# After each fault the fleet settles and stock conservation per SKU against the confirmed orders, no
# PENDING order, one order per Idempotency-Key and "no 500" are checked.
# Prints a table, writes bench/results/chaos.md, exits 1 when an invariant is broken.
#
# Usage: bench/chaos/run.sh [--smoke]
#   --smoke  the bounded CI variant (the last step of .ci/run): a gateway kill, a PostgreSQL kill and an
#            inventory stall, with reconciliation after 10 s instead of 30 s; writes no result file.
# Env: FLEET_*_PORT (defaults below), GAP (seconds of traffic before each fault), STALL (seconds).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=/dev/null
. ./.ci/jdk.sh
mode=full
[ "${1:-}" = "--smoke" ] && mode=smoke
export FLEET_GATEWAY_PORT=${FLEET_GATEWAY_PORT:-28080} FLEET_USERS_PORT=${FLEET_USERS_PORT:-28081}
export FLEET_ORDERS_PORT=${FLEET_ORDERS_PORT:-28082} FLEET_INVENTORY_PORT=${FLEET_INVENTORY_PORT:-28083}
export FLEET_GATEWAY_MANAGEMENT_PORT=${FLEET_GATEWAY_MANAGEMENT_PORT:-28090}
export FLEET_POSTGRES_PORT=${FLEET_POSTGRES_PORT:-35432} FLEET_REDIS_PORT=${FLEET_REDIS_PORT:-36379}
export FLEET_KAFKA_PORT=${FLEET_KAFKA_PORT:-39092} FLEET_KAFKA_CONTROLLER_PORT=${FLEET_KAFKA_CONTROLLER_PORT:-39093}
# the shoppers order far faster than people: lift the per-user API limit for this run
export ORDERFLEET_GATEWAY_RATE_LIMITS_API_PER_MINUTE=1000000
# no background AOT cache training while faults are timed, as in the other benchmarks
export FLEET_AOT=${FLEET_AOT:-off}
if [ "$mode" = smoke ]; then
  # cut waiting, not faults: an order a fault left PENDING is reconciled once it is 10 s old instead of 30 s
  # (still far above the longest placement: 1 s users check + 2 s reserve), so the smoke settles sooner
  export ORDERFLEET_ORDERS_RECONCILE_AFTER=${ORDERFLEET_ORDERS_RECONCILE_AFTER:-10s}
fi
data=$(mktemp -d /tmp/orderfleet-chaos.XXXXXX)
export FLEET_DATA_DIR="$data"
log="$data.log"
setsid ./fleet --fresh >"$log" 2>&1 &
pid=$!
stop_fleet() {
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap stop_fleet EXIT
for _ in $(seq 1 600); do grep -q "Orderfleet is up" "$log" && break; kill -0 $pid || { tail -40 "$log"; exit 1; }; sleep 1; done
grep -q "Orderfleet is up" "$log" || { echo "the fleet did not start"; tail -40 "$log"; exit 1; }
echo "chaos ($mode): fleet up on :$FLEET_GATEWAY_PORT, log $log"
python3 bench/chaos/chaos_check.py "http://localhost:$FLEET_GATEWAY_PORT" "$data" "$mode" || {
  status=$?; echo "fleet log: $log"; grep -a "restarting\|keeps stopping\|started it again\|did not start again" "$log" || true
  exit $status; }
