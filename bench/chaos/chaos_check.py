#!/usr/bin/env python3
"""Fleet-level check of BRIEF invariants 1-4 and 7 under crashes.

Shoppers place and cancel orders through the gateway (retrying with the same Idempotency-Key, as a
real client does) while each service in turn is killed with SIGKILL and restarted by the local runner.
After the load stops and the fleet settles (reconciliation, release retries), every SKU must satisfy
    available >= 0,  available + reserved == initial stock,
    reserved == units of the orders that are CONFIRMED,
and one Idempotency-Key must never have produced two orders.

Usage: chaos_check.py <gateway-url> <fleet-data-dir> [seconds-between-kills]
Stdlib only. Prints a table, writes bench/results/chaos.md, exits 1 when an invariant is broken.
"""
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict

GATEWAY, DATA = sys.argv[1], sys.argv[2]
GAP = float(sys.argv[3]) if len(sys.argv) > 3 else 8.0
SKUS = 8
INITIAL = 3000
CLIENTS = 8
LIVE = {"CONFIRMED"}


def call(method, path, token=None, body=None, headers=None, timeout=10):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(GATEWAY + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw) if raw else None
        except ValueError:
            return e.code, None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return -1, None


def secret(name):
    with open(os.path.join(DATA, "secrets.properties")) as f:
        for line in f:
            if line.startswith(name + "="):
                return line.split("=", 1)[1].strip()
    raise SystemExit("no " + name + " in secrets.properties")


def login(email, password):
    status, body = call("POST", "/api/v1/auth/login", body={"email": email, "password": password})
    if status != 200:
        raise SystemExit(f"login of {email} failed: {status} {body}")
    return body["accessToken"]


def healthy():
    status, _ = call("GET", "/healthz", timeout=3)
    return status == 200


def wait_healthy(limit=120):
    deadline = time.time() + limit
    while time.time() < deadline:
        if healthy():
            return True
        time.sleep(0.5)
    return False


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.ids_by_key = defaultdict(set)
        self.keys_by_user = defaultdict(int)

    def add(self, what, n=1):
        with self.lock:
            self.counts[what] += n


def shopper(n, stop, stats, skus):
    email = f"chaos-{uuid.uuid4()}@example.test"
    for _ in range(20):
        status, body = call("POST", "/api/v1/auth/register",
                            body={"name": f"Chaos {n}", "email": email, "password": "chaos-password-1"})
        if status in (200, 201):
            break
        time.sleep(1)
    else:
        raise SystemExit("could not register a shopper")
    token, user = body["accessToken"], body["user"]["id"]
    rnd = random.Random(n)
    while not stop.is_set():
        lines = [{"sku": s, "qty": rnd.randint(1, 3)} for s in rnd.sample(skus, rnd.randint(1, 3))]
        key = str(uuid.uuid4())
        with stats.lock:
            stats.keys_by_user[user] += 1
        order = None
        for attempt in range(6):
            status, body = call("POST", "/api/v1/orders", token, {"items": lines}, {"Idempotency-Key": key})
            if status in (200, 201):
                with stats.lock:
                    stats.ids_by_key[key].add(body["id"])
                order = body
                stats.add("orders answered " + body["status"])
                break
            if status in (409, 422):
                stats.add(f"orders refused {status}")
                break
            if status == 401:
                token = login(email, "chaos-password-1")
            stats.add("retried (503, 5xx or no answer)")
            time.sleep(0.3 * (attempt + 1))
        if order and order["status"] == "CONFIRMED" and rnd.random() < 0.5:
            for attempt in range(6):
                status, _ = call("POST", f"/api/v1/orders/{order['id']}/cancel", token, {})
                if status in (200, 409):
                    stats.add("cancels answered")
                    break
                time.sleep(0.3 * (attempt + 1))


def kill(module):
    pids = subprocess.run(["pgrep", "-f", os.path.join(DATA, "jars", module)], capture_output=True, text=True).stdout.split()
    for pid in pids:
        os.kill(int(pid), signal.SIGKILL)
    return len(pids)


def all_orders(admin):
    orders, page = [], 0
    while True:
        status, body = call("GET", f"/api/v1/orders?page={page}&size=100", admin, timeout=30)
        if status != 200:
            raise SystemExit(f"listing orders failed: {status} {body}")
        orders += body["content"]
        if page + 1 >= body["page"]["totalPages"]:
            return orders
        page += 1


def check(admin, skus, stats):
    problems = []
    orders = all_orders(admin)
    held = Counter()
    for o in orders:
        if o["status"] in LIVE:
            for i in o["items"]:
                held[i["sku"]] += i["qty"]
    rows = []
    for sku in skus:
        status, item = call("GET", f"/api/v1/inventory/items/{sku}", admin)
        if status != 200:
            problems.append(f"{sku}: read failed {status}")
            continue
        ok = item["available"] >= 0 and item["available"] + item["reserved"] == INITIAL and item["reserved"] == held[sku]
        rows.append((sku, item["available"], item["reserved"], held[sku], "ok" if ok else "BROKEN"))
        if not ok:
            problems.append(f"{sku}: available {item['available']} + reserved {item['reserved']} vs initial {INITIAL},"
                            f" held by confirmed orders {held[sku]}")
    pending = [o["id"] for o in orders if o["status"] == "PENDING"]
    if pending:
        problems.append(f"{len(pending)} orders still PENDING")
    doubles = {k: v for k, v in stats.ids_by_key.items() if len(v) > 1}
    if doubles:
        problems.append(f"{len(doubles)} Idempotency-Keys answered with more than one order")
    per_user = Counter(o["userId"] for o in orders)
    for user, n in per_user.items():
        if user in stats.keys_by_user and n > stats.keys_by_user[user]:
            problems.append(f"user {user} has {n} orders from {stats.keys_by_user[user]} keys")
    return rows, problems, Counter(o["status"] for o in orders)


def main():
    admin = login("admin@orderfleet.local", secret("admin.password"))
    run = uuid.uuid4().hex[:6].upper()
    skus = [f"CHAOS-{run}-{i}" for i in range(SKUS)]
    for sku in skus:
        status, body = call("POST", "/api/v1/inventory/items", admin,
                            {"sku": sku, "name": "Chaos " + sku, "priceCents": 500, "available": INITIAL})
        if status != 201:
            raise SystemExit(f"could not create {sku}: {status} {body}")
    stats, stop = Stats(), threading.Event()
    workers = [threading.Thread(target=shopper, args=(n, stop, stats, skus), daemon=True) for n in range(CLIENTS)]
    for w in workers:
        w.start()
    kills = []
    for module in ["inventory-service", "orders-service", "users-service", "gateway", "orders-service"]:
        time.sleep(GAP)
        started = time.time()
        killed = kill(module)
        back = wait_healthy()
        kills.append((module, killed, round(time.time() - started, 1), back))
        print(f"killed {module} ({killed} process); fleet healthy again after {kills[-1][2]} s", flush=True)
    time.sleep(GAP)
    stop.set()
    for w in workers:
        w.join(60)
    settle_started = time.time()
    rows, problems = [], ["not checked"]
    while time.time() - settle_started < 180:
        admin = login("admin@orderfleet.local", secret("admin.password"))
        rows, problems, by_status = check(admin, skus, stats)
        if not problems:
            break
        print(f"settling ({round(time.time() - settle_started)} s): " + "; ".join(problems), flush=True)
        time.sleep(5)
    settled = round(time.time() - settle_started)

    out = ["# Chaos check: crashes during order traffic", "",
           f"Run {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, {CLIENTS} shoppers, {SKUS} SKUs of {INITIAL} units,"
           f" one service killed with SIGKILL every {GAP:g} s (the local runner restarts it).", "",
           "| killed | processes | healthy again after (s) |", "|---|---:|---:|"]
    out += [f"| {m} | {k} | {t}{'' if b else ' (NOT healthy)'} |" for m, k, t, b in kills]
    out += ["", "| client outcome | count |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in sorted(stats.counts.items())]
    out += ["", "| order status after settling | count |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in sorted(by_status.items())] if rows else []
    out += ["", f"Settled (checks passing) {settled} s after the load stopped.", "",
            "| SKU | available | reserved | held by confirmed orders | available + reserved = initial, reserved = held |",
            "|---|---:|---:|---:|---|"]
    out += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |" for r in rows]
    out += ["", "Verdict: " + ("all invariants hold" if not problems else "BROKEN: " + "; ".join(problems))]
    text = "\n".join(out) + "\n"
    print(text)
    os.makedirs("bench/results", exist_ok=True)
    with open("bench/results/chaos.md", "w") as f:
        f.write(text)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
