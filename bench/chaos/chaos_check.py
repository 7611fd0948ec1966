#!/usr/bin/env python3
"""Fleet-level check of invariants 1-4, 6 and 7 (docs/invariants.md) under failures.

Shoppers place and cancel orders through the gateway (retrying with the same Idempotency-Key, as a
real client does, except after a 503 that names the order it rejected: then with a new key) while faults are injected one after another into a local fleet (./fleet):
    kill <service>  SIGKILL a service JVM (the local runner restarts it)
    kill postgres   SIGKILL the PostgreSQL server and its backends: all three databases at once
                    (the local runner restarts it on the same data directory)
    kill redis      SIGKILL Redis (restarted the same way)
    stall <service> SIGSTOP a service for a while, then SIGCONT (a freeze, not a crash)
and during the whole run an abuser sends malformed bodies and oversized headers.

After each fault the load stops and the fleet settles (reconciliation, release retries); then every
SKU must satisfy
    available >= 0,  available + reserved == initial stock,
    reserved == units of the orders that are CONFIRMED,
no order may stay PENDING, one Idempotency-Key must never have produced two orders, and no request
of the whole run may have been answered 500 (nor a malformed one 2xx).

Usage: chaos_check.py <gateway-url> <fleet-data-dir> <full|smoke>
Env:   GAP (seconds of traffic before each fault, 8 full / 3 smoke), STALL (seconds, 10 full / 6 smoke),
       FLEET_REDIS_PORT (to find Redis), CHAOS_RESULT (file for the table; bench/results/chaos.md for
       full runs, none for smoke).
Stdlib only. Prints a table, exits 1 when an invariant is broken.
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
MODE = sys.argv[3] if len(sys.argv) > 3 else "full"
SMOKE = MODE == "smoke"
GAP = float(os.environ.get("GAP", "3" if SMOKE else "8"))
STALL = float(os.environ.get("STALL", "6" if SMOKE else "10"))
REDIS_PORT = os.environ.get("FLEET_REDIS_PORT", "16379")
RESULT = os.environ.get("CHAOS_RESULT", "" if SMOKE else "bench/results/chaos.md")
SKUS = 8
INITIAL = 3000
CLIENTS = 4 if SMOKE else 8
LIVE = {"CONFIRMED"}
TIMEOUT = 15  # above the gateway's route timeout (6 s, then 504) and its 10 s backstop: "no answer" means a real hang

FULL_FAULTS = [("kill", "inventory-service"), ("kill", "orders-service"), ("kill", "users-service"),
               ("kill", "gateway"), ("kill", "postgres"), ("kill", "redis"),
               ("stall", "orders-service"), ("stall", "inventory-service")]
# the smoke kills the gateway, the service that restarts fastest, to stay within its time budget
SMOKE_FAULTS = [("kill", "gateway"), ("kill", "postgres"), ("stall", "inventory-service")]


def call(method, path, token=None, body=None, headers=None, timeout=TIMEOUT, raw_body=None):
    data = raw_body if raw_body is not None else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(GATEWAY + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            try:
                return r.status, json.loads(raw) if raw else None
            except ValueError:
                return r.status, None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw) if raw else None
        except ValueError:
            return e.code, None
    except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, ConnectionRefusedError):
            return -2, None
        if isinstance(reason, (TimeoutError, urllib.error.URLError)) and "timed out" in str(reason) \
                or isinstance(reason, TimeoutError):
            return -1, None
        return -3, None


def secret(name):
    with open(os.path.join(DATA, "secrets.properties")) as f:
        for line in f:
            if line.startswith(name + "="):
                return line.split("=", 1)[1].strip()
    raise SystemExit("no " + name + " in secrets.properties")


def login(email, password):
    for _ in range(60):
        status, body = call("POST", "/api/v1/auth/login", body={"email": email, "password": password})
        if status == 200:
            return body["accessToken"]
        time.sleep(1)
    raise SystemExit(f"login of {email} failed: {status} {body}")


def label(status):
    return {-1: "no answer within %d s" % TIMEOUT, -2: "connection refused",
            -3: "connection reset"}.get(status, str(status))


class Stats:
    """What clients saw: every non-2xx answer by status, per fault, and the orders per key."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phase = "setup"
        self.failed = defaultdict(Counter)   # phase -> status -> count
        self.counts = Counter()
        self.ids_by_key = defaultdict(set)
        self.keys_by_user = defaultdict(int)
        self.abuse = Counter()
        self.abuse_accepted = []

    def answer(self, status):
        with self.lock:
            self.counts["requests"] += 1
            if not 200 <= status < 300:
                self.failed[self.phase][label(status)] += 1

    def add(self, what, n=1):
        with self.lock:
            self.counts[what] += n


def register(n):
    email = f"chaos-{uuid.uuid4()}@example.test"
    for _ in range(30):
        status, body = call("POST", "/api/v1/auth/register",
                            body={"name": f"Chaos {n}", "email": email, "password": "chaos-password-1"})
        if status in (200, 201):
            return {"email": email, "token": body["accessToken"], "id": body["user"]["id"]}
        time.sleep(1)
    raise SystemExit("could not register a shopper")


def shopper(n, me, stop, stats, skus):
    rnd = random.Random(f"{n}-{time.time()}")
    while not stop.is_set():
        lines = [{"sku": s, "qty": rnd.randint(1, 3)} for s in rnd.sample(skus, rnd.randint(1, 3))]
        key = str(uuid.uuid4())
        with stats.lock:
            stats.keys_by_user[me["id"]] += 1
        order = None
        for attempt in range(8):
            if attempt and stop.is_set():
                break  # the phase is over: give up rather than hold the settling up with retries
            status, body = call("POST", "/api/v1/orders", me["token"], {"items": lines}, {"Idempotency-Key": key})
            stats.answer(status)
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
                me["token"] = login(me["email"], "chaos-password-1")
            if status == 503 and isinstance(body, dict) and body.get("orderId"):
                # orders-service rejected this attempt's order and named it: the key now answers that
                # order, so the next try is a new attempt with a new key (as the SPA does)
                key = str(uuid.uuid4())
                with stats.lock:
                    stats.keys_by_user[me["id"]] += 1
                stats.add("retries (new Idempotency-Key after a 503 naming the rejected order)")
            else:
                stats.add("retries (same Idempotency-Key)")
            time.sleep(0.3 * (attempt + 1))
        if order is None:
            stats.add("orders given up by the client")
        if order and order["status"] == "CONFIRMED" and rnd.random() < 0.5:
            for attempt in range(8):
                if attempt and stop.is_set():
                    break
                status, _ = call("POST", f"/api/v1/orders/{order['id']}/cancel", me["token"], {})
                stats.answer(status)
                if status in (200, 409):
                    stats.add("cancels answered")
                    break
                time.sleep(0.3 * (attempt + 1))


def abuser(stop, stats, token, admin):
    """Malformed bodies and oversized headers: each must get a 4xx (or a 503 while its service is down)."""
    attempts = [
        ("POST", "/api/v1/orders", token, b'{"items": [', None),
        ("POST", "/api/v1/orders", token, b'{"items": "lots"}', {"Idempotency-Key": "not-a-uuid-" + "x" * 300}),
        ("POST", "/api/v1/orders", token, b'\x00\xff\xfe garbage', None),
        ("POST", "/api/v1/inventory/items", admin, b'{"sku": 12, "priceCents": "free", "available": -5}', None),
        ("POST", "/api/v1/auth/login", None, b'{"email": ["x"], "password": {}}', None),
        ("POST", "/api/v1/auth/register", None, b'[1, 2, 3]', None),
        ("GET", "/api/v1/orders", token, None, {"X-Junk": "j" * 40_000}),
        ("GET", "/api/v1/inventory/items", None, None, {"Authorization": "Bearer " + "a" * 20_000}),
        ("PATCH", "/api/v1/inventory/items/NOPE", admin, b'{"priceCents": -1}', {"If-Match": "\"x\"" * 2000}),
    ]
    i = 0
    while not stop.is_set():
        method, path, tok, body, headers = attempts[i % len(attempts)]
        i += 1
        status, _ = call(method, path, tok, headers=headers, raw_body=body if body is not None else
                         (b"" if method in ("POST", "PATCH") else None))
        with stats.lock:
            stats.abuse[label(status)] += 1
            if 200 <= status < 300:
                stats.abuse_accepted.append(f"{method} {path} -> {status}")
        time.sleep(0.3)


def pids_of(module):
    return [int(p) for p in subprocess.run(["pgrep", "-f", os.path.join(DATA, "jars", module)],
                                           capture_output=True, text=True).stdout.split()]


def postgres_pids():
    try:
        with open(os.path.join(DATA, "postgres", "postmaster.pid")) as f:
            postmaster = int(f.readline().strip())
    except (OSError, ValueError):
        return []
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster] + [int(c) for c in children]


def redis_pids():
    out = subprocess.run(["pgrep", "-af", "redis-server"], capture_output=True, text=True).stdout.splitlines()
    # Redis rewrites its process title to "<binary> <bind>:<port>"
    return [int(line.split()[0]) for line in out
            if line.endswith(f":{REDIS_PORT}") or line.endswith(f"--port {REDIS_PORT}")]


def signal_all(pids, sig):
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
    return len(pids)


def inject(kind, target):
    """Injects the fault; returns the processes hit and how long the fault itself lasted."""
    if kind == "kill":
        pids = postgres_pids() if target == "postgres" else redis_pids() if target == "redis" else pids_of(target)
        return signal_all(pids, signal.SIGKILL), 0.0
    pids = pids_of(target)
    signal_all(pids, signal.SIGSTOP)
    time.sleep(STALL)
    signal_all(pids, signal.SIGCONT)
    return len(pids), STALL


def fleet_works(admin):
    """The fleet serves again: every service ready, and the catalog and the orders answer through the gateway."""
    if call("GET", "/healthz", timeout=3)[0] != 200:
        return False
    return (call("GET", "/api/v1/inventory/items?size=1", admin, timeout=3)[0] == 200
            and call("GET", "/api/v1/orders?size=1", admin, timeout=3)[0] == 200)


def wait_until_works(admin, limit=180):
    deadline = time.time() + limit
    while time.time() < deadline:
        if fleet_works(admin):
            return True
        time.sleep(0.5)
    return False


def all_orders(admin):
    orders, page = [], 0
    while True:
        status, body = call("GET", f"/api/v1/orders?page={page}&size=100", admin, timeout=30)
        if status != 200:
            raise RuntimeError(f"listing orders failed: {status}")
        orders += body["content"]
        if page + 1 >= body["page"]["totalPages"]:
            return orders
        page += 1


def check(admin, skus, stats):
    problems = []
    try:
        orders = all_orders(admin)
    except RuntimeError as e:
        return [], [str(e)], Counter()
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
    with stats.lock:
        doubles = {k: v for k, v in stats.ids_by_key.items() if len(v) > 1}
        keys_by_user = dict(stats.keys_by_user)
    if doubles:
        problems.append(f"{len(doubles)} Idempotency-Keys answered with more than one order")
    for user, n in Counter(o["userId"] for o in orders).items():
        if user in keys_by_user and n > keys_by_user[user]:
            problems.append(f"user {user} has {n} orders from {keys_by_user[user]} keys")
    return rows, problems, Counter(o["status"] for o in orders)


def settle(skus, stats, limit=120):
    started = time.time()
    rows, problems, by_status = [], ["not checked"], Counter()
    admin = login("admin@orderfleet.local", secret("admin.password"))
    while time.time() - started < limit:
        rows, problems, by_status = check(admin, skus, stats)
        if not problems:
            break
        print(f"   settling ({round(time.time() - started)} s): " + "; ".join(problems[:3]), flush=True)
        time.sleep(1)
    return rows, problems, by_status, round(time.time() - started, 1)


LOAD_AT_START = os.getloadavg()[0]


def main():
    run_started = time.time()
    admin = login("admin@orderfleet.local", secret("admin.password"))
    run = uuid.uuid4().hex[:6].upper()
    skus = [f"CHAOS-{run}-{i}" for i in range(SKUS)]
    for sku in skus:
        status, body = call("POST", "/api/v1/inventory/items", admin,
                            {"sku": sku, "name": "Chaos " + sku, "priceCents": 500, "available": INITIAL})
        if status != 201:
            raise SystemExit(f"could not create {sku}: {status} {body}")
    shoppers = [register(n) for n in range(CLIENTS)]
    stats = Stats()
    stop_abuse = threading.Event()
    abuse = threading.Thread(target=abuser, args=(stop_abuse, stats, shoppers[0]["token"], admin), daemon=True)
    abuse.start()

    results, violations = [], []
    for kind, target in (SMOKE_FAULTS if SMOKE else FULL_FAULTS):
        name = f"{kind} {target}"
        with stats.lock:
            stats.phase = name
        stop = threading.Event()
        workers = [threading.Thread(target=shopper, args=(n, me, stop, stats, skus), daemon=True)
                   for n, me in enumerate(shoppers)]
        for w in workers:
            w.start()
        time.sleep(GAP)
        started = time.time()
        hit, lasted = inject(kind, target)
        works = wait_until_works(admin)
        healed = round(time.time() - started, 1)
        time.sleep(GAP / 2)  # traffic on the healed fleet
        stop.set()
        stopping = time.time()
        for w in workers:
            w.join(90)
        stopped = round(time.time() - stopping, 1)
        rows, problems, by_status, settled = settle(skus, stats)
        phase_total = round(time.time() - started + GAP, 1)
        if hit == 0:
            problems = [f"no process found for {target}"] + problems
        if not works:
            problems = [f"the fleet did not work again within 180 s after {name}"] + problems
        with stats.lock:
            failed = dict(stats.failed[name])
        if failed.get("500"):
            problems.append(f"{failed['500']} requests answered 500")
        results.append((name, hit, lasted, healed, failed, settled, "ok" if not problems else "BROKEN"))
        violations += [f"{name}: {p}" for p in problems]
        print(f"{name}: {hit} process(es); fleet working again after {healed} s; failed requests "
              f"{failed or 'none'}; shoppers stopped in {stopped} s; settled in {settled} s; phase took {phase_total} s;"
              f" {'ok' if not problems else 'BROKEN: ' + '; '.join(problems)}", flush=True)
        admin = login("admin@orderfleet.local", secret("admin.password"))

    stop_abuse.set()
    abuse.join(30)
    with stats.lock:
        abuse_counts = dict(stats.abuse)
        accepted = list(stats.abuse_accepted)
        counts = dict(stats.counts)
    if abuse_counts.get("500"):
        violations.append(f"malformed requests: {abuse_counts['500']} answered 500")
    if accepted:
        violations.append(f"malformed requests accepted: {accepted[:3]}")
    total = round(time.time() - run_started)

    out = [f"# Chaos check ({MODE}): failures during order traffic", "",
           f"Run {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}, {total} s after the fleet was up;"
           f" (load average {LOAD_AT_START:.1f} at the start, {os.getloadavg()[0]:.1f} at the end on {os.cpu_count()} CPUs);"
           f" {CLIENTS} shoppers ordering and cancelling, {SKUS} SKUs of {INITIAL} units, {GAP:g} s of traffic"
           f" before each fault, stalls of {STALL:g} s; malformed bodies and oversized headers all along.",
           "'Working again' counts from the start of the fault until /healthz, the catalog and the orders all"
           " answer 200 through the gateway; 'settled' is the time after the load stopped until every check passed.",
           "", "| fault | processes | fault lasted (s) | working again after (s) | failed requests by status |"
           " settled (s) | invariants |", "|---|---:|---:|---:|---|---:|---|"]
    for name, hit, lasted, healed, failed, settled, verdict in results:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(failed.items())) or "none"
        out.append(f"| {name} | {hit} | {lasted:g} | {healed} | {statuses} | {settled} | {verdict} |")
    any500 = sum(f.get("500", 0) for _, _, _, _, f, _, _ in results) + abuse_counts.get("500", 0)
    out += ["", f"Requests answered 500 in the whole run: **{any500}**.", "",
            "| client outcome | count |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in sorted(counts.items())]
    out += ["", "| malformed body / oversized header: answer | count |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in sorted(abuse_counts.items())]
    out += ["", "Stock after the last fault:", "",
            "| SKU | available | reserved | held by confirmed orders | available + reserved = initial, reserved = held |",
            "|---|---:|---:|---:|---|"]
    out += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |" for r in rows]
    out += ["", "| order status after settling | count |", "|---|---:|"]
    out += [f"| {k} | {v} |" for k, v in sorted(by_status.items())]
    out += ["", "Verdict: " + ("all invariants hold" if not violations else "BROKEN: " + "; ".join(violations))]
    text = "\n".join(out) + "\n"
    print(text)
    if RESULT:
        os.makedirs(os.path.dirname(RESULT) or ".", exist_ok=True)
        with open(RESULT, "w") as f:
            f.write(text)
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
