#!/usr/bin/env python3
"""One start of the fleet, measured from outside (bench/startup/run.sh starts and stops the fleet).

For each service JVM of the fleet (found in /proc by its command line, which holds the fleet's data directory):
the time from its process start (/proc/<pid>/stat) to its readiness endpoint's first 200, polled every 50 ms,
and its RSS (/proc/<pid>/status VmRSS) then. After "Orderfleet is up", a short load through the gateway as the
demo shopper (catalog page of items in stock, item by SKU, an order, my orders), RSS sampled during it and after it. Prints one JSON
object on stdout.

Usage: measure.py <fleet log> <data dir> <label> (ports from the FLEET_*_PORT variables)
"""
import http.client
import json
import os
import re
import sys
import threading
import time
import uuid

log_path, data_dir, label = sys.argv[1], sys.argv[2], sys.argv[3]
requests_total = int(os.environ.get("REQUESTS", "800"))
clients = int(os.environ.get("CLIENTS", "4"))
ready_timeout = float(os.environ.get("READY_TIMEOUT", "300"))
TCK = os.sysconf("SC_CLK_TCK")
GATEWAY = int(os.environ["FLEET_GATEWAY_PORT"])
SERVICES = {
    # name: (jar name, readiness port, readiness path)
    "users": ("users-service-", int(os.environ["FLEET_USERS_PORT"]), "/actuator/health/readiness"),
    "inventory": ("inventory-service-", int(os.environ["FLEET_INVENTORY_PORT"]), "/actuator/health/readiness"),
    "orders": ("orders-service-", int(os.environ["FLEET_ORDERS_PORT"]), "/actuator/health/readiness"),
    "gateway": ("gateway-", GATEWAY, "/healthz"),
}


def uptime():
    with open("/proc/uptime") as f:
        return float(f.read().split()[0])


def started_at(pid):
    """Seconds since boot at which the process started."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[19]) / TCK


def status(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) // 1024  # MB
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def find_pids():
    """The services' JVMs (not AOT training runs nor jar extractions) whose command line names the data dir."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                args = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue
        if not args or not args[0].endswith("java") or "-jar" not in args:
            continue
        if any(a.startswith("-XX:AOTCacheOutput") or a.startswith("-Djarmode") or a.startswith("-XX:AOTMode") for a in args):
            continue
        jar = args[args.index("-jar") + 1] if args.index("-jar") + 1 < len(args) else ""
        if not jar.startswith(data_dir):
            continue
        base = os.path.basename(jar)
        for name, (prefix, _, _) in SERVICES.items():
            if base.startswith(prefix):
                found[name] = (int(entry), any(a.startswith("-XX:AOTCache=") for a in args))
    return found


def ready(port, path):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        c.request("GET", path)
        ok = c.getresponse().status == 200
        c.close()
        return ok
    except OSError:
        return False


results = {name: {} for name in SERVICES}
deadline = time.time() + ready_timeout
while time.time() < deadline and any("ready_s" not in r for r in results.values()):
    pids = find_pids()
    for name, (pid, cached) in pids.items():
        r = results[name]
        if "ready_s" in r:
            continue
        if r.get("pid") != pid:  # first seen, or restarted
            r.clear()
            r.update(pid=pid, aot_cache=cached, start=started_at(pid))
        if ready(SERVICES[name][1], SERVICES[name][2]):
            r["ready_s"] = round(uptime() - r["start"], 2)
            r["rss_ready_mb"] = status(pid, "VmRSS")
    time.sleep(0.05)
missing = [n for n, r in results.items() if "ready_s" not in r]
if missing:
    print(json.dumps({"label": label, "error": "not ready within %d s: %s" % (ready_timeout, missing)}))
    sys.exit(1)

# Spring Boot's own figure: "Started X in A seconds (process running for B)"
up_deadline = time.time() + ready_timeout
while time.time() < up_deadline:
    with open(log_path, errors="replace") as f:
        text = f.read()
    if "Orderfleet is up" in text:
        break
    time.sleep(0.5)
else:
    print(json.dumps({"label": label, "error": "no 'Orderfleet is up' (demo data not loaded?)"}))
    sys.exit(1)
for name in SERVICES:
    m = re.findall(r"^\S*" + name + r"\s*\S*\|.*Started \w+ in ([0-9.]+) seconds \(process running for ([0-9.]+)\)",
                   text, re.M)
    if m:
        results[name]["boot_started_s"] = float(m[-1][0])
        results[name]["boot_process_s"] = float(m[-1][1])

# The load: the demo shopper through the gateway.
secrets = dict(line.strip().split("=", 1) for line in open(os.path.join(data_dir, "secrets.properties"))
               if "=" in line and not line.startswith("#"))


def call(conn, method, path, token=None, body=None, headers=None):
    h = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data


counts = {}
lock = threading.Lock()
remaining = [requests_total]


def take():
    with lock:
        if remaining[0] <= 0:
            return False
        remaining[0] -= 1
        return True


def count(s):
    with lock:
        counts[s] = counts.get(s, 0) + 1


def client():
    conn = http.client.HTTPConnection("127.0.0.1", GATEWAY, timeout=30)
    if not take():
        return
    s, data = call(conn, "POST", "/api/v1/auth/login",
                   body={"email": "shopper@orderfleet.local", "password": secrets["shopper.password"]})
    count(s)
    token = json.loads(data)["accessToken"]
    skus = []
    step = 0
    while take():
        try:
            if step % 4 == 0 or not skus:
                s, data = call(conn, "GET", "/api/v1/inventory/items?size=20&inStock=true", token)
                if s == 200:
                    skus = re.findall(r'"sku"\s*:\s*"([^"]+)"', data.decode())
            elif step % 4 == 1:
                s, _ = call(conn, "GET", "/api/v1/inventory/items/" + skus[step % len(skus)], token)
            elif step % 4 == 2:
                s, _ = call(conn, "POST", "/api/v1/orders", token, {"items": [{"sku": skus[step % len(skus)], "qty": 1}]},
                            {"Idempotency-Key": str(uuid.uuid4())})
            else:
                s, _ = call(conn, "GET", "/api/v1/orders?size=5", token)
        except (OSError, http.client.HTTPException):
            s = -1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", GATEWAY, timeout=30)
        count(s)
        step += 1


pids = {name: r["pid"] for name, r in results.items()}
peak = {name: 0 for name in SERVICES}
threads = [threading.Thread(target=client) for _ in range(clients)]
load_start = time.time()
for t in threads:
    t.start()
while any(t.is_alive() for t in threads):
    for name, pid in pids.items():
        peak[name] = max(peak[name], status(pid, "VmRSS") or 0)
    time.sleep(0.25)
load_seconds = time.time() - load_start
for name, pid in pids.items():
    r = results[name]
    r["rss_load_peak_mb"] = max(peak[name], status(pid, "VmRSS") or 0)
    r["rss_after_mb"] = status(pid, "VmRSS")
    r["hwm_mb"] = status(pid, "VmHWM")
    r.pop("start", None)
print(json.dumps({"label": label, "services": results, "load": {"requests": sum(counts.values()),
                  "clients": clients, "seconds": round(load_seconds, 1), "statuses": counts}}))
