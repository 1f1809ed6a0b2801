#!/usr/bin/python3
"""Records raw JSON-RPC request/response pairs from a real Odoo server as contract fixtures.

Usage: /usr/bin/python3 record.py URL DATABASE LOGIN PASSWORD [OUTPUT_FOLDER]
e.g.   /usr/bin/python3 record.py http://127.0.0.1:8069 odoo17 admin admin

Only the standard library. Each fixture is {"name", "path", "request", "http_status", "response"}.
Server tracebacks (error.data.debug) are replaced, because they name the server's file paths.
The script creates a few records (a lead, a UTM source, a limited user) in the database; run it
against a demo database, never production. Passwords other than the demo admin/admin are masked.
"""
import json
import os
import secrets
import sys
import urllib.request

URL, DB, LOGIN, PASSWORD = sys.argv[1:5]
OUT = sys.argv[5] if len(sys.argv) > 5 else os.path.dirname(os.path.abspath(__file__))
TRACEBACK = "(server traceback removed by record.py)"
_next_id = [0]


def call(service, method, *args):
    _next_id[0] += 1
    request = {"jsonrpc": "2.0", "method": "call", "id": _next_id[0],
               "params": {"service": service, "method": method, "args": list(args)}}
    data = json.dumps(request).encode()
    http = urllib.request.Request(URL.rstrip("/") + "/jsonrpc", data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(http, timeout=60) as answer:
        return request, answer.status, json.loads(answer.read())


def save(name, exchange, mask=None):
    request, status, response = exchange
    error = response.get("error")
    if error and isinstance(error.get("data"), dict) and error["data"].get("debug"):
        error["data"]["debug"] = TRACEBACK
    text = json.dumps({"name": name, "path": "/jsonrpc", "request": request, "http_status": status, "response": response},
                      ensure_ascii=False, indent=2)
    if mask:
        text = text.replace(mask, "(masked limited-user password)")
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(name, "->", "error " + error["data"]["name"] if error else "result")
    return response


def kw(uid, model, method, args, kwargs=None, password=None):
    return call("object", "execute_kw", DB, uid, password or PASSWORD, model, method, args, kwargs or {})


LEAD_FIELDS = ["name", "partner_name", "contact_name", "email_from", "phone", "type", "active", "stage_id",
               "expected_revenue", "probability", "company_currency", "source_id", "medium_id", "campaign_id",
               "user_id", "team_id", "date_closed", "create_date", "write_date"]
ORDER_FIELDS = ["name", "partner_id", "state", "amount_untaxed", "amount_tax", "amount_total", "currency_id",
                "opportunity_id", "date_order", "create_date", "write_date"]

save("version", call("common", "version"))
uid = save("authenticate_ok", call("common", "authenticate", DB, LOGIN, PASSWORD, {}))["result"]
save("authenticate_wrong_password", call("common", "authenticate", DB, LOGIN, "wrong-" + PASSWORD, {}))
save("authenticate_wrong_database", call("common", "authenticate", DB + "_missing", LOGIN, PASSWORD, {}))
save("execute_kw_wrong_api_key", kw(uid, "crm.lead", "search_count", [[]], password="wrong-" + PASSWORD))
save("search_read_leads", kw(uid, "crm.lead", "search_read", [[]],
                              {"fields": LEAD_FIELDS, "order": "write_date asc, id asc", "limit": 5,
                               "context": {"active_test": False}}))
save("search_count_leads", kw(uid, "crm.lead", "search_count", [[]], {"context": {"active_test": False}}))
save("search_read_orders", kw(uid, "sale.order", "search_read", [[]],
                               {"fields": ORDER_FIELDS, "order": "write_date asc, id asc", "limit": 5}))
save("search_read_stages", kw(uid, "crm.stage", "search_read", [[]],
                               {"fields": ["name", "sequence", "is_won"], "order": "sequence, name, id", "context": {"active_test": False}}))
save("fields_get_sale_order", kw(uid, "sale.order", "fields_get", [], {"allfields": ["opportunity_id"], "attributes": ["type"]}))
save("search_read_utm_source", kw(uid, "utm.source", "search_read", [[["name", "=", "Facebook"]]],
                                  {"fields": ["name"], "order": "id", "limit": 1, "context": {"active_test": False}}))
save("access_error_private_method", kw(uid, "crm.lead", "_read_group", [[]]))
save("validation_error_probability", kw(uid, "crm.lead", "create", [[{"name": "Probability out of range", "probability": 150}]]))
# Odoo 17 answers read() of a missing id with [] (no error); write() raises MissingError.
save("read_missing_lead", kw(uid, "crm.lead", "read", [[987654321]], {"fields": ["name"]}))
save("missing_error_write", kw(uid, "crm.lead", "write", [[987654321], {"name": "gone"}]))
# The hub sends create a list of values (vals_list), as JSON-2 names it, and gets a list of ids back.
created = save("create_lead", kw(uid, "crm.lead", "create", [[{"name": "استفسار عن الخدمات (fixture)", "partner_name": "أحمد علي",
                                                               "email_from": "ahmed@example.com", "expected_revenue": 50000,
                                                               "probability": 75}]]))["result"][0]
save("read_lead", kw(uid, "crm.lead", "read", [[created]], {"fields": LEAD_FIELDS, "context": {"active_test": False}}))

# A user with no CRM rights, to show what "missing access rights" looks like.
limited_password = secrets.token_urlsafe(16)
login = "gah-fixture-" + secrets.token_hex(4)
employee_group = kw(uid, "ir.model.data", "check_object_reference", ["base", "group_user"])[2]["result"][1]
limited_uid = kw(uid, "res.users", "create", [{"name": "Hub fixture (no CRM rights)", "login": login,
                                               "password": limited_password,
                                               "groups_id": [[6, 0, [employee_group]]]}])[2]["result"]
save("access_error_no_rights", kw(limited_uid, "crm.lead", "search_read", [[]], {"fields": ["name"], "limit": 1},
                                  password=limited_password), mask=limited_password)
