"""A stand-in for the hub's POST /api/webhook/odoo on 127.0.0.1, for tests.

No Odoo import: the pure-Python tests load it by path too. It records every request,
checks its signature with the given `verify(id, timestamp, body, signature)` function and
answers with the next scripted status (200 once the script is used up), or 401 when the
signature is wrong, like the real hub.
"""
import http.server
import json
import threading


class HubDouble:
    def __init__(self, verify, statuses=()):
        self.verify = verify
        self.statuses = list(statuses)
        self.received = []
        self._server = None
        self._thread = None

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return "http://%s:%d/api/webhook/odoo" % (host, port)

    def start(self):
        double = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                valid = double.verify(self.headers.get("webhook-id"),
                                      self.headers.get("webhook-timestamp"), body,
                                      self.headers.get("webhook-signature"))
                double.received.append({
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body,
                    "json": json.loads(body.decode("utf-8")),
                    "valid": valid,
                })
                status = (double.statuses.pop(0) if double.statuses else 200) if valid else 401
                answer = json.dumps({"success": 200 <= status < 300}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
