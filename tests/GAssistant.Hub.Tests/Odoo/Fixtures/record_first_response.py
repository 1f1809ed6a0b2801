#!/usr/bin/env python3
"""Record how a salesperson's "first response" to a CRM lead looks in Odoo 17 data.

Standard library only. Talks JSON-RPC (POST /jsonrpc) to a local Odoo 17 server.
Creates a limited user (rana), 4 leads assigned to her, touches each lead in a
different way as rana, then records (as admin) the answers of several
search_read/read calls to OUT/<name>.json (default: Fixtures/17 beside this script).

Usage (against a demo database, never production; it also writes the touch_*.json of its own calls, not kept):
  /usr/bin/python3 record_first_response.py [--url http://127.0.0.1:8017] [--db resp17]
"""
import argparse
import copy
import datetime
import json
import os
import sys
import urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--url", default="http://127.0.0.1:8017")
ap.add_argument("--db", default="resp17")
ap.add_argument("--admin-login", default="admin")
ap.add_argument("--admin-password", default="admin")
ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "17"))
opts = ap.parse_args()

URL = opts.url.rstrip("/") + "/jsonrpc"
DB = opts.db
RANA_LOGIN = "rana"
RANA_PASSWORD = "rana"
MASK = "(masked limited-user password)"
TB_MASK = "(server traceback removed by record.py)"
os.makedirs(opts.out, exist_ok=True)

_next_id = [0]


class RpcError(Exception):
    def __init__(self, error):
        super().__init__(json.dumps(error)[:500])
        self.error = error


def raw_call(service, method, args):
    """Return (request_body, http_status, content_type, response_json)."""
    _next_id[0] += 1
    body = {"jsonrpc": "2.0", "method": "call",
            "params": {"service": service, "method": method, "args": args},
            "id": _next_id[0]}
    req = urllib.request.Request(URL, data=json.dumps(body).encode("utf-8"),
                                 headers={"Content-Type": "application/json"},
                                 method="POST")
    with urllib.request.urlopen(req, timeout=120) as resp:
        status = resp.status
        ctype = resp.headers.get("Content-Type")
        data = json.loads(resp.read().decode("utf-8"))
    return body, status, ctype, data


def call(service, method, args):
    _, _, _, data = raw_call(service, method, args)
    if "error" in data:
        raise RpcError(data["error"])
    return data["result"]


def mask_request(body):
    b = copy.deepcopy(body)
    args = b["params"]["args"]
    # execute_kw: [db, uid, password, ...]; authenticate: [db, login, password, {}]
    if len(args) >= 3 and args[2] == RANA_PASSWORD:
        args[2] = MASK
    return b


def mask_response(data):
    d = copy.deepcopy(data)
    err = d.get("error")
    if isinstance(err, dict) and isinstance(err.get("data"), dict) and "debug" in err["data"]:
        err["data"]["debug"] = TB_MASK
    return d


def save(name, body, status, ctype, data):
    rec = {"name": name, "method": "POST", "path": "/jsonrpc",
           "headers": {"Content-Type": "application/json"},
           "request": mask_request(body), "http_status": status,
           "content_type": ctype, "response": mask_response(data)}
    path = os.path.join(opts.out, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(rec, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("saved", path, "(error)" if "error" in data else "")
    return data


def authenticate(login, password):
    uid = call("common", "authenticate", [DB, login, password, {}])
    if not uid:
        sys.exit("authentication failed for %s" % login)
    return uid


class Env:
    def __init__(self, uid, password):
        self.uid, self.password = uid, password

    def args(self, model, method, args, kwargs=None):
        return [DB, self.uid, self.password, model, method, args, kwargs or {}]

    def __call__(self, model, method, args, kwargs=None):
        return call("object", "execute_kw", self.args(model, method, args, kwargs))

    def record(self, name, model, method, args, kwargs=None):
        """Call and save request+response under name; return the parsed answer."""
        return save(name, *raw_call("object", "execute_kw", self.args(model, method, args, kwargs)))


admin_uid = authenticate(opts.admin_login, opts.admin_password)
admin = Env(admin_uid, opts.admin_password)
print("admin uid", admin_uid)


def xmlid(module, name):
    r = admin("ir.model.data", "search_read",
              [[["module", "=", module], ["name", "=", name]]], {"fields": ["res_id"], "limit": 1})
    if not r:
        sys.exit("xmlid %s.%s not found" % (module, name))
    return r[0]["res_id"]


# a) limited user rana
salesman_gid = xmlid("sales_team", "group_sale_salesman")
existing = admin("res.users", "search", [[["login", "=", RANA_LOGIN]]], {"context": {"active_test": False}})
if existing:
    rana_uid = existing[0]
    admin("res.users", "write", [[rana_uid], {"password": RANA_PASSWORD, "active": True,
                                             "email": "rana@example.com"}])
    print("reusing rana uid", rana_uid)
else:
    rana_uid = admin("res.users", "create", [{
        "name": "Rana Salesperson", "login": RANA_LOGIN, "password": RANA_PASSWORD,
        "groups_id": [[6, 0, [salesman_gid]]], "lang": "en_US",
        # without an email, message_post by this user fails with UserError
        # "Unable to send message, please configure the sender's email address."
        "email": "rana@example.com"}])
    print("created rana uid", rana_uid)
rana_partner = admin("res.users", "read", [[rana_uid]], {"fields": ["partner_id"]})[0]["partner_id"]
print("rana partner", rana_partner)
assert authenticate(RANA_LOGIN, RANA_PASSWORD) == rana_uid
rana = Env(rana_uid, RANA_PASSWORD)

# b) 4 leads, created by admin, assigned to rana
run_tag = datetime.datetime.utcnow().strftime("%Y%m%d%H%M%S")
lead_ids = []
for n in range(1, 5):
    lid = admin("crm.lead", "create", [{
        "name": "عميل تجريبي %d" % n, "type": "lead", "user_id": rana_uid,
        "description": "<p>Test lead %d (run %s) [meta-lead:TEST%d]</p>" % (n, run_tag, n)}])
    lead_ids.append(lid)
print("leads", lead_ids)
l1, l2, l3, l4 = lead_ids

# integration user's (admin's) own notes on lead 3 and 4, before rana's touch
for lid in (l3, l4):
    mid = admin("crm.lead", "message_post", [[lid]], {
        "body": "Synced from G-Assistant hub", "message_type": "comment",
        "subtype_xmlid": "mail.mt_note"})
    print("admin note on", lid, "->", mid)

touch = {}
# c1) logged note by rana
touch["touch_lead1_note"] = save("touch_lead1_note", *raw_call("object", "execute_kw", rana.args(
    "crm.lead", "message_post", [[l1]],
    {"body": "Called, interested", "message_type": "comment", "subtype_xmlid": "mail.mt_note"})))
# c2) outgoing message (comment subtype) by rana
touch["touch_lead2_comment"] = save("touch_lead2_comment", *raw_call("object", "execute_kw", rana.args(
    "crm.lead", "message_post", [[l2]],
    {"body": "Hello, thanks for your interest. When can we talk?", "message_type": "comment",
     "subtype_xmlid": "mail.mt_comment", "partner_ids": []})))
# c3) Call activity created by admin, marked done by rana
call_type_id = xmlid("mail", "mail_activity_data_call")
lead_model_id = admin("ir.model", "search", [[["model", "=", "crm.lead"]]])[0]
today = datetime.date.today().isoformat()
activity_id = admin("mail.activity", "create", [{
    "res_model_id": lead_model_id, "res_id": l3, "activity_type_id": call_type_id,
    "user_id": rana_uid, "date_deadline": today, "summary": "First call"}])
print("activity", activity_id, "on lead", l3)
touch["touch_lead3_activity_done"] = save("touch_lead3_activity_done", *raw_call(
    "object", "execute_kw", rana.args("mail.activity", "action_feedback", [[activity_id]],
                                      {"feedback": "spoke to them"})))
# c4) stage change by rana
stages = admin("crm.stage", "search_read", [[]], {"fields": ["id", "name", "sequence"], "order": "sequence, id"})
new_stage = stages[1]
touch["touch_lead4_stage"] = save("touch_lead4_stage", *raw_call("object", "execute_kw", rana.args(
    "crm.lead", "write", [[l4], {"stage_id": new_stage["id"]}])))
for k, v in touch.items():
    if "error" in v:
        print("WARNING touch failed:", k, json.dumps(v["error"])[:300])

# d) record answers as admin
msgs = admin.record("response_messages", "mail.message", "search_read",
                    [[["model", "=", "crm.lead"], ["res_id", "in", lead_ids]]],
                    {"fields": ["id", "date", "author_id", "message_type", "subtype_id",
                                "mail_activity_type_id", "tracking_value_ids", "model", "res_id",
                                "create_uid", "body"], "order": "id"})["result"]
tracked_msg_ids = [m["id"] for m in msgs if m["tracking_value_ids"]]

admin.record("response_tracking_fields_get", "mail.tracking.value", "fields_get", [],
             {"attributes": ["type", "relation", "string"]})
tv_fields = ["id", "field_id", "old_value_integer", "new_value_integer", "old_value_char",
             "new_value_char", "mail_message_id", "create_date"]
ans = admin.record("response_tracking_values", "mail.tracking.value", "search_read",
                   [[["mail_message_id", "in", tracked_msg_ids]]], {"fields": tv_fields})
if "error" in ans:
    # keep the refused answer and retry with only valid names
    os.replace(os.path.join(opts.out, "response_tracking_values.json"),
               os.path.join(opts.out, "response_tracking_invalid_field.json"))
    valid = set(admin("mail.tracking.value", "fields_get", [], {"attributes": ["type"]}))
    tv_fields = [f for f in tv_fields if f in valid]
    admin.record("response_tracking_values", "mail.tracking.value", "search_read",
                 [[["mail_message_id", "in", tracked_msg_ids]]], {"fields": tv_fields})

act_fields = ["id", "res_id", "res_model", "user_id", "date_deadline", "create_date",
              "activity_type_id", "state"]
act_domain = [[["res_model", "=", "crm.lead"], ["res_id", "in", lead_ids]]]
admin.record("response_activities_open", "mail.activity", "search_read", act_domain,
             {"fields": act_fields})
admin.record("response_activities_all", "mail.activity", "search_read", act_domain,
             {"fields": act_fields + ["active"], "context": {"active_test": False}})

subtype_ids = sorted({m["subtype_id"][0] for m in msgs if m["subtype_id"]})
admin.record("response_subtypes", "mail.message.subtype", "search_read",
             [[["id", "in", subtype_ids]]], {"fields": ["id", "name", "internal"]})
admin.record("response_xmlids", "ir.model.data", "search_read",
             [[["module", "=", "mail"],
               ["name", "in", ["mt_note", "mt_comment", "mt_activities", "mail_activity_data_call"]]]],
             {"fields": ["name", "res_id"]})
admin.record("response_users", "res.users", "read", [[admin_uid, rana_uid]],
             {"fields": ["partner_id", "share", "login", "lang"]})
admin.record("response_leads", "crm.lead", "read", [lead_ids],
             {"fields": ["id", "create_date", "write_date", "user_id", "team_id", "stage_id",
                         "date_open", "date_last_stage_update"]})
# extras: why the done Call activity is (not) kept, and users' time zones
admin.record("response_activity_type_call", "mail.activity.type", "read", [[call_type_id]],
             {"fields": ["id", "name", "keep_done", "category"]})
admin.record("response_users_tz", "res.users", "read", [[admin_uid, rana_uid]],
             {"fields": ["login", "tz"]})

summary = {"admin_uid": admin_uid, "rana_uid": rana_uid, "rana_partner": rana_partner,
           "lead_ids": lead_ids, "activity_id": activity_id, "call_type_id": call_type_id,
           "stages": stages[:3], "new_stage": new_stage, "tracked_msg_ids": tracked_msg_ids,
           "run_tag": run_tag}
with open(os.path.join(opts.out, "run_summary.json"), "w", encoding="utf-8") as f:
    json.dump(summary, f, ensure_ascii=False, indent=2)
print(json.dumps(summary, ensure_ascii=False))
