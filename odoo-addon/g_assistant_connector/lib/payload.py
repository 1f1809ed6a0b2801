"""The JSON body of POST /api/webhook/odoo (see the hub's CONTRACT.md).

Builders take a record's values the way Odoo's ``read()`` returns them: ``False`` for an
empty value, ``(id, display name)`` for a many2one, ``datetime`` objects in naive UTC.
Empty values become JSON null, except real booleans. A many2one becomes two keys, its id
(``stage_id``) and its name (``stage_name``); the addon reads the names in one fixed language
(en_US), so an event does not depend on the language of the user who made the change.
"""
import datetime
import json

LEAD_CREATED = "lead_created"
LEAD_UPDATED = "lead_updated"
LEAD_DELETED = "lead_deleted"
SALE_ORDER_CREATED = "sale_order_created"
SALE_ORDER_UPDATED = "sale_order_updated"
SALE_ORDER_DELETED = "sale_order_deleted"
EVENTS = (LEAD_CREATED, LEAD_UPDATED, LEAD_DELETED, SALE_ORDER_CREATED, SALE_ORDER_UPDATED,
          SALE_ORDER_DELETED)
DELETED_EVENTS = frozenset({LEAD_DELETED, SALE_ORDER_DELETED})
CREATED_EVENTS = frozenset({LEAD_CREATED, SALE_ORDER_CREATED})

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S"


def value(v):
    """An Odoo scalar as JSON: False/empty becomes None."""
    if v is False or v is None or v == "":
        return None
    return v


def boolean(v):
    return bool(v)


def number(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def many2one_id(v):
    """The id of a read() many2one (id, name), or None."""
    if isinstance(v, (list, tuple)) and v:
        return v[0]
    return value(v) if isinstance(value(v), int) else None


def many2one_name(v):
    """The name of a read() many2one (id, name), or None. A plain string passes through."""
    if isinstance(v, (list, tuple)):
        return value(v[1]) if len(v) > 1 else None
    return value(v) if isinstance(value(v), str) else None


def timestamp(v):
    """A naive UTC datetime (or Odoo's "YYYY-MM-DD HH:MM:SS" string) as "YYYY-MM-DDTHH:MM:SS"."""
    v = value(v)
    if v is None:
        return None
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return v.strftime(TIMESTAMP_FORMAT)
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v).replace(" ", "T")[:19]


def won_status(raw):
    """Odoo 17's crm.lead won_status, computed the same way when the field is missing."""
    status = raw.get("won_status")
    if status:
        return status
    active = raw.get("active", True)
    if active and raw.get("stage_is_won"):
        return "won"
    if not active and not raw.get("probability"):
        return "lost"
    return "pending"


def lead_data(raw):
    stage = raw.get("stage_id")
    return {
        "id": raw["id"],
        "name": value(raw.get("name")),
        "partner_name": value(raw.get("partner_name")),
        "contact_name": value(raw.get("contact_name")),
        "email_from": value(raw.get("email_from")),
        "phone": value(raw.get("phone")),
        "type": value(raw.get("type")),
        "active": boolean(raw.get("active", True)),
        "stage_id": many2one_id(stage),
        "stage_name": many2one_name(stage),
        "stage_is_won": boolean(raw.get("stage_is_won")),
        "won_status": won_status(raw),
        "expected_revenue": number(raw.get("expected_revenue")),
        "probability": number(raw.get("probability")),
        "currency": value(raw.get("currency")),
        "source_id": many2one_id(raw.get("source_id")),
        "source_name": many2one_name(raw.get("source_id")),
        "medium_id": many2one_id(raw.get("medium_id")),
        "medium_name": many2one_name(raw.get("medium_id")),
        "campaign_id": many2one_id(raw.get("campaign_id")),
        "campaign_name": many2one_name(raw.get("campaign_id")),
        "user_id": many2one_id(raw.get("user_id")),
        "user_name": many2one_name(raw.get("user_id")),
        "team_id": many2one_id(raw.get("team_id")),
        "team_name": many2one_name(raw.get("team_id")),
        "country_code": value(raw.get("country_code")),
        "lang_code": value(raw.get("lang_code")),
        "lost_reason_id": many2one_id(raw.get("lost_reason_id")),
        "lost_reason": many2one_name(raw.get("lost_reason_id")),
        "create_date": timestamp(raw.get("create_date")),
        "write_date": timestamp(raw.get("write_date")),
        "date_closed": timestamp(raw.get("date_closed")),
    }


def deleted_data(raw):
    """lead_deleted and sale_order_deleted: what is left of the record, its id and name."""
    return {"id": raw["id"], "name": value(raw.get("name"))}


def sale_order_data(raw):
    return {
        "id": raw["id"],
        "name": value(raw.get("name")),
        "partner_id": many2one_id(raw.get("partner_id")),
        "partner_name": many2one_name(raw.get("partner_id")),
        "state": value(raw.get("state")),
        "amount_untaxed": number(raw.get("amount_untaxed")),
        "amount_tax": number(raw.get("amount_tax")),
        "amount_total": number(raw.get("amount_total")),
        "currency": value(raw.get("currency")) or many2one_name(raw.get("currency_id")),
        "opportunity_id": many2one_id(raw.get("opportunity_id")),
        "user_id": many2one_id(raw.get("user_id")),
        "user_name": many2one_name(raw.get("user_id")),
        "team_id": many2one_id(raw.get("team_id")),
        "team_name": many2one_name(raw.get("team_id")),
        "date_order": timestamp(raw.get("date_order")),
        "create_date": timestamp(raw.get("create_date")),
        "write_date": timestamp(raw.get("write_date")),
    }


def event(name, data, when):
    """The whole message; `when` is the naive UTC time of the change."""
    if name not in EVENTS:
        raise ValueError("unknown event %r" % name)
    return {"event": name, "timestamp": timestamp(when), "data": data}


def dumps(message):
    """The exact body sent (and signed): UTF-8 JSON, Arabic kept as it is."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def pretty(body):
    """A stored body laid out for a person to read (indented, Arabic as it is); the text itself
    when it is not JSON."""
    try:
        return json.dumps(json.loads(body), ensure_ascii=False, indent=2)
    except (TypeError, ValueError):
        return body or ""
