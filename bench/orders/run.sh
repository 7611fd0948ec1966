#!/usr/bin/env bash
# Place-order benchmark: starts a fresh local fleet on side ports, measures the PostgreSQL commit
# ceiling, closed-loop throughput and fixed-rate latency through the gateway, writes
# bench/results/orders-place.md. Options via env: CLIENTS (16), SECONDS_PER_PHASE (20), RATE (50), WARMUP (120 s of
# closed-loop load before measuring: the JIT needs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=/dev/null
. ./.ci/jdk.sh
# the services get the full JIT (the local default is C1 only, for a fast, light start)
export FLEET_JVM_OPTS=${FLEET_JVM_OPTS:-"-Xms128m -Xmx256m -XX:+UseSerialGC -Xss512k"}
export FLEET_GATEWAY_PORT=28080 FLEET_USERS_PORT=28081 FLEET_ORDERS_PORT=28082 FLEET_INVENTORY_PORT=28083
export FLEET_GATEWAY_MANAGEMENT_PORT=28090 FLEET_POSTGRES_PORT=35432 FLEET_REDIS_PORT=36379
# the benchmark's shoppers order far faster than a person: lift the per-user API limit for this run
export ORDERFLEET_GATEWAY_RATE_LIMITS_API_PER_MINUTE=1000000 ORDERFLEET_GATEWAY_RATE_LIMITS_AUTH_PER_MINUTE=100000
data=$(mktemp -d /tmp/orderfleet-bench-data.XXXXXX)
export FLEET_DATA_DIR="$data"
log=$(mktemp /tmp/orderfleet-bench.XXXXXX.log)
setsid ./fleet --fresh >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; sleep 15; kill -KILL -- -$pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "Orderfleet is up" "$log" && break; kill -0 $pid || { tail -40 "$log"; exit 1; }; sleep 1; done
admin=$(grep '^admin.password=' "$data/secrets.properties" | cut -d= -f2-)
pg=$(grep '^orders.db.password=' "$data/secrets.properties" | cut -d= -f2-)
cp=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
"$JAVA_HOME/bin/java" -cp "$cp" -Dclients="${CLIENTS:-16}" -Dseconds="${SECONDS_PER_PHASE:-20}" -Drate="${RATE:-50}" -Dwarmup="${WARMUP:-120}" \
  bench/orders/PlaceOrderBench.java "http://localhost:$FLEET_GATEWAY_PORT" admin@orderfleet.local "$admin" \
  "$FLEET_POSTGRES_PORT" "$pg"
