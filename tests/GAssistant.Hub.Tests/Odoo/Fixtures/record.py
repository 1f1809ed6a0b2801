#!/usr/bin/python3
"""Records raw exchanges with a real Odoo server as the hub's contract fixtures.

Usage:
  /usr/bin/python3 record.py jsonrpc URL DATABASE LOGIN PASSWORD OUTPUT_FOLDER [NAME ...]
  /usr/bin/python3 record.py json2 URL DATABASE LOGIN PASSWORD API_KEY OUTPUT_FOLDER [NAME ...]
e.g.
  /usr/bin/python3 record.py jsonrpc http://127.0.0.1:8069 odoo18 admin admin Fixtures/18
  /usr/bin/python3 record.py json2 http://127.0.0.1:8069 odoo19 admin admin 0123…cdef Fixtures/19

jsonrpc: Odoo 16-18 (POST /jsonrpc). json2: Odoo 19+ (POST /json/2/<model>/<method> with the API key
as bearer token; GET /web/version), plus the few JSON-RPC calls the hub still makes on 19 when it is
given a password instead of an API key. With NAMEs, only those exchanges are (re)written.

Only the standard library. Each fixture is {"name", "method", "path", "headers", "request",
"http_status", "content_type", "response"}: the request body (JSON, or null for a GET) and the answer
(JSON, or the text of a non-JSON answer) exactly as sent and received, except:
  - server tracebacks ("debug") are replaced, because they name the server's file paths;
  - API keys and the limited user's password are masked (MASKED_* below); the demo admin/admin stays;
  - a whole HTML page (Odoo 17/18's 404 page) is reduced to its size and title.
The script creates a few records (a lead, a user without CRM rights and, on json2, an API key of that
user) in the database: run it against a demo database, never production. The field lists mirror the
hub's OdooFields and OdooStages; if you change one, change the other.
"""
import http.cookiejar
import json
import os
import re
import secrets
import sys
import urllib.error
import urllib.request

MODE = sys.argv[1]
if MODE == "jsonrpc":
    URL, DB, LOGIN, PASSWORD, OUT, *ONLY = sys.argv[2:]
    API_KEY = None
elif MODE == "json2":
    URL, DB, LOGIN, PASSWORD, API_KEY, OUT, *ONLY = sys.argv[2:]
else:
    sys.exit(__doc__)

URL = URL.rstrip("/")
TRACEBACK = "(server traceback removed by record.py)"
MASKED_API_KEY = "masked-api-key-of-the-recording"
MASKED_LIMITED_KEY = "masked-api-key-of-the-limited-user"
MASKED_LIMITED_PASSWORD = "(masked limited-user password)"
USER_AGENT = "GAssistantHub/1.0"
masks = {}
done = set()
_next_id = [0]

LEAD_FIELDS = ["name", "partner_name", "contact_name", "email_from", "phone", "type", "active", "stage_id",
               "expected_revenue", "probability", "company_currency", "source_id", "medium_id", "campaign_id",
               "user_id", "team_id", "date_closed", "create_date", "write_date"]
ORDER_FIELDS = ["name", "partner_id", "state", "amount_untaxed", "amount_tax", "amount_total", "currency_id",
                "opportunity_id", "date_order", "create_date", "write_date"]
STAGE_FIELDS = ["name", "sequence", "is_won"]
if API_KEY:
    masks[API_KEY] = MASKED_API_KEY


def send(method, path, body=None, headers=None, chunked=False):
    """One HTTP exchange; answers (exchange, decoded answer)."""
    headers = {"User-Agent": USER_AGENT, **(headers or {})}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json; charset=utf-8"
        if chunked:
            # urllib sends an iterable without Content-Length chunked, as .NET's JsonContent does.
            data = iter([data])
            headers["Transfer-Encoding"] = "chunked"
    http = urllib.request.Request(URL + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(http, timeout=60) as answer:
            status, content_type, raw = answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        status, content_type, raw = error.code, error.headers.get("Content-Type", ""), error.read()
    text = raw.decode("utf-8")
    response = json.loads(text) if content_type.startswith("application/json") else text
    if isinstance(response, str) and len(response) > 1000:
        # A whole web page (Odoo 17/18's 404 page carries a CSRF token): only what it is stays.
        title = re.search(r"<title>(.*?)</title>", response, re.S)
        response = f"(an HTML page of {len(raw)} bytes titled {title.group(1).strip() if title else '?'!r}, trimmed by record.py)"
    recorded = {k: v for k, v in headers.items() if k in ("Authorization", "X-Odoo-Database", "Content-Type", "Transfer-Encoding")}
    exchange = {"method": method, "path": path, "headers": recorded, "request": body,
                "http_status": status, "content_type": content_type.split(";")[0], "response": response}
    return exchange, response


def jsonrpc(service, method, *args):
    _next_id[0] += 1
    envelope = {"jsonrpc": "2.0", "method": "call", "id": _next_id[0],
                "params": {"service": service, "method": method, "args": list(args)}}
    return send("POST", "/jsonrpc", envelope)


def json2(model, method, body, key=None, database=None, chunked=False):
    headers = {"Authorization": "bearer " + (key or API_KEY), "X-Odoo-Database": database or DB}
    return send("POST", f"/json/2/{model}/{method}", body, headers, chunked)


def orm(model, method, ids=None, positional=(), keywords=(), archived=False, uid=None, password=None, key=None):
    """One ORM call as the hub's OdooCall sends it: execute_kw args/kwargs, or one JSON-2 object."""
    context = {"context": {"active_test": False}} if archived else {}
    if MODE == "jsonrpc":
        args = ([ids] if ids is not None else []) + [value for _, value in positional]
        return jsonrpc("object", "execute_kw", DB, uid or UID, password or PASSWORD, model, method, args,
                       {**dict(keywords), **context})
    body = {"ids": ids} if ids is not None else {}
    return json2(model, method, {**body, **dict(positional), **dict(keywords), **context}, key=key)


def save(name, result):
    exchange, response = result
    if ONLY and name not in ONLY:
        return response
    error = response.get("error") if isinstance(response, dict) and "jsonrpc" in response else response
    if isinstance(error, dict) and isinstance(error.get("data"), dict):
        error = error["data"]
    if isinstance(error, dict) and error.get("debug"):
        error["debug"] = TRACEBACK
    text = json.dumps({"name": name, **exchange}, ensure_ascii=False, indent=2)
    for secret, mask in masks.items():
        text = text.replace(secret, mask)
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(name, "->", exchange["http_status"], error.get("name", "") if isinstance(error, dict) else "")
    done.add(name)
    if ONLY and done >= set(ONLY):
        sys.exit(0)  # nothing more asked: create no further records
    return response


def result(response):
    return response["result"] if MODE == "jsonrpc" else response


def fields(names):
    return [("fields", names)]


# The version, and the login the hub starts with.
if MODE == "jsonrpc":
    save("web_version", send("GET", "/web/version", headers={"Accept": "application/json"}))  # 404 before Odoo 19
    save("version", jsonrpc("common", "version"))
    UID = save("authenticate_ok", jsonrpc("common", "authenticate", DB, LOGIN, PASSWORD, {}))["result"]
    save("authenticate_wrong_password", jsonrpc("common", "authenticate", DB, LOGIN, "wrong-" + PASSWORD, {}))
    save("authenticate_wrong_database", jsonrpc("common", "authenticate", DB + "_missing", LOGIN, PASSWORD, {}))
    save("execute_kw_wrong_api_key", orm("crm.lead", "search_count", positional=[("domain", [])], password="wrong-" + PASSWORD))
else:
    save("version", send("GET", "/web/version", headers={"Accept": "application/json"}))
    UID = save("context_get", json2("res.users", "context_get", {}))["uid"]
    save("context_get_wrong_api_key", json2("res.users", "context_get", {}, key="wrong-" + API_KEY))
    save("context_get_wrong_database", json2("res.users", "context_get", {}, database=DB + "_missing"))
    # A password in Odoo:ApiKey: JSON-2 refuses it, JSON-RPC (deprecated in 19) still takes it.
    save("context_get_password_as_key", json2("res.users", "context_get", {}, key=PASSWORD))
    save("authenticate_password", jsonrpc("common", "authenticate", DB, LOGIN, PASSWORD, {}))
    save("authenticate_wrong_password", jsonrpc("common", "authenticate", DB, LOGIN, "wrong-" + API_KEY, {}))
    save("execute_kw_password_search_count", jsonrpc("object", "execute_kw", DB, UID, PASSWORD, "crm.lead", "search_count", [[]], {}))
    # What Odoo 19 does with a body sent without Content-Length: it ignores it.
    save("search_count_chunked_body", json2("crm.lead", "search_count", {"domain": []}, chunked=True))

# A form's mapping (MetaFormMappings): the lead fields an answer can fill, two of them custom fields as Odoo Studio
# (or Settings → Technical → Fields) makes them, and the teams and internal users to pick from.
lead_model = result(orm("ir.model", "search_read", positional=[("domain", [["model", "=", "crm.lead"]])], keywords=fields(["id"]))[1])[0]["id"]
for name, label, kind in (("x_budget", "Budget", "char"), ("x_visit_date", "Visit date", "date")):
    if not result(orm("ir.model.fields", "search_count", positional=[("domain", [["model", "=", "crm.lead"], ["name", "=", name]])])[1]):
        orm("ir.model.fields", "create", positional=[("vals_list", [{"name": name, "field_description": label, "model_id": lead_model,
                                                                     "ttype": kind, "state": "manual"}])])
save("fields_get_lead", orm("crm.lead", "fields_get", keywords=[("attributes", ["string", "type", "readonly", "store", "selection"])]))
save("search_read_teams", orm("crm.team", "search_read", positional=[("domain", [])], keywords=fields(["id", "name"]) + [("order", "name"), ("limit", 500)]))
save("search_read_internal_users", orm("res.users", "search_read", positional=[("domain", [["share", "=", False]])],
                                       keywords=fields(["id", "name"]) + [("order", "name"), ("limit", 500)]))

# The person Odoo already knows (OdooPeople): the demo customer Azure Interior by email, then by phone in E.164
# (phone_sanitized is the number as stored where Odoo lacks the phonenumbers library), and their open opportunities.
SINCE = "2026-11-01 00:00:00"
AZURE_EMAIL, AZURE_E164 = "vauxoo@yourcompany.example.com", "+582126810538"
azure = result(save("people_partner_by_email", orm("res.partner", "search_read", positional=[("domain", [["email_normalized", "=", AZURE_EMAIL]])],
                                                   keywords=fields(["id"]) + [("order", "id"), ("limit", 1)])))[0]["id"]
number_fields = ["phone", "mobile"] if "mobile" in result(save("people_partner_fields", orm(
    "res.partner", "fields_get", keywords=[("allfields", ["mobile"]), ("attributes", ["type"])]))) else ["phone"]
phone_domain = ["|", ["phone_sanitized", "=", AZURE_E164]] + ["|"] * (len(number_fields) - 1) + [[f, "ilike", AZURE_E164[-4:]] for f in number_fields]
save("people_partner_by_phone", orm("res.partner", "search_read", positional=[("domain", phone_domain)],
                                    keywords=fields(number_fields + ["phone_sanitized"]) + [("order", "id"), ("limit", 80)]))
open_lead = [["create_date", ">=", SINCE], ["stage_id.is_won", "=", False]]
open_keywords = fields(["id"]) + [("order", "create_date desc, id desc"), ("limit", 1)]
lead_of_azure = result(save("people_open_lead_by_email", orm("crm.lead", "search_read", positional=[("domain", open_lead + [
    "|", ["partner_id", "=", azure], ["email_normalized", "=", AZURE_EMAIL]])], keywords=open_keywords)))[0]["id"]
save("people_open_lead_by_phone", orm("crm.lead", "search_read", positional=[("domain", open_lead + [
    "|", ["partner_id", "=", azure], ["phone_sanitized", "=", AZURE_E164]])], keywords=open_keywords))
save("people_open_lead_of_nobody", orm("crm.lead", "search_read", positional=[("domain", open_lead + [
    ["email_normalized", "=", "nobody.known@example.com"]])], keywords=open_keywords))
save("people_partner_of_nobody", orm("res.partner", "search_read", positional=[("domain", [["email_normalized", "=", "nobody.known@example.com"]])],
                                     keywords=fields(["id"]) + [("order", "id"), ("limit", 1)]))
# A repeat submission: a note on a lead of the recording's own (never on the demo opportunities), then found by its marker.
REPEAT_MARKER = "[meta_lead:fixture-repeat]"
REPEAT_NOTE = "Repeat submission on Facebook: campaign Eid Offer, ad set -, ad -.\nemail_from: vauxoo@yourcompany.example.com\n" + REPEAT_MARKER
note_lead = result(save("people_create_lead_for_note", orm("crm.lead", "create", positional=[("vals_list", [{
    "name": "Hub fixture: repeat note", "partner_id": azure}])])))[0]
note_domain = [["model", "=", "crm.lead"], ["res_id", "=", note_lead], ["body", "ilike", REPEAT_MARKER]]
save("people_note_not_posted_yet", orm("mail.message", "search_count", positional=[("domain", note_domain)]))
save("people_message_post_note", orm("crm.lead", "message_post", ids=[note_lead], keywords=[
    ("body", REPEAT_NOTE), ("message_type", "comment"), ("subtype_xmlid", "mail.mt_note")]))
save("people_note_posted", orm("mail.message", "search_count", positional=[("domain", note_domain)]))

save("search_count_active_leads", orm("crm.lead", "search_count", positional=[("domain", [])]))
save("search_read_leads", orm("crm.lead", "search_read", positional=[("domain", [])],
                              keywords=fields(LEAD_FIELDS) + [("order", "write_date asc, id asc"), ("limit", 5)], archived=True))
save("search_count_leads", orm("crm.lead", "search_count", positional=[("domain", [])], archived=True))
save("search_read_orders", orm("sale.order", "search_read", positional=[("domain", [])],
                               keywords=fields(ORDER_FIELDS) + [("order", "write_date asc, id asc"), ("limit", 5)]))
save("search_read_stages", orm("crm.stage", "search_read", positional=[("domain", [])],
                               keywords=fields(STAGE_FIELDS) + [("order", "sequence, name, id")], archived=True))
save("fields_get_sale_order", orm("sale.order", "fields_get", keywords=[("allfields", ["opportunity_id"]), ("attributes", ["type"])]))
save("access_error_private_method", orm("crm.lead", "_read_group", positional=[("domain", [])]))
save("validation_error_probability", orm("crm.lead", "create", positional=[("vals_list", [{"name": "Probability out of range", "probability": 150}])]))
# read() of a missing id answers [] (no error); write() raises MissingError.
save("read_missing_lead", orm("crm.lead", "read", ids=[987654321], keywords=fields(["name"])))
save("missing_error_write", orm("crm.lead", "write", ids=[987654321], positional=[("vals", {"name": "gone"})]))
# The hub sends create a list of values (vals_list), as Odoo names it, and gets a list of ids back.
created = result(save("create_lead", orm("crm.lead", "create", positional=[("vals_list", [{
    "name": "استفسار عن الخدمات (fixture)", "partner_name": "أحمد علي", "email_from": "ahmed@example.com",
    "expected_revenue": 50000, "probability": 75}])])))[0]
save("read_lead", orm("crm.lead", "read", ids=[created], keywords=fields(LEAD_FIELDS), archived=True))
# POST /api/odoo/leads with source, medium and campaign, call by call as the hub makes it (UtmResolver, OdooLeadCreator).
utm = {}
for field, model, name in [("source_id", "utm.source", "Facebook"), ("medium_id", "utm.medium", "Email"), ("campaign_id", "utm.campaign", "Christmas Special")]:
    utm[field] = result(save("search_read_" + model.replace(".", "_"), orm(
        model, "search_read", positional=[("domain", [["name", "=", name]])], keywords=fields(["name"]) + [("order", "id"), ("limit", 1)],
        archived=True)))[0]["id"]
created = result(save("create_lead_with_utm", orm("crm.lead", "create", positional=[("vals_list", [{
    "name": "طلب عرض سعر (fixture)", "partner_name": "شركة الندى", "email_from": "sales@alnada.example", **utm}])])))[0]
save("read_lead_with_utm", orm("crm.lead", "read", ids=[created], keywords=fields(LEAD_FIELDS), archived=True))

# A user with no CRM rights (internal user only), to show what "missing access rights" looks like.
limited_password = secrets.token_urlsafe(16)
masks[limited_password] = MASKED_LIMITED_PASSWORD
login = "gah-fixture-" + secrets.token_hex(4)
groups = "groups_id" if MODE == "jsonrpc" else "group_ids"  # renamed in Odoo 19
employee_group = result(orm("ir.model.data", "check_object_reference", positional=[("module", "base"), ("xml_id", "group_user")])[1])[1]
limited_uid = result(orm("res.users", "create", positional=[("vals_list", [{
    "name": "Hub fixture (no CRM rights)", "login": login, "password": limited_password,
    groups: [[6, 0, [employee_group]]]}])])[1])[0]


def limited_user_api_key():
    """As that user in a web session: Preferences → Account Security → New API Key (the identity check included)."""
    session = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}).encode()
        request = urllib.request.Request(URL + path, data=body, headers={"Content-Type": "application/json"})
        with session.open(request, timeout=60) as answer:
            reply = json.loads(answer.read())
        if "error" in reply:
            sys.exit(f"{path}: {reply['error']['data']['message']}")
        return reply["result"]

    def call_kw(model, method, args, kwargs=None):
        return call(f"/web/dataset/call_kw/{model}/{method}", {"model": model, "method": method, "args": args, "kwargs": kwargs or {}})

    call("/web/session/authenticate", {"db": DB, "login": login, "password": limited_password})
    wizard = call_kw("res.users.apikeys.description", "create", [{"name": "hub fixture", "duration": "1"}])
    check = call_kw("res.users.apikeys.description", "make_key", [[wizard]])
    shown = call_kw("res.users.identitycheck", "run_check", [[check["res_id"]]], {"context": {"password": limited_password}})
    return shown["context"]["default_key"]


if MODE == "jsonrpc":
    save("access_error_no_rights", orm("crm.lead", "search_read", positional=[("domain", [])], keywords=fields(["name"]) + [("limit", 1)],
                                       uid=limited_uid, password=limited_password))
else:
    limited_key = limited_user_api_key()
    masks[limited_key] = MASKED_LIMITED_KEY
    save("context_get_limited_user", json2("res.users", "context_get", {}, key=limited_key))
    save("access_error_no_rights", orm("crm.lead", "search_read", positional=[("domain", [])], keywords=fields(["name"]) + [("limit", 1)],
                                       key=limited_key))
