#!/usr/bin/env bash
# Gateway overhead: the same small authenticated GET (one catalog item) sent with wrk
#   1. straight to inventory-service, 2. through the Orderfleet gateway, 3. through an nginx
#   reverse proxy (Debian's nginx) to the same inventory-service,
# and 4. the catalog's first page (20 items, served from inventory's Redis page cache) through the
# gateway, against row 2 (issue #14 goal 6: at least 80% of the trivial GET's req/s),
# on a fresh local fleet on side ports. Prints a table and writes bench/results/gateway-overhead.md.
# Env: DURATION (10s), WARMUP (30s: the JIT needs it), CONNECTIONS (16), THREADS (2), FLEET_JVM_OPTS, FLEET_ARGS
# (extra ./fleet options, e.g. --no-kafka; not for commits before the option existed).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=/dev/null
. ./.ci/jdk.sh
command -v wrk >/dev/null && command -v nginx >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null; }
duration=${DURATION:-10s}; conns=${CONNECTIONS:-16}; threads=${THREADS:-2}
# the services get the full JIT (the local default is C1 only, for a fast, light start)
export FLEET_JVM_OPTS=${FLEET_JVM_OPTS:-"-Xms128m -Xmx256m -XX:+UseSerialGC -Xss512k"}
# no background AOT cache training during a measurement, and numbers comparable with commits before the cache
export FLEET_AOT=${FLEET_AOT:-off}
export FLEET_GATEWAY_PORT=28080 FLEET_USERS_PORT=28081 FLEET_ORDERS_PORT=28082 FLEET_INVENTORY_PORT=28083
export FLEET_GATEWAY_MANAGEMENT_PORT=28090 FLEET_POSTGRES_PORT=35432 FLEET_REDIS_PORT=36379
export FLEET_KAFKA_PORT=39092 FLEET_KAFKA_CONTROLLER_PORT=39093
export ORDERFLEET_GATEWAY_RATE_LIMITS_API_PER_MINUTE=100000000
nginx_port=28088
work=$(mktemp -d /tmp/orderfleet-gw-bench.XXXXXX)
export FLEET_DATA_DIR="$work/data"
# shellcheck disable=SC2086 # FLEET_ARGS is a list, e.g. --no-kafka: the rows need no Kafka, and twice the fleet
# did not start because the Kafka side port 39092 was taken right after another run (by what is not proven)
setsid ./fleet --fresh ${FLEET_ARGS:-} >"$work/fleet.log" 2>&1 &
pid=$!
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  kill -TERM $pid 2>/dev/null || true; sleep 15; kill -KILL -- -$pid 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 300); do grep -q "Orderfleet is up" "$work/fleet.log" && break; kill -0 $pid || { tail -40 "$work/fleet.log"; exit 1; }; sleep 1; done

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream inventory { server 127.0.0.1:$FLEET_INVENTORY_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://inventory;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"

admin=$(grep '^admin.password=' "$FLEET_DATA_DIR/secrets.properties" | cut -d= -f2-)
token=$(curl -sf "http://localhost:$FLEET_GATEWAY_PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@orderfleet.local\",\"password\":\"$admin\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
path=/api/v1/inventory/items/KB-001
page_path="/api/v1/inventory/items?page=0&size=20"
run() { # name url
  wrk -t"$threads" -c"$conns" -d${WARMUP:-30s} -H "Authorization: Bearer $token" "$2" >/dev/null   # warm-up
  wrk -t"$threads" -c"$conns" -d"$duration" --latency -H "Authorization: Bearer $token" "$2" >"$work/$1.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/$1.txt"); errors=${errors:-0}
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$errors"
}
for url in "http://127.0.0.1:$FLEET_INVENTORY_PORT$path" "http://127.0.0.1:$FLEET_GATEWAY_PORT$path" "http://127.0.0.1:$nginx_port$path" \
    "http://127.0.0.1:$FLEET_GATEWAY_PORT$page_path"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url")
  [ "$code" = 200 ] || { echo "sanity check failed: $url answered $code"; exit 1; }
done
{
  echo "# Gateway overhead"
  echo
  echo "Run $(date -u +%FT%TZ), $(nproc) cores, wrk -t$threads -c$conns -d$duration, everything on this machine."
  echo "GET $path with a user token (inventory answers from its Redis cache)."
  echo
  echo "| route | req/s | p50 | p99 | non-2xx |"
  echo "|---|---:|---:|---:|---:|"
  run "direct to inventory-service" "http://127.0.0.1:$FLEET_INVENTORY_PORT$path"
  run "through the Orderfleet gateway" "http://127.0.0.1:$FLEET_GATEWAY_PORT$path"
  # right after row 2, so both see about the same gateway warm-up (this row still gets 40 s more of it)
  run "catalog page (cached) through the gateway" "http://127.0.0.1:$FLEET_GATEWAY_PORT$page_path"
  run "through nginx (reverse proxy)" "http://127.0.0.1:$nginx_port$path"
} | tee "$work/table.md"
g=$(awk -F'|' '/Orderfleet gateway/ {print $3}' "$work/table.md"); n=$(awk -F'|' '/nginx/ {print $3}' "$work/table.md")
ratio=$(awk -v g="$g" -v n="$n" 'BEGIN { printf "%.2f", g / n }')
echo; echo "Gateway throughput / nginx throughput = $ratio (the gateway also verifies the JWT, counts the rate limit in Redis and adds security headers; nginx only proxies)." | tee -a "$work/table.md"
c=$(awk -F'|' '/catalog page/ {print $3}' "$work/table.md")
page_ratio=$(awk -v c="$c" -v g="$g" 'BEGIN { printf "%.2f", c / g }')
echo "Cached catalog page (GET $page_path, 20 items) / trivial GET, both through the gateway = $page_ratio (goal: >= 0.80)." | tee -a "$work/table.md"
mkdir -p bench/results && cp "$work/table.md" bench/results/gateway-overhead.md
echo "Written to bench/results/gateway-overhead.md"
