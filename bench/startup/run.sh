#!/usr/bin/env bash
# Start-up and memory benchmark: starts the local fleet (./fleet, its own ports and data directory) several times and
# measures, per service, the time from its JVM's process start to its readiness endpoint's first 200 and its RSS at
# ready, during a short load through the gateway and after it, with and without the JDK AOT cache. Writes
# bench/results/startup.md.
#
# Runs: 1. "first start" on empty data: the services start from their extracted jars while their AOT caches are trained
# in the background (the run waits until the four caches are written); then ROUNDS times (default 2) 2. "no cache"
# (FLEET_AOT=off: `java -jar` of the boot jar, as before the cache) and 3. "AOT cache", one after the other, so that
# both see the same machine. Every run starts with migrated databases and loaded demo data except the first.
#
# Env: PORT_BASE (23000: gateway PORT_BASE+80, users +81, orders +82, inventory +83, gateway management +90,
# PostgreSQL +432, Redis +379, Kafka +92 and +93), DATA_DIR (a new temporary directory; deleted at the end unless
# given), ROUNDS (2), REQUESTS (800, the load per run), CLIENTS (4), FLEET_JVM_OPTS (default: the fleet's own),
# OUT (bench/results/startup.md). Every process it starts is stopped on exit, on failure and on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=$PWD
# shellcheck source=/dev/null
. ./.ci/jdk.sh
base=${PORT_BASE:-23000}
export FLEET_GATEWAY_PORT=$((base + 80)) FLEET_USERS_PORT=$((base + 81)) FLEET_ORDERS_PORT=$((base + 82))
export FLEET_INVENTORY_PORT=$((base + 83)) FLEET_GATEWAY_MANAGEMENT_PORT=$((base + 90))
export FLEET_POSTGRES_PORT=$((base + 432)) FLEET_REDIS_PORT=$((base + 379))
export FLEET_KAFKA_PORT=$((base + 92)) FLEET_KAFKA_CONTROLLER_PORT=$((base + 93))
# the load's shopper sends a few hundred requests in seconds: lift the per-user API limit for this run
export ORDERFLEET_GATEWAY_RATE_LIMITS_API_PER_MINUTE=1000000
rounds=${ROUNDS:-2}
out=${OUT:-bench/results/startup.md}
if [ -n "${DATA_DIR:-}" ]; then
  mkdir -p "$DATA_DIR"; work=$(cd "$DATA_DIR" && pwd); keep=true
else
  work=$(mktemp -d /tmp/orderfleet-startup.XXXXXX); keep=false
fi
data="$work/fleet"
export FLEET_DATA_DIR="$data"
rm -rf "$data"

fleet_pid=
measure_pid=
stop_fleet() {
  [ -n "$fleet_pid" ] || return 0
  if kill -0 "$fleet_pid" 2>/dev/null; then
    kill -TERM "$fleet_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$fleet_pid" 2>/dev/null || break; sleep 1; done
  fi
  # whatever is left of its process group (the fleet is started with setsid: its group id is its pid)
  kill -KILL -- "-$fleet_pid" 2>/dev/null || true
  fleet_pid=
}
cleanup() {
  [ -z "$measure_pid" ] || kill "$measure_pid" 2>/dev/null || true
  stop_fleet
  $keep || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f deploy/local-runner/target/local-runner-0.1.0-SNAPSHOT.jar ] || { echo "Build first: ./mvnw -B -ntp -DskipTests package" >&2; exit 1; }
for p in $FLEET_GATEWAY_PORT $FLEET_USERS_PORT $FLEET_ORDERS_PORT $FLEET_INVENTORY_PORT $FLEET_GATEWAY_MANAGEMENT_PORT \
         $FLEET_POSTGRES_PORT $FLEET_REDIS_PORT $FLEET_KAFKA_PORT $FLEET_KAFKA_CONTROLLER_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "Port $p is in use: set PORT_BASE" >&2; exit 1; fi
done

started=$(date -u +"%Y-%m-%d %H:%M UTC")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
results="$work/results.jsonl"
: >"$results"

# one run: $1 label, $2 FLEET_AOT value; $3 "train" to wait for the caches before stopping
run() {
  local label=$1 aot=$2 log="$work/fleet-$(date +%s%N).log"
  echo "== $label" >&2
  (export FLEET_AOT="$aot"; exec setsid ./fleet) >"$log" 2>&1 &
  fleet_pid=$!
  # in the background, so that a SIGTERM or Ctrl-C reaches the traps at once
  python3 bench/startup/measure.py "$log" "$data" "$label" >>"$results" &
  measure_pid=$!
  if ! wait "$measure_pid"; then
    tail -1 "$results" >&2; echo "fleet log: $log (last lines below)" >&2; tail -30 "$log" >&2; keep=true; exit 1
  fi
  measure_pid=
  tail -1 "$results" >&2
  if [ "${3:-}" = train ]; then
    for _ in $(seq 1 600); do
      [ "$(find "$data/aot" -name app.aot 2>/dev/null | wc -l)" -ge 4 ] && break
      grep -q "AOT cache training ended" "$log" && break
      sleep 1
    done
    grep -E "AOT cache (trained|training ended)" "$log" | sed 's/^/  /' >&2 || true
    [ "$(find "$data/aot" -name app.aot 2>/dev/null | wc -l)" -ge 4 ] || { echo "the AOT caches were not all trained (log: $log)" >&2; keep=true; exit 1; }
  fi
  stop_fleet
}

run "first start (training)" on train
for _ in $(seq 1 "$rounds"); do
  run "no cache" off
  run "AOT cache" on
done

python3 - "$results" "$out" "$started" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$rounds" <<'PY'
import json, os, platform, subprocess, sys
results_file, out, started, load_before, load_after, rounds = sys.argv[1:]
runs = [json.loads(l) for l in open(results_file) if l.strip()]
services = ["users", "inventory", "orders", "gateway"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
java = subprocess.run([os.path.join(os.environ["JAVA_HOME"], "bin", "java"), "-version"], capture_output=True,
                      text=True).stderr.splitlines()[0]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
opts = os.environ.get("FLEET_JVM_OPTS") or "the fleet's default (-Xms64m -Xmx256m -XX:MaxNewSize=24m -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:TieredStopAtLevel=1 -Xss512k, MALLOC_ARENA_MAX=2)"
lines = []
w = lines.append
w("# Start and memory: each service's time to ready and RSS, with and without the JDK AOT cache\n")
w(f"`bench/startup/run.sh` (ROUNDS={rounds}, REQUESTS={os.environ.get('REQUESTS', '800')}, "
  f"CLIENTS={os.environ.get('CLIENTS', '4')}) at `{commit}`{' plus local changes' if dirty else ''}, {started}.")
w(f"Machine: {os.cpu_count()} cores ({cpu}), {mem} GB RAM, {platform.system()} {platform.release()}; {java}. "
  f"Load average (1/5/15 min) {load_before} before the runs, {load_after} after.")
w(f"JVM options: {opts}.\n")
w("Ready = from the JVM's process start (`/proc/<pid>/stat`) to the first 200 of its readiness endpoint (polled every "
  "50 ms); in brackets Spring Boot's own \"process running for\" from its `Started ...` line. users starts alone, "
  "inventory and orders together once users is ready, the gateway last, as `./fleet` starts them; PostgreSQL, Redis "
  "and Kafka run throughout. RSS (`VmRSS`, MB) at ready, its peak during the load (sampled every 250 ms) and after it; "
  "the load is the demo shopper through the gateway (a catalog page of items in stock, an item by SKU, an order, my orders, in turn).\n")
w("| run | service | ready s (Boot) | RSS at ready | RSS peak under load | RSS after load |")
w("|---|---|---:|---:|---:|---:|")
for r in runs:
    for s in services:
        x = r["services"][s]
        boot = f" ({x['boot_process_s']:.1f})" if "boot_process_s" in x else ""
        w(f"| {r['label']} | {s} | {x['ready_s']:.1f}{boot} | {x['rss_ready_mb']} | {x['rss_load_peak_mb']} | {x['rss_after_mb']} |")
w("")
w("| run | load: requests (clients) in s | statuses | slowest service ready s | all four ready, sum of s |")
w("|---|---|---|---:|---:|")
for r in runs:
    ready = [r["services"][s]["ready_s"] for s in services]
    st = ", ".join(f"{k}: {v}" for k, v in sorted(r["load"]["statuses"].items(), key=lambda kv: int(kv[0])))
    w(f"| {r['label']} | {r['load']['requests']} ({r['load']['clients']}) in {r['load']['seconds']} | {st} | "
      f"{max(ready):.1f} | {sum(ready):.1f} |")
w("")
def mean(label, s, key):
    v = [r["services"][s][key] for r in runs if r["label"] == label]
    return sum(v) / len(v) if v else float("nan")
w(f"Means over the {rounds} round(s):\n")
w("| service | ready s, no cache | ready s, AOT cache | ratio | RSS peak MB, no cache | RSS peak MB, AOT cache |")
w("|---|---:|---:|---:|---:|---:|")
for s in services:
    a, b = mean("no cache", s, "ready_s"), mean("AOT cache", s, "ready_s")
    w(f"| {s} | {a:.1f} | {b:.1f} | {b / a:.2f} | {mean('no cache', s, 'rss_load_peak_mb'):.0f} | "
      f"{mean('AOT cache', s, 'rss_load_peak_mb'):.0f} |")
text = "\n".join(lines) + "\n"
open(out, "w").write(text)
print(text)
PY
echo "Wrote $out" >&2
