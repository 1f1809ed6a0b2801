"""A stand-in for the hub's POST /api/webhook/odoo on 127.0.0.1, for tests.

No Odoo import: the pure-Python tests load it by path too. It records every request,
checks its signature with the given `verify(id, timestamp, body, signature)` function and
answers with the next scripted status (200 once the script is used up), or 401 when the
signature is wrong, like the real hub. `on_request(request)`, when set, runs while the
request is being answered (to look at what the sender holds meanwhile); `in_flight_max` is the
most requests it was answering at once.
"""
import http.server
import json
import threading


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's listen backlog is 5: a burst of senders would find connections refused
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # a sender that gave up (its timeout) closed the connection: nothing to report
        pass


class HubDouble:
    def __init__(self, verify, statuses=()):
        self.verify = verify
        self.statuses = list(statuses)
        self.received = []
        self.on_request = None
        self.in_flight = 0
        self.in_flight_max = 0
        self._lock = threading.Lock()
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
                with double._lock:
                    double.in_flight += 1
                    double.in_flight_max = max(double.in_flight_max, double.in_flight)
                self._counted = True
                try:
                    self.answer()
                finally:
                    self.done()

            def done(self):
                # Before the answer leaves: once the client has it, it may open its next
                # connection (HTTP/1.0 closes each) while this thread is still finishing.
                if self._counted:
                    self._counted = False
                    with double._lock:
                        double.in_flight -= 1

            def answer(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                valid = double.verify(self.headers.get("webhook-id"),
                                      self.headers.get("webhook-timestamp"), body,
                                      self.headers.get("webhook-signature"))
                request = {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body,
                    "json": json.loads(body.decode("utf-8")),
                    "valid": valid,
                }
                if double.on_request:
                    double.on_request(request)
                double.received.append(request)
                with double._lock:
                    status = (double.statuses.pop(0) if double.statuses else 200) if valid else 401
                reply = json.dumps({"success": 200 <= status < 300}).encode()
                self.done()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
