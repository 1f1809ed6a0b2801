#!/usr/bin/python3
"""Takes the screenshots of the administrator README (readme/CONFIGURE.md, readme/USAGE.md) from a
real Odoo, in English and in Arabic.

Usage (against a throw-away Odoo database where g_assistant_connector, crm and sale are installed
and the Arabic language is loaded — never production: it changes the connector's settings, the
user's language and creates three leads):
  /usr/bin/python3 odoo-addon/readme-screenshots.py URL DATABASE LOGIN PASSWORD [OUTDIR]
  e.g. /usr/bin/python3 odoo-addon/readme-screenshots.py http://127.0.0.1:8039 shots19 admin admin

It points the connector at a hub double on 127.0.0.1 (tests/hub_double.py, which checks every
signature), creates three leads (one with an Arabic name) so the delivery log has rows, then opens
General Settings and the Webhook Deliveries list in a headless Chromium (Debian's `chromium`,
driven over the DevTools protocol with python3-websocket) once per language and saves
settings_en.png, settings_ar.png, deliveries_en.png and deliveries_ar.png into OUTDIR (by default
the module's static/description/, where the README's images live). For a right-to-left Arabic
page Odoo needs `rtlcss` on the server's PATH (readme/INSTALL.md).
"""
import base64
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

HERE = os.path.dirname(os.path.abspath(__file__))
ADDON = os.path.join(HERE, "g_assistant_connector")
URL, DB, LOGIN, PASSWORD = sys.argv[1:5]
OUTDIR = sys.argv[5] if len(sys.argv) > 5 else os.path.join(ADDON, "static", "description")
LANGUAGES = {"en": "en_US", "ar": "ar_001"}


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ADDON, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


signing = load("shots_signing", "lib/signing.py")
HubDouble = load("shots_hub_double", "tests/hub_double.py").HubDouble


def post(path, payload, headers=None):
    request = urllib.request.Request(URL.rstrip("/") + path, json.dumps(payload).encode(),
                                     {"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.loads(answer.read()), answer.headers


def rpc(service, method, *args):
    answer, _ = post("/jsonrpc", {"jsonrpc": "2.0", "method": "call", "id": 1,
                                  "params": {"service": service, "method": method, "args": list(args)}})
    if "error" in answer:
        raise RuntimeError(answer["error"]["data"]["message"])
    return answer["result"]


uid = rpc("common", "authenticate", DB, LOGIN, PASSWORD, {})
if not uid:
    sys.exit("Odoo refused the login %r on %r" % (LOGIN, DB))


def kw(model, method, args, kwargs=None):
    return rpc("object", "execute_kw", DB, uid, PASSWORD, model, method, args, kwargs or {})


def set_param(key, value):
    kw("ir.config_parameter", "set_param", ["g_assistant_connector." + key, value])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Chromium:
    """One headless Chromium and its first tab, over the DevTools protocol."""

    def __init__(self, session_id):
        self.profile = tempfile.mkdtemp(prefix="g-assistant-shots-")
        port = free_port()
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("chromium is not installed (apt install chromium)")
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-port=%d" % port, "--user-data-dir=" + self.profile,
             "--window-size=1280,1400", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port, timeout=2) as answer:
                    pages = [t for t in json.loads(answer.read()) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("chromium did not open its DevTools port")
        self.socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.call("Network.enable")
        self.call("Network.setCookie", name="session_id", value=session_id, url=URL)
        self.call("Emulation.setDeviceMetricsOverride", width=1280, height=1400, deviceScaleFactor=1, mobile=False)

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    def open(self, path, ready, timeout=90):
        self.call("Page.navigate", url=URL.rstrip("/") + path)
        deadline = time.monotonic() + timeout
        while not self.evaluate("!!document.querySelector(%s)" % json.dumps(ready)):
            if time.monotonic() > deadline:
                raise RuntimeError("%s never showed %s" % (path, ready))
            time.sleep(0.2)
        time.sleep(1.0)  # Odoo's own transitions (the settings' search box, the list's fade-in)

    def shoot(self, elements, path, margin=16):
        """Saves a picture of `elements` (a JavaScript expression giving an array of elements) and `margin` pixels around them."""
        box = self.evaluate("""(() => {
            const es = %s;
            es[0].scrollIntoView({block: 'start'});
            const rs = es.map(e => e.getBoundingClientRect());
            const x = Math.min(...rs.map(r => r.left)), y = Math.min(...rs.map(r => r.top));
            return {x: x + window.scrollX, y: y + window.scrollY,
                    width: Math.max(...rs.map(r => r.right)) - x, height: Math.max(...rs.map(r => r.bottom)) - y};
        })()""" % elements)
        time.sleep(0.5)
        clip = {"x": max(0, box["x"] - margin), "y": max(0, box["y"] - margin),
                "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin, "scale": 1}
        data = self.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=False)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print("wrote", path)

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


secret = signing.generate_secret()
hub = HubDouble(lambda i, t, b, s: signing.verify(secret, i, t, b, s)).start()
try:
    set_param("hub_url", hub.url)
    set_param("secret", secret)
    set_param("send_leads", "True")
    set_param("send_sale_orders", "True")
    set_param("enabled", "True")
    if kw("g_assistant.webhook.delivery", "search_count", [[]]) < 3:  # once per database: the log keeps them
        kw("crm.lead", "create", [[
            {"name": "مطابخ الرياض — طلب عرض سعر", "email_from": "sara@example.com", "expected_revenue": 18500},
            {"name": "Office chairs for 40 staff", "email_from": "buyer@example.com", "expected_revenue": 9200},
            {"name": "Website redesign", "email_from": "cto@example.com", "expected_revenue": 30000},
        ]])
        deadline = time.monotonic() + 120
        while sum(1 for r in hub.received if r["valid"]) < 3:
            if time.monotonic() > deadline:
                sys.exit("the hub double got %d events in 2 minutes: is Odoo's cron running?" % len(hub.received))
            time.sleep(0.2)

    languages = kw("res.lang", "search_read", [[["code", "in", list(LANGUAGES.values())], ["active", "in", [True, False]]]],
                   {"fields": ["code"]})
    if len(languages) < len(LANGUAGES):
        sys.exit("Load Arabic first: Settings → Languages → Add Languages → Arabic (or odoo-bin --load-language=ar_001)")
    kw("res.lang", "write", [[lang["id"] for lang in languages], {"active": True}])
    os.makedirs(OUTDIR, exist_ok=True)
    # The block: its title and its settings (the connector's own setting box and what it shows when switched on).
    block = ("(() => { const c = document.querySelector('#g_assistant_connector').closest('.o_settings_container');"
             " return [c.previousElementSibling, c].filter(e => e); })()")
    for short, lang in LANGUAGES.items():
        kw("res.users", "write", [[uid], {"lang": lang}])
        # A new session per language: Odoo keeps the language a session signed in with.
        _, headers = post("/web/session/authenticate",
                          {"jsonrpc": "2.0", "params": {"db": DB, "login": LOGIN, "password": PASSWORD}})
        session_id = next(c.split("=", 1)[1].split(";", 1)[0] for c in headers.get_all("Set-Cookie")
                          if c.startswith("session_id="))
        browser = Chromium(session_id)
        try:
            browser.open("/odoo/action-base_setup.action_general_configuration", "#g_assistant_connector .o_g_assistant_settings")
            browser.shoot(block, os.path.join(OUTDIR, "settings_%s.png" % short))
            browser.open("/odoo/action-g_assistant_connector.action_g_assistant_webhook_delivery", ".o_list_view .o_data_row")
            browser.shoot("[document.querySelector('.o_control_panel'), document.querySelector('.o_list_table')]", os.path.join(OUTDIR, "deliveries_%s.png" % short), margin=0)
        finally:
            browser.close()
finally:
    kw("res.users", "write", [[uid], {"lang": "en_US"}])
    set_param("enabled", "False")
    hub.stop()
