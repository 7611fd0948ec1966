#!/usr/bin/env bash
# Place-order benchmark: starts a fresh local fleet on side ports, measures the PostgreSQL ceiling with pgbench's
# "order transaction" on the fleet's own database, then closed-loop throughput (after a warm-up that ends when three
# consecutive windows agree within 10%), the CPU each fleet process spends per order, and fixed-rate latency at half
# the closed-loop rate, all through the gateway. Writes bench/results/orders-place.md.
# Env: CLIENTS (32), SECONDS_PER_PHASE (20), WINDOW (20 s warm-up windows), WARMUP (300 s at most; longer works, the
# shoppers sign in again between windows before their 15-minute tokens expire), MIN_WARMUP (0 s
# at least: give two stacks you compare the same), RATE (0 = half of
# closed loop), FLEET_ROOT (the checkout whose ./fleet is measured: default this one; point it at another worktree to
# measure an older commit with the same benchmark), OUT (result file), FLEET_ARGS (extra ./fleet options, e.g.
# --no-kafka to measure the stack without the event path; the services also inherit this script's environment, e.g.
# MANAGEMENT_TRACING_SAMPLING_PROBABILITY=0 records no spans).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=$PWD
# shellcheck source=/dev/null
. ./.ci/jdk.sh
command -v pgbench >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null; }
fleet_root=$(cd "${FLEET_ROOT:-$here}" && pwd)
# the services get the full JIT (the local default is C1 only, for a fast, light start)
export FLEET_JVM_OPTS=${FLEET_JVM_OPTS:-"-Xms128m -Xmx256m -XX:+UseSerialGC -Xss512k"}
# no background AOT cache training during a measurement, and numbers comparable with commits before the cache
export FLEET_AOT=${FLEET_AOT:-off}
export FLEET_GATEWAY_PORT=28080 FLEET_USERS_PORT=28081 FLEET_ORDERS_PORT=28082 FLEET_INVENTORY_PORT=28083
export FLEET_GATEWAY_MANAGEMENT_PORT=28090 FLEET_POSTGRES_PORT=35432 FLEET_REDIS_PORT=36379
export FLEET_KAFKA_PORT=39092 FLEET_KAFKA_CONTROLLER_PORT=39093
# the benchmark's shoppers order far faster than a person: lift the per-user API limit for this run
export ORDERFLEET_GATEWAY_RATE_LIMITS_API_PER_MINUTE=1000000 ORDERFLEET_GATEWAY_RATE_LIMITS_AUTH_PER_MINUTE=100000
clients=${CLIENTS:-32}; seconds=${SECONDS_PER_PHASE:-20}
data=$(mktemp -d /tmp/orderfleet-bench-data.XXXXXX)
export FLEET_DATA_DIR="$data"
log=$(mktemp /tmp/orderfleet-bench.XXXXXX.log)
# shellcheck disable=SC2086 # FLEET_ARGS is a list of options
(cd "$fleet_root" && exec setsid ./fleet --fresh ${FLEET_ARGS:-}) >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; sleep 15; kill -KILL -- -$pid 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "Orderfleet is up" "$log" && break; kill -0 $pid || { tail -40 "$log"; exit 1; }; sleep 1; done
admin=$(grep '^admin.password=' "$data/secrets.properties" | cut -d= -f2-)
pg=$(grep '^orders.db.password=' "$data/secrets.properties" | cut -d= -f2-)

# The ceiling: the same three statements an order needs in essence, as one pgbench transaction on the same PostgreSQL.
export PGPASSWORD="$pg"
psql_() { psql -q -h 127.0.0.1 -p "$FLEET_POSTGRES_PORT" -U orders -d ordersdb -v ON_ERROR_STOP=1 "$@"; }
psql_ <<'SQL'
CREATE TABLE bench_stock (sku int PRIMARY KEY, available bigint NOT NULL CHECK (available >= 0));
INSERT INTO bench_stock SELECT g, 100000000 FROM generate_series(1, 20) g;
CREATE TABLE bench_orders (id uuid PRIMARY KEY, user_id bigint NOT NULL, status text NOT NULL, total_cents bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE bench_order_lines (order_id uuid NOT NULL REFERENCES bench_orders(id), sku int NOT NULL, qty int NOT NULL,
  PRIMARY KEY (order_id, sku));
SQL
cat >"$data/order-transaction.sql" <<'SQL'
\set sku random(1, 20)
\set user random(1, 1000)
BEGIN;
UPDATE bench_stock SET available = available - 1 WHERE sku = :sku AND available >= 1;
INSERT INTO bench_orders (id, user_id, status, total_cents) VALUES (gen_random_uuid(), :user, 'CONFIRMED', 100) RETURNING id \gset
INSERT INTO bench_order_lines (order_id, sku, qty) VALUES (':id', :sku, 1);
END;
SQL
pgbench -n -h 127.0.0.1 -p "$FLEET_POSTGRES_PORT" -U orders -c "$clients" -j 2 -T "$seconds" -f "$data/order-transaction.sql" ordersdb \
  >"$data/pgbench.txt" 2>&1 || { cat "$data/pgbench.txt"; exit 1; }
ceiling=$(awk '/^tps = / {print $3}' "$data/pgbench.txt" | tail -1)
echo "pgbench order transaction at $clients clients: $ceiling tps"
psql_ -c 'DROP TABLE bench_order_lines, bench_orders, bench_stock'

# The Kafka relay keeps up when its lag (order events in the outbox not yet acknowledged by the broker,
# orders-service's orderfleet_events_outbox_lag gauge) stays bounded: sampled every second during the run.
lagfile="$data/outbox-lag.txt"
: >"$lagfile"
( while kill -0 $pid 2>/dev/null; do
    v=$(curl -s --max-time 2 "http://127.0.0.1:$FLEET_ORDERS_PORT/actuator/prometheus" 2>/dev/null \
        | awk '/^orderfleet_events_outbox_lag /{print $2}' || true)
    [ -n "$v" ] && echo "$(date +%s) $v" >>"$lagfile"
    sleep 1
  done ) &
lagpid=$!

cp=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
"$JAVA_HOME/bin/java" -cp "$cp" -Dclients="$clients" -Dseconds="$seconds" -Drate="${RATE:-0}" -Dwindow="${WINDOW:-20}" \
  -Dwarmup="${WARMUP:-300}" -DminWarmup="${MIN_WARMUP:-0}" -Dceiling="$ceiling" -Dfleet.pid="$pid" -Dfleet.data="$data" -Dclk.tck="$(getconf CLK_TCK)" \
  -Dout="${OUT:-bench/results/orders-place.md}" \
  bench/orders/PlaceOrderBench.java "http://localhost:$FLEET_GATEWAY_PORT" admin@orderfleet.local "$admin"
kill $lagpid 2>/dev/null || true
out=${OUT:-bench/results/orders-place.md}
if [ -s "$lagfile" ] && [[ " ${FLEET_ARGS:-} " != *" --no-kafka "* ]]; then
  lag_max=$(awk '$2 > m {m = $2} END {printf "%d", m}' "$lagfile")
  lag_end=$(tail -1 "$lagfile" | awk '{printf "%d", $2}')
  printf '\nKafka outbox relay during the run: lag (order events not yet acknowledged by the broker) at most %s, %s at the end, %s one-second samples.\n' \
    "$lag_max" "$lag_end" "$(wc -l <"$lagfile")" | tee -a "$out"
fi
