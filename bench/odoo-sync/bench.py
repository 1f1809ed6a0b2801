#!/usr/bin/python3
"""Odoo reconciliation pull: the hub's sync throughput next to the raw speed of the same search_read calls.

Usage (from the repository root, against a demo Odoo, never production — it creates leads):
  /usr/bin/python3 bench/odoo-sync/bench.py URL DATABASE LOGIN PASSWORD [LEADS] [BATCH]
  e.g. /usr/bin/python3 bench/odoo-sync/bench.py http://127.0.0.1:8069 odoo17 admin admin 5000 500

1. Makes sure the database holds at least LEADS crm.lead records (creates "bench lead N" in batches of 500).
2. Raw: pages through every lead (archived included) with search_read, the hub's fields, BATCH per page, over the
   API the hub uses on that server: JSON-2 (POST /json/2/crm.lead/search_read, PASSWORD as bearer API key) where
   GET /web/version answers (Odoo 19 on), JSON-RPC execute_kw before.
3. Hub: builds and starts the hub on a fresh SQLite database with the periodic sync off, runs
   POST /api/odoo/sync and follows the job; counts the leads in the replica.
Prints both in leads per second and their ratio. Standard library only.
"""
import json, os, shutil, subprocess, sys, tempfile, time, urllib.error, urllib.request

URL, DB, LOGIN, PASSWORD = sys.argv[1:5]
LEADS = int(sys.argv[5]) if len(sys.argv) > 5 else 5000
BATCH = int(sys.argv[6]) if len(sys.argv) > 6 else 500
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIELDS = ["name", "partner_name", "contact_name", "email_from", "phone", "type", "active", "stage_id",
          "expected_revenue", "probability", "company_currency", "source_id", "medium_id", "campaign_id",
          "user_id", "team_id", "date_closed", "create_date", "write_date"]
HUB_PORT, API_KEY = 5097, "bench-odoo-sync-key-0123456789"


def post(path, payload, headers=None):
    req = urllib.request.Request(URL.rstrip("/") + path, json.dumps(payload).encode(),
                                 {"Content-Type": "application/json", **(headers or {})})
    return json.loads(urllib.request.urlopen(req, timeout=300).read())


def rpc(service, method, *args):
    answer = post("/jsonrpc", {"jsonrpc": "2.0", "method": "call", "id": 1,
                               "params": {"service": service, "method": method, "args": list(args)}})
    if "error" in answer:
        raise RuntimeError(answer["error"]["data"]["message"])
    return answer["result"]


def has_json2():
    """Odoo 19 on answers GET /web/version (and has JSON-2); older ones answer 404 there."""
    try:
        urllib.request.urlopen(URL.rstrip("/") + "/web/version", timeout=30).read()
        return True
    except urllib.error.HTTPError:
        return False


# The way the hub talks to this Odoo: JSON-2 with the key as bearer token on 19 and later (OdooClient), JSON-RPC
# execute_kw before. JSON-2 names every parameter (create's vals_list, search_read's domain) and takes no positional ones.
JSON2 = has_json2()
if JSON2:
    def kw(model, method, args, kwargs=None):
        names = {"create": ["vals_list"], "search_read": ["domain"], "search_count": ["domain"]}[method]
        return post(f"/json/2/{model}/{method}", {**dict(zip(names, args)), **(kwargs or {})},
                    {"Authorization": f"bearer {PASSWORD}", "X-Odoo-Database": DB})
else:
    uid = rpc("common", "authenticate", DB, LOGIN, PASSWORD, {})
    kw = lambda model, method, args, kwargs=None: rpc("object", "execute_kw", DB, uid, PASSWORD, model, method, args, kwargs or {})
everything = {"context": {"active_test": False}}

have = kw("crm.lead", "search_count", [[]], everything)
while have < LEADS:
    n = min(500, LEADS - have)
    kw("crm.lead", "create", [[{"name": f"bench lead {have + i}", "email_from": f"bench{have + i}@example.com",
                                "expected_revenue": (have + i) % 9000, "probability": (have + i) % 100}
                               for i in range(n)]])
    have += n
    print(f"created leads: {have}", file=sys.stderr)

# Raw: the hub's fields and page size, keyset pages by id, archived included.
started, read, last = time.perf_counter(), 0, 0
while True:
    page = kw("crm.lead", "search_read", [[["id", ">", last]]],
              {"fields": FIELDS, "order": "id asc", "limit": BATCH, "context": {"active_test": False}})
    read += len(page)
    if len(page) < BATCH:
        break
    last = page[-1]["id"]
raw_seconds = time.perf_counter() - started

# Hub: a fresh replica, one POST /api/odoo/sync.
subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", os.path.join(ROOT, "src", "GAssistant.Hub")], check=True,
               stdout=subprocess.DEVNULL)
folder = tempfile.mkdtemp(prefix="odoo-sync-bench-")
env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{HUB_PORT}", ConnectionStrings__Hub=f"Data Source={folder}/hub.db",
           Odoo__Url=URL, Odoo__Database=DB, Odoo__Username=LOGIN, Odoo__ApiKey=PASSWORD, Odoo__SyncInterval="00:00:00",
           Odoo__SyncBatchSize=str(BATCH), Auth__ApiKeys__0=API_KEY, Auth__AdminPassword="Bench-admin-0123", Logging__LogLevel__Default="Warning")
hub = subprocess.Popen(["dotnet", os.path.join(ROOT, "src/GAssistant.Hub/bin/Release/net10.0/GAssistant.Hub.dll")],
                       cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def api(method, path):
    req = urllib.request.Request(f"http://127.0.0.1:{HUB_PORT}{path}", method=method, headers={"Authorization": f"Bearer {API_KEY}"})
    return json.loads(urllib.request.urlopen(req, timeout=600).read())


try:
    for _ in range(120):
        try:
            api("GET", "/health")
            break
        except OSError:
            time.sleep(0.5)
    started = time.perf_counter()
    job = api("POST", "/api/odoo/sync")["job"]
    while job["status"] not in ("succeeded", "failed"):
        time.sleep(0.05)
        job = api("GET", f"/api/jobs/{job['id']}")["job"]
    hub_seconds = time.perf_counter() - started
    if job["status"] != "succeeded":
        sys.exit(f"sync failed: {job['message']}")
    replica = api("GET", "/api/odoo/leads?page_size=1")["total"]
finally:
    hub.terminate()
    hub.wait()
    shutil.rmtree(folder, ignore_errors=True)

raw_rate, hub_rate = read / raw_seconds, replica / hub_seconds
print(f"odoo leads (archived included): {read}, page size {BATCH}, {'JSON-2' if JSON2 else 'JSON-RPC'}")
print(f"raw search_read:  {read} leads in {raw_seconds:.2f} s = {raw_rate:.0f} leads/s")
print(f"hub sync:         {replica} leads in replica in {hub_seconds:.2f} s = {hub_rate:.0f} leads/s ({job['message']})")
print(f"ratio hub/raw:    {hub_rate / raw_rate:.2f}")
