"""The outbox's SQL: written in one statement per batch, claimed and settled in short transactions.

Not a model: the SQL that g_assistant.webhook.delivery runs where the ORM would cost one
statement per event (a 1,000-lead import writes its 1,000 events in one INSERT ... SELECT), or
where the transaction matters (the claim, then the result, each committed on its own so no
lock and no database connection is held while the hub is being called).
"""
import json
import uuid

TABLE = "g_assistant_webhook_delivery"
# A claimed row is left alone by other workers until then; a worker that died mid-send gives
# its rows back when the claim runs out (the hub ignores the repeated webhook-id).
CLAIM_MARGIN_SECONDS = 60


def insert(cr, rows, uid, now):
    """rows: (webhook_id, event, res_model, res_id, record_name, payload). Returns the new ids."""
    if not rows:
        return []
    columns = list(zip(*rows))
    cr.execute("""
        INSERT INTO g_assistant_webhook_delivery
               (webhook_id, event, res_model, res_id, record_name, payload, state, attempts,
                next_attempt_at, create_uid, create_date, write_uid, write_date)
        SELECT w, e, m, r, n, p, 'pending', 0, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
          FROM unnest(%(w)s::varchar[], %(e)s::varchar[], %(m)s::varchar[], %(r)s::int[],
                      %(n)s::varchar[], %(p)s::text[]) AS u(w, e, m, r, n, p)
        RETURNING id
    """, {"w": list(columns[0]), "e": list(columns[1]), "m": list(columns[2]),
          "r": list(columns[3]), "n": list(columns[4]), "p": list(columns[5]),
          "uid": uid, "now": now})
    return [row[0] for row in cr.fetchall()]


def refresh(cr, rows, uid, now):
    """Gives rows of this transaction, not tried yet, their record's final state.

    rows: (id, event, record_name, payload). Returns the ids refreshed; a row missing from
    the answer was rolled back (a savepoint) or already picked up, and must be inserted.
    """
    if not rows:
        return set()
    columns = list(zip(*rows))
    cr.execute("""
        UPDATE g_assistant_webhook_delivery d
           SET event = u.e, record_name = u.n, payload = u.p, write_uid = %(uid)s,
               write_date = %(now)s
          FROM unnest(%(i)s::int[], %(e)s::varchar[], %(n)s::varchar[], %(p)s::text[])
               AS u(i, e, n, p)
         WHERE d.id = u.i AND d.state = 'pending' AND d.attempts = 0 AND d.claim_token IS NULL
     RETURNING d.id
    """, {"i": list(columns[0]), "e": list(columns[1]), "n": list(columns[2]),
          "p": list(columns[3]), "uid": uid, "now": now})
    return {row[0] for row in cr.fetchall()}


# The claim's plan rests on PostgreSQL's estimate of the pending events. Statistics taken when
# (almost) every event was sent make it expect one, and it then checks each pending event
# against every other: after a bulk import of 5,000 leads each claim of 250 took 8 s (Odoo 18,
# 25 million rows compared) until autovacuum analysed the table, up to a minute or more later.
STALE_MIN_PENDING = 500
STALE_FACTOR = 10
ANALYZE_LOCK_TIMEOUT_MS = 2000


def planned_pending(cr):
    """How many pending events PostgreSQL's statistics make it expect."""
    cr.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM g_assistant_webhook_delivery "
               "WHERE state = 'pending'")
    plan = cr.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def refresh_statistics(cr):
    """ANALYZE the outbox when the statistics expect far fewer pending events than there are
    (STALE_MIN_PENDING or more, over STALE_FACTOR times the estimate). Returns whether it did.
    A lock held for longer than ANALYZE_LOCK_TIMEOUT_MS (another ANALYZE or a VACUUM of the
    table) raises instead of waiting: the caller goes on with the statistics as they are."""
    cr.execute("SELECT count(*) FROM g_assistant_webhook_delivery WHERE state = 'pending'")
    pending = cr.fetchone()[0]
    if pending < STALE_MIN_PENDING or pending <= STALE_FACTOR * planned_pending(cr):
        return False
    cr.execute("SET LOCAL lock_timeout = %s", (ANALYZE_LOCK_TIMEOUT_MS,))
    cr.execute("ANALYZE g_assistant_webhook_delivery")
    return True


def claim(cr, now, limit, lease_seconds, ids=None, manual=False, exclude=()):
    """Claims due events and returns them as dicts; the caller commits before sending.

    Only the oldest pending event of each record is due, so the events of one record reach
    the hub in order. FOR UPDATE SKIP LOCKED leaves rows another worker is claiming to it; the
    caller runs this in READ COMMITTED, where a row changed since the statement began is
    checked again instead of failing with "could not serialize access".
    `manual`: "Retry now" on `ids`: due whatever their schedule, failed ones given a new
    series of attempts.
    """
    token = uuid.uuid4().hex
    params = {"now": now, "limit": limit, "token": token, "exclude": list(exclude),
              "until_seconds": lease_seconds + CLAIM_MARGIN_SECONDS, "ids": list(ids or [])}
    states = "('pending', 'failed')" if manual else "('pending')"
    due = "" if manual else "AND c.next_attempt_at <= %(now)s"
    only = "AND c.id = ANY(%(ids)s)" if ids is not None else ""
    # an earlier event of the record blocks this one while it is pending (or being retried)
    blocking = ("(p.state = 'pending' OR (p.state = 'failed' AND p.id = ANY(%(ids)s)))"
                if manual else "p.state = 'pending'")
    cr.execute("""
        UPDATE g_assistant_webhook_delivery d
           SET claim_token = %(token)s,
               claimed_until = %(now)s + make_interval(secs => %(until_seconds)s),
               state = 'pending',
               attempts = CASE WHEN d.state = 'failed' THEN 0 ELSE d.attempts END,
               next_attempt_at = CASE WHEN d.state = 'failed' THEN %(now)s
                                      ELSE d.next_attempt_at END
         WHERE d.id IN (
               SELECT c.id FROM g_assistant_webhook_delivery c
                WHERE c.state IN {states} {due} {only}
                  AND (c.claimed_until IS NULL OR c.claimed_until < %(now)s)
                  AND NOT (c.id = ANY(%(exclude)s))
                  AND NOT EXISTS (
                      SELECT 1 FROM g_assistant_webhook_delivery p
                       WHERE p.res_model = c.res_model AND p.res_id = c.res_id
                         AND p.id < c.id AND {blocking})
                ORDER BY c.next_attempt_at, c.id
                LIMIT %(limit)s
                  FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.webhook_id, d.payload, d.attempts, d.next_attempt_at, d.event,
               d.res_model, d.res_id, d.claim_token
    """.format(states=states, due=due, only=only, blocking=blocking), params)
    names = [c[0] for c in cr.description]
    rows = [dict(zip(names, row)) for row in cr.fetchall()]
    rows.sort(key=lambda r: (r["next_attempt_at"], r["id"]))
    return rows


def release(cr, rows):
    """Gives back claimed rows that were not tried (the hub stopped answering)."""
    if rows:
        cr.execute("""
            UPDATE g_assistant_webhook_delivery SET claim_token = NULL, claimed_until = NULL
             WHERE id = ANY(%s) AND claim_token = ANY(%s)
        """, ([r["id"] for r in rows], list({r["claim_token"] for r in rows})))


RESULT_COLUMNS = ("id", "claim_token", "state", "attempts", "last_status_code", "latency_ms",
                  "last_outcome", "last_error", "next_attempt_at", "last_attempt_at", "sent_at")


def settle(cr, results, uid, now):
    """Writes the outcome of each attempt, in one statement; `results` are dicts of
    RESULT_COLUMNS. A row claimed again by another worker meanwhile (its claim ran out) is left
    to that worker."""
    if not results:
        return
    columns = {name: [r[name] for r in results] for name in RESULT_COLUMNS}
    cr.execute("""
        UPDATE g_assistant_webhook_delivery d
           SET state = u.state, attempts = u.attempts, last_status_code = u.status,
               latency_ms = u.latency, last_outcome = u.outcome, last_error = u.error,
               next_attempt_at = u.next_at, last_attempt_at = u.tried_at, sent_at = u.sent_at,
               claim_token = NULL, claimed_until = NULL, write_uid = %(uid)s,
               write_date = %(now)s
          FROM unnest(%(id)s::int[], %(claim_token)s::varchar[], %(state)s::varchar[],
                      %(attempts)s::int[], %(last_status_code)s::int[], %(latency_ms)s::int[],
                      %(last_outcome)s::varchar[], %(last_error)s::text[],
                      %(next_attempt_at)s::timestamp[], %(last_attempt_at)s::timestamp[],
                      %(sent_at)s::timestamp[])
               AS u(id, token, state, attempts, status, latency, outcome, error, next_at,
                    tried_at, sent_at)
         WHERE d.id = u.id AND d.claim_token = u.token
    """, dict(columns, uid=uid, now=now))
