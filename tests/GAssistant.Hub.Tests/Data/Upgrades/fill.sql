-- Rows of a working hub that no endpoint of the old release writes; run by make_fixture.py on SQLite and on
-- PostgreSQL after that release's hub has migrated the database and applied the fixture's webhooks.
-- Portable SQL only (CURRENT_TIMESTAMP, plain literals). UpgradeTests checks every row.

-- An API key made in Settings (only its SHA-256 is stored): gah_upgrade-fixture-key-0123456789
INSERT INTO api_keys (name, prefix, key_hash, created_at)
VALUES ('مفتاح التقارير', 'gah_upgr', '083e9c2b669299f7cf180232568a82e386337dbab3964ba4604428cae92ba73c', CURRENT_TIMESTAMP);

-- A call still owed to Odoo, waiting for its next attempt after two failures.
INSERT INTO outbox_messages (kind, dedup_key, payload, created_at, status, attempts, next_attempt_at, last_error)
VALUES ('meta.lead_to_odoo', 'fixture-meta-lead-9001', '{"leadgen_id":"9001","page_id":"1"}', CURRENT_TIMESTAMP, 0, 2,
        '2099-01-01 00:00:00', 'Odoo did not answer (fixture)');

-- A delivery that failed for good and waits for a person to replay it from /deliveries.
INSERT INTO inbox_events (source, delivery_id, event_type, payload, received_at, status, attempts, next_attempt_at, last_error)
VALUES ('odoo', 'msg_fixture_failed', 'lead_updated', '{"event":"lead_updated","data":{}}', CURRENT_TIMESTAMP, 2, 10,
        CURRENT_TIMESTAMP, 'The stored event has no ''data'' object with the record''s ''id''.');

-- A setting kept between runs.
INSERT INTO sync_states (name, value, updated_at) VALUES ('fixture.marker', 'kept across the upgrade', CURRENT_TIMESTAMP);
