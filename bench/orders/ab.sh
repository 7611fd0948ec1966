#!/usr/bin/env bash
# Place-order benchmark, A against B: two fresh local fleets side by side on side ports, loaded in turns through
# their gateways (AbBench.java): warm-up windows alternate A and B, then ROUNDS measured windows in the order AB, BA,
# AB, ... A 10 % guard between two commits can be decided this way on a machine whose speed drifts during a run by
# more than that (docs/performance.md); two runs one after the other cannot.
# Env: FLEET_ROOT_A, FLEET_ROOT_B (checkouts whose ./fleet is measured; default this one), FLEET_ARGS_A,
# FLEET_ARGS_B (extra ./fleet options, e.g. --no-kafka), ENV_A, ENV_B (extra environment for that fleet's services,
# e.g. "MANAGEMENT_TRACING_SAMPLING_PROBABILITY=0"), LABEL_A, LABEL_B, CLIENTS (32), WINDOW (30 s), WARMUP (420 s per
# side), ROUNDS (8), OUT (bench/results/orders-ab.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
here=$PWD
# shellcheck source=/dev/null
. ./.ci/jdk.sh
export FLEET_JVM_OPTS=${FLEET_JVM_OPTS:-"-Xms128m -Xmx256m -XX:+UseSerialGC -Xss512k"}
export FLEET_AOT=${FLEET_AOT:-off}
export ORDERFLEET_GATEWAY_RATE_LIMITS_API_PER_MINUTE=1000000 ORDERFLEET_GATEWAY_RATE_LIMITS_AUTH_PER_MINUTE=100000
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; sleep 15;
      for p in "${pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done' EXIT

# start_fleet SIDE ROOT "ARGS" "ENV" PORT_BASE PG REDIS KAFKA: prints "pid data"
start_fleet() {
  local side=$1 root data log pid
  root=$(cd "$2" && pwd)
  data=$(mktemp -d "/tmp/orderfleet-ab-$side.XXXXXX")
  log="$data.log"
  # shellcheck disable=SC2086 # ARGS and ENV are lists
  (cd "$root" && exec env $4 FLEET_DATA_DIR="$data" FLEET_GATEWAY_PORT=$(($5)) FLEET_USERS_PORT=$(($5 + 1)) \
    FLEET_ORDERS_PORT=$(($5 + 2)) FLEET_INVENTORY_PORT=$(($5 + 3)) FLEET_GATEWAY_MANAGEMENT_PORT=$(($5 + 10)) \
    FLEET_POSTGRES_PORT=$6 FLEET_REDIS_PORT=$7 FLEET_KAFKA_PORT=$8 FLEET_KAFKA_CONTROLLER_PORT=$(($8 + 1)) \
    setsid ./fleet --fresh $3) >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do grep -q "Orderfleet is up" "$log" && break; kill -0 $pid || { tail -40 "$log" >&2; exit 1; }; sleep 1; done
  grep -q "Orderfleet is up" "$log" || { echo "fleet $side did not start" >&2; exit 1; }
  echo "$pid $data"
}

read -r pid_a data_a < <(start_fleet a "${FLEET_ROOT_A:-$here}" "${FLEET_ARGS_A:-}" "${ENV_A:-}" 28080 35432 36379 39092)
[ -n "${pid_a:-}" ] || exit 1
pids+=("$pid_a")
read -r pid_b data_b < <(start_fleet b "${FLEET_ROOT_B:-$here}" "${FLEET_ARGS_B:-}" "${ENV_B:-}" 29080 25432 26379 27092)
[ -n "${pid_b:-}" ] || exit 1
pids+=("$pid_b")
admin_a=$(grep '^admin.password=' "$data_a/secrets.properties" | cut -d= -f2-)
admin_b=$(grep '^admin.password=' "$data_b/secrets.properties" | cut -d= -f2-)

cp=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
"$JAVA_HOME/bin/java" -cp "$cp" -Dclients="${CLIENTS:-32}" -Dwindow="${WINDOW:-30}" -Dwarmup="${WARMUP:-420}" \
  -Drounds="${ROUNDS:-8}" -Dclk.tck="$(getconf CLK_TCK)" -Dout="${OUT:-bench/results/orders-ab.md}" \
  -DlabelA="${LABEL_A:-${FLEET_ROOT_A:-$here} ${FLEET_ARGS_A:-} ${ENV_A:-}}" \
  -DlabelB="${LABEL_B:-${FLEET_ROOT_B:-$here} ${FLEET_ARGS_B:-} ${ENV_B:-}}" \
  bench/orders/AbBench.java "http://localhost:28080" "$admin_a" "$pid_a" "$data_a" \
  "http://localhost:29080" "$admin_b" "$pid_b" "$data_b"
