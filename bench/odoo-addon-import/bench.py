#!/usr/bin/python3
"""A bulk import into Odoo with the G-Assistant connector on and off: what it costs Odoo, and how
soon every event is in the hub.

Usage (from the repository root, against a throw-away Odoo database where g_assistant_connector
is installed, never production — it creates LEADS x (2 x ROUNDS + 1) leads, which it leaves, and
changes the connector's settings):
  /usr/bin/python3 bench/odoo-addon-import/bench.py URL DATABASE LOGIN PASSWORD [LEADS] [ROUNDS]
  e.g. /usr/bin/python3 bench/odoo-addon-import/bench.py http://127.0.0.1:28119 t19_me_bench admin admin 1000 5

Each round creates LEADS leads in one `create` call over JSON-RPC, once with the connector off
(its switch in Settings off: the module then records nothing, as if it were not installed but
for one method call per create) and once on, alternating, the order swapped every round. With
it on, the events go to a hub double on 127.0.0.1 (odoo-addon/g_assistant_connector/tests/
hub_double.py, which checks every signature) and the round waits until all of them arrived.
Prints the mean import time off and on, their ratio (issue 15: at most 1.10), and the time from
the end of the import to the last event in the hub (issue 23: 5,000 within 30 s). Standard
library only. Note `uptime` beside the figures: the machine may be shared.
"""
import importlib.util
import json
import os
import statistics
import sys
import time
import urllib.request

URL, DB, LOGIN, PASSWORD = sys.argv[1:5]
LEADS = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
ROUNDS = int(sys.argv[6]) if len(sys.argv) > 6 else 5
ADDON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "odoo-addon",
                     "g_assistant_connector")
PREFIX = "g_assistant_connector."


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ADDON, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


signing = load("bench_signing", "lib/signing.py")
HubDouble = load("bench_hub_double", "tests/hub_double.py").HubDouble


def rpc(service, method, *args):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                       "params": {"service": service, "method": method, "args": list(args)}}).encode()
    request = urllib.request.Request(URL.rstrip("/") + "/jsonrpc", body,
                                     {"Content-Type": "application/json"})
    answer = json.loads(urllib.request.urlopen(request, timeout=600).read())
    if "error" in answer:
        raise RuntimeError(answer["error"]["data"]["message"])
    return answer["result"]


uid = rpc("common", "authenticate", DB, LOGIN, PASSWORD, {})


def kw(model, method, args, kwargs=None):
    return rpc("object", "execute_kw", DB, uid, PASSWORD, model, method, args, kwargs or {})


def set_param(key, value):
    kw("ir.config_parameter", "set_param", [PREFIX + key, value])


secret = signing.generate_secret()
hub = HubDouble(lambda i, t, b, s: signing.verify(secret, i, t, b, s)).start()
set_param("hub_url", hub.url)
set_param("secret", secret)
set_param("send_leads", "True")


def import_leads(enabled, round_no):
    set_param("enabled", str(enabled))
    hub.received.clear()
    rows = [{"name": "bench import %d-%d" % (round_no, i), "email_from": "b%d@example.com" % i,
             "expected_revenue": i % 9000, "probability": i % 100} for i in range(LEADS)]
    started = time.perf_counter()
    kw("crm.lead", "create", [rows])
    seconds = time.perf_counter() - started
    delivered = None
    if enabled:
        done = time.perf_counter()
        while sum(1 for r in hub.received if r["json"]["event"] == "lead_created") < LEADS:
            if time.perf_counter() - done > 300:
                raise RuntimeError("the hub got %d of %d events in 5 minutes"
                                   % (len(hub.received), LEADS))
            time.sleep(0.05)
        delivered = time.perf_counter() - done
        if not all(r["valid"] for r in hub.received):
            raise RuntimeError("an event arrived with a wrong signature")
    set_param("enabled", "False")
    return seconds, delivered


off, on, delivery = [], [], []
try:
    import_leads(True, -1)  # warm-up: caches, the sender thread, the hub double
    for round_no in range(ROUNDS):
        order = (False, True) if round_no % 2 == 0 else (True, False)
        for enabled in order:
            seconds, delivered = import_leads(enabled, round_no)
            (on if enabled else off).append(seconds)
            if delivered is not None:
                delivery.append(delivered)
        print("round %d: off %.2f s, on %.2f s, all in the hub %.2f s after the import"
              % (round_no + 1, off[-1], on[-1], delivery[-1]), file=sys.stderr)
finally:
    set_param("enabled", "False")
    hub.stop()

print("%d leads in one create, %d rounds: connector off %.2f s, on %.2f s (mean)"
      % (LEADS, ROUNDS, statistics.mean(off), statistics.mean(on)))
print("every event in the hub %.2f s after the import (mean; max %.2f s)"
      % (statistics.mean(delivery), max(delivery)))
print("ratio on/off: %.2f" % (statistics.mean(on) / statistics.mean(off)))
