#!/usr/bin/env python3
"""Makes the upgrade fixture of one commit of main (see README.md beside this file).

    tests/GAssistant.Hub.Tests/Data/Upgrades/make_fixture.py COMMIT

Builds that commit's hub from `git archive`, runs it on a new SQLite folder and on a new PostgreSQL
database, fills both through its own webhook endpoint (so the rows are what that release wrote), adds
the rows no endpoint writes (fill.sql), and keeps the result as sqlite.sql and postgres.sql in a folder
named DATE-COMMIT. Needs git, dotnet and Debian's postgresql (initdb, pg_ctl, psql, pg_dump).
"""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[3]

# The test's own made-up credentials (tests/GAssistant.Hub.Tests/Infrastructure/TestSecrets.cs).
WEBHOOK_SECRET = "whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1odWItdGVzdHM="
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "correct horse battery staple"
POLL_KEY = "gah_fixture-maker-only"  # configuration only, never stored

# What the fixture holds; UpgradeTests checks each of these after today's hub starts on it.
EVENTS = [
    ("msg_fixture_1", "lead_created", "2026-11-02T09:00:00", {"id": 101, "name": "استفسار عن الخدمات", "partner_name": "أحمد علي",
     "email_from": "ahmed@example.com", "stage_name": "جديد", "expected_revenue": 50000, "probability": 10,
     "source_id": "Meta", "create_date": "2026-11-02 09:00:00", "write_date": "2026-11-02 09:00:00"}),
    ("msg_fixture_2", "lead_updated", "2026-11-03T10:30:00", {"id": 101, "name": "استفسار عن الخدمات", "partner_name": "أحمد علي",
     "email_from": "ahmed@example.com", "stage_name": "مؤهل", "expected_revenue": 50000, "probability": 75,
     "source_id": "Meta", "create_date": "2026-11-02 09:00:00", "write_date": "2026-11-03 10:30:00"}),
    ("msg_fixture_3", "lead_created", "2026-11-06T08:00:00", {"id": 102, "name": "Website enquiry", "partner_name": "Acme Trading",
     "email_from": "sales@acme.example", "stage_name": "Won", "stage_is_won": True, "expected_revenue": 12000,
     "probability": 100, "source_id": "Website", "create_date": "2026-11-05 12:00:00", "write_date": "2026-11-06 08:00:00"}),
    ("msg_fixture_4", "lead_created", "2026-11-07T12:00:00", {"id": 103, "name": "Duplicate", "stage_name": "جديد", "expected_revenue": 0,
     "probability": 0, "create_date": "2026-11-07 12:00:00", "write_date": "2026-11-07 12:00:00"}),
    ("msg_fixture_5", "lead_deleted", "2026-11-08T12:00:00", {"id": 103, "name": "Duplicate"}),
    ("msg_fixture_6", "sale_order_created", "2026-11-06T08:00:00", {"id": 501, "name": "S00501", "partner_name": "Acme Trading", "state": "sale",
     "amount_untaxed": 10434.78, "amount_tax": 1565.22, "amount_total": 12000, "currency": "SAR", "opportunity_id": 102,
     "date_order": "2026-11-06 08:00:00", "create_date": "2026-11-06 08:00:00", "write_date": "2026-11-06 08:00:00"}),
]


def main(commit):
    sha = git("rev-parse", commit)
    name = f"{git('show', '-s', '--format=%cs', sha)}-{sha[:7]}"
    out = HERE / name
    work = pathlib.Path(tempfile.mkdtemp(prefix="gah-fixture-"))
    work.chmod(0o755)  # the postgres user must reach its cluster's folder inside
    try:
        hub = build(sha, work)
        out.mkdir(exist_ok=True)
        fill_sql = (HERE / "fill.sql").read_text(encoding="utf-8")

        sqlite_folder = work / "sqlite"
        run_hub(hub, sqlite_folder, [])
        database = sqlite3.connect(sqlite_folder / "data" / "hub.db")
        database.executescript(fill_sql)
        database.commit()
        (out / "sqlite.sql").write_text("\n".join(database.iterdump()) + "\n", encoding="utf-8")
        last = database.execute('SELECT max(migration_id) FROM "__EFMigrationsHistory"').fetchone()[0]
        database.close()

        with Postgres(work / "pg") as pg:
            connection = pg.create("hub_fixture")
            run_hub(hub, work / "pg-hub", ["--Database:Provider=Postgres", f"--ConnectionStrings:Hub={connection}"])
            pg.tool("psql", "-v", "ON_ERROR_STOP=1", "-q", "-d", "hub_fixture", "-c", fill_sql)
            dump = pg.tool("pg_dump", "--no-owner", "--no-privileges", "--inserts", "-d", "hub_fixture")
            # \restrict guards against dumps from an untrusted server and carries a random key; older psql lacks it.
            dump = "".join(line for line in dump.splitlines(keepends=True) if not line.startswith(("\\restrict ", "\\unrestrict ")))
            (out / "postgres.sql").write_text(dump, encoding="utf-8")

        (out / "fixture.json").write_text(json.dumps(
            {"commit": sha, "last_migration": last, "made_by": "make_fixture.py"}, indent=2) + "\n", encoding="utf-8")
        print(f"{out.relative_to(REPO)}: SQLite and PostgreSQL at {last}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def git(*args):
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True).stdout.strip()


def build(sha, work):
    source = work / "src"
    source.mkdir()
    archive = subprocess.Popen(["git", "-C", str(REPO), "archive", sha], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(source)], stdin=archive.stdout, check=True)
    archive.wait()
    subprocess.run(["dotnet", "build", str(source / "src" / "GAssistant.Hub"), "-c", "Release", "-o", str(work / "hub"),
                    "-nologo", "-v", "q"], check=True)
    return work / "hub" / "GAssistant.Hub.dll"


def run_hub(hub, folder, settings):
    """Starts that release's hub, sends EVENTS, waits until they are applied and stops it (SIGTERM)."""
    folder.mkdir(parents=True)
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    # --contentRoot for releases whose data folder was the content root's data/, Hub:DataPath for later ones.
    process = subprocess.Popen(
        ["dotnet", str(hub), f"--urls={address}", f"--contentRoot={folder}", f"--Hub:DataPath={folder / 'data'}",
         f"--Odoo:WebhookSecret={WEBHOOK_SECRET}", f"--Auth:AdminEmail={ADMIN_EMAIL}", f"--Auth:AdminPassword={ADMIN_PASSWORD}",
         f"--Auth:ApiKeys:0={POLL_KEY}", "--Odoo:SyncInterval=00:00:00", *settings],
        cwd=folder, env={**os.environ, "ASPNETCORE_ENVIRONMENT": "Production"}, stdout=subprocess.DEVNULL)
    try:
        wait_for(lambda: request(address, "/health")[0] == 200, "the hub to start")
        for delivery, event, timestamp, data in EVENTS:
            body = json.dumps({"event": event, "timestamp": timestamp, "data": data}, ensure_ascii=False)
            status, answer = request(address, "/api/webhook/odoo", body, signed(delivery, body))
            if status != 200:
                raise RuntimeError(f"{delivery}: {status} {answer}")
        wait_for(lambda: leads(address) == {101, 102}, "the events to be applied")
    finally:
        process.terminate()
        process.wait(timeout=60)


def signed(delivery, body):
    timestamp = str(int(time.time()))
    key = base64.b64decode(WEBHOOK_SECRET.removeprefix("whsec_"))
    mac = hmac.new(key, f"{delivery}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return {"webhook-id": delivery, "webhook-timestamp": timestamp, "webhook-signature": "v1," + base64.b64encode(mac).decode()}


def leads(address):
    status, body = request(address, "/api/odoo/leads?page_size=100", headers={"Authorization": f"Bearer {POLL_KEY}"})
    return {lead["id"] for lead in json.loads(body)["leads"]} if status == 200 else set()


def request(address, path, body=None, headers=None):
    data = body.encode() if body is not None else None
    req = urllib.request.Request(address + path, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def wait_for(condition, what, seconds=120):
    deadline = time.time() + seconds
    while not condition():
        if time.time() > deadline:
            raise TimeoutError(f"waited {seconds} s for {what}")
        time.sleep(0.2)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """A throwaway PostgreSQL cluster on a free loopback port (as root it runs as the postgres user)."""

    def __init__(self, folder):
        self.bin = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.folder = folder
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    def __enter__(self):
        self.folder.mkdir()
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self.run("initdb", "-D", str(self.folder / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w", "-o",
                 f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        return self

    def __exit__(self, *_):
        self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")

    def create(self, database):
        self.tool("psql", "-q", "-d", "postgres", "-c", f'CREATE DATABASE "{database}" ENCODING \'UTF8\' TEMPLATE template0')
        return f"Host=127.0.0.1;Port={self.port};Username=postgres;Database={database}"

    def tool(self, name, *args):
        result = subprocess.run([str(self.bin / name), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", *args],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{name} failed ({result.returncode}): {result.stderr}")
        return result.stdout

    def run(self, name, *args):
        command = [str(self.bin / name), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{name} failed ({result.returncode}): {result.stdout}{result.stderr}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
