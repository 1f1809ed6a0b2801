#!/usr/bin/python3
"""A bulk import into Odoo with the G-Assistant connector on and off: what it costs Odoo, and how
soon every event is in the hub.

Usage (from the repository root, against a throw-away Odoo database where g_assistant_connector
is installed, never production — it creates LEADS x (2 x ROUNDS + 1) leads, which it leaves, and
changes the connector's settings):
  /usr/bin/python3 bench/odoo-addon-import/bench.py [--real-hub] URL DATABASE LOGIN PASSWORD [LEADS] [ROUNDS]
  e.g. /usr/bin/python3 bench/odoo-addon-import/bench.py http://127.0.0.1:28119 t19_me_bench admin admin 1000 5

Each round creates LEADS leads in one `create` call over JSON-RPC, once with the connector off
(its switch in Settings off: the module then records nothing, as if it were not installed but
for one method call per create) and once on, alternating, the order swapped every round. Before
each timed create, one lead is created untimed: turning the switch on changes a system
parameter, which empties Odoo's caches (about 1 s on the next create), and only the imports
with the connector on would pay for it otherwise. With
it on, the events go to a hub double on 127.0.0.1 (odoo-addon/g_assistant_connector/tests/
hub_double.py, which checks every signature) and the round waits until all of them arrived.
Prints the mean import time off and on, their ratio (issue 15: at most 1.10), and the time from
the end of the import to the last event in the hub (issue 23: 5,000 within 30 s). Standard
library only. Note `uptime` beside the figures: the machine may be shared.

--real-hub: the events go to the real hub instead of the double. The script builds
src/GAssistant.Hub in Release (`dotnet` on PATH) and starts it on 127.0.0.1 with a fresh SQLite
database in a temporary folder, configured by environment variables only (Odoo:WebhookSecret
set to the secret it gives the addon; no Odoo connection, so no reconciliation pull). An event
is in the hub when the hub answered 2xx, i.e. its row is in the hub's inbox (table inbox_events, read
with sqlite3, read-only); the script also waits until the inbox worker applied every one of
the round's leads to the replica (table leads) and prints that time too. The folder is removed at the
end.

Last figures (2026-12-08 01:11-01:44 UTC, Odoo 19, load average 21-56 on the 2 cores from other
benchmarks and builds; `uptime` 37.6 at the start, 21.2 at the end):
  /usr/bin/python3 bench/odoo-addon-import/bench.py --real-hub http://127.0.0.1:8019 bench19 admin admin 5000 3
  round 1: off 224.21 s, on 229.91 s, all in the hub 24.28 s after the import, applied to the replica 26.40 s after
  round 2: off 156.29 s, on 212.59 s, all in the hub 22.88 s after the import, applied to the replica 22.91 s after
  round 3: off 191.71 s, on 184.99 s, all in the hub 29.46 s after the import, applied to the replica 29.69 s after
  5000 leads in one create, 3 rounds, real hub: connector off 190.74 s, on 209.16 s (mean)
  every event in the hub 25.54 s after the import (mean; max 29.46 s)
  every lead applied to the hub's replica 26.33 s after the import (mean; max 29.69 s)
  ratio on/off: 1.10
"""
import importlib.util
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ARGS = [a for a in sys.argv[1:] if a != "--real-hub"]
REAL_HUB = len(ARGS) < len(sys.argv) - 1
URL, DB, LOGIN, PASSWORD = ARGS[0:4]
LEADS = int(ARGS[4]) if len(ARGS) > 4 else 1000
ROUNDS = int(ARGS[5]) if len(ARGS) > 5 else 5
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
ADDON = os.path.join(ROOT, "odoo-addon", "g_assistant_connector")
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


class DoubleHub:
    """The hub double: every request it got, its signature checked."""

    def __init__(self, secret):
        self.double = HubDouble(lambda i, t, b, s: signing.verify(secret, i, t, b, s)).start()
        self.url = self.double.url

    def mark(self):
        self.double.received.clear()

    def stored(self, round_no):
        return sum(1 for r in self.double.received if r["json"]["event"] == "lead_created")

    def applied(self, round_no):
        return None  # the double applies nothing

    def check(self):
        if not all(r["valid"] for r in self.double.received):
            raise RuntimeError("an event arrived with a wrong signature")

    def stop(self):
        self.double.stop()


class RealHub:
    """src/GAssistant.Hub, Release build, on a fresh SQLite database; it refuses (401) what is
    not signed with the secret, so whatever is in its inbox was signed right."""

    def __init__(self, secret):
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q",
                        os.path.join(ROOT, "src", "GAssistant.Hub")],
                       check=True, stdout=subprocess.DEVNULL)
        self.folder = tempfile.mkdtemp(prefix="odoo-addon-import-bench-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        base = "http://127.0.0.1:%d" % port
        self.url = base + "/api/webhook/odoo"
        env = dict(os.environ, ASPNETCORE_URLS=base, Hub__DataPath=self.folder,
                   Odoo__WebhookSecret=secret, Odoo__SyncInterval="00:00:00",
                   Auth__AdminPassword="Bench-admin-0123", Logging__LogLevel__Default="Warning")
        self.process = subprocess.Popen(
            ["dotnet", os.path.join(ROOT, "src/GAssistant.Hub/bin/Release/net10.0/GAssistant.Hub.dll")],
            cwd=self.folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.db = None
        try:
            self._wait_until_up(base)
            self.db = sqlite3.connect("file:%s?mode=ro" % os.path.join(self.folder, "hub.db"),
                                      uri=True, timeout=30)
        except BaseException:
            self.stop()
            raise
        self.base = 0

    def _wait_until_up(self, base):
        for _ in range(240):
            if self.process.poll() is not None:
                raise RuntimeError("the hub exited with %s" % self.process.returncode)
            try:
                urllib.request.urlopen(base + "/health", timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("the hub did not answer /health in 2 minutes")

    def _count(self, sql, *params):
        return self.db.execute(sql, params).fetchone()[0]

    def mark(self):
        self.base = self._count("SELECT COALESCE(MAX(id), 0) FROM inbox_events")

    def stored(self, round_no):
        return self._count("SELECT COUNT(*) FROM inbox_events WHERE source = 'odoo' "
                           "AND event_type = 'lead_created' AND id > ?", self.base)

    def applied(self, round_no):
        return self._count("SELECT COUNT(*) FROM leads WHERE name LIKE ?",
                           "bench import %d-%%" % round_no)

    def check(self):
        pass

    def stop(self):
        if self.db is not None:
            self.db.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


secret = signing.generate_secret()
hub = (RealHub if REAL_HUB else DoubleHub)(secret)


def wait_for(what, count, since, needed=LEADS):
    while count() < needed:
        if time.perf_counter() - since > 300:
            raise RuntimeError("%s: %d of %d events in 5 minutes" % (what, count(), needed))
        time.sleep(0.05)
    return time.perf_counter() - since


def import_leads(enabled, round_no):
    set_param("enabled", str(enabled))
    # A system parameter that changes empties Odoo's caches, and the switch changes before every
    # import with the connector on (never before one with it off): a one-lead create fills them
    # again, so the timed import pays for neither, on or off. Its event is awaited, not counted.
    hub.mark()
    kw("crm.lead", "create", [[{"name": "bench warm-up %d" % round_no}]])
    if enabled:
        wait_for("the warm-up lead in the hub", lambda: hub.stored(round_no),
                 time.perf_counter(), 1)
    hub.mark()
    rows = [{"name": "bench import %d-%d" % (round_no, i), "email_from": "b%d@example.com" % i,
             "expected_revenue": i % 9000, "probability": i % 100} for i in range(LEADS)]
    started = time.perf_counter()
    kw("crm.lead", "create", [rows])
    seconds = time.perf_counter() - started
    delivered = applied = None
    if enabled:
        done = time.perf_counter()
        delivered = wait_for("in the hub", lambda: hub.stored(round_no), done)
        hub.check()
        if hub.applied(round_no) is not None:
            applied = wait_for("applied to the replica", lambda: hub.applied(round_no), done)
    set_param("enabled", "False")
    return seconds, delivered, applied


off, on, delivery, replica = [], [], [], []
try:
    set_param("hub_url", hub.url)
    set_param("secret", secret)
    set_param("send_leads", "True")
    import_leads(True, -1)  # warm-up: caches, the sender thread, the hub double
    for round_no in range(ROUNDS):
        order = (False, True) if round_no % 2 == 0 else (True, False)
        for enabled in order:
            seconds, delivered, applied = import_leads(enabled, round_no)
            (on if enabled else off).append(seconds)
            if delivered is not None:
                delivery.append(delivered)
            if applied is not None:
                replica.append(applied)
        print("round %d: off %.2f s, on %.2f s, all in the hub %.2f s after the import%s"
              % (round_no + 1, off[-1], on[-1], delivery[-1],
                 ", applied to the replica %.2f s after" % replica[-1] if replica else ""),
              file=sys.stderr)
finally:
    set_param("enabled", "False")
    hub.stop()

print("%d leads in one create, %d rounds, %s: connector off %.2f s, on %.2f s (mean)"
      % (LEADS, ROUNDS, "real hub" if REAL_HUB else "hub double", statistics.mean(off),
         statistics.mean(on)))
print("every event in the hub %.2f s after the import (mean; max %.2f s)"
      % (statistics.mean(delivery), max(delivery)))
if replica:
    print("every lead applied to the hub's replica %.2f s after the import (mean; max %.2f s)"
          % (statistics.mean(replica), max(replica)))
print("ratio on/off: %.2f" % (statistics.mean(on) / statistics.mean(off)))
