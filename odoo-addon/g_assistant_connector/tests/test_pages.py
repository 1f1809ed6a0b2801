"""The pages as an administrator uses them, in a real browser (Odoo's HttpCase and Chrome).

Each script logs "test successful" when every check passed; a missing element, a failed check
or any JavaScript error fails the test.
"""
import json

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..lib import sender, signing
from ..models import config as hub_config
from .common import configure

HELPERS = """
const waitFor = async (selector, text = "", root = document) => {
    for (let i = 0; i < 300; i++) {
        const found = [...root.querySelectorAll(selector)].find(
            (el) => el.textContent.includes(text) && el.offsetParent !== null);
        if (found) { return found; }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${selector} "${text}" not found`);
};
const waitUntil = async (what, check) => {
    for (let i = 0; i < 300; i++) {
        if (await check()) { return; }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting: ${what}`);
};
const type = (input, value) => {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
};
const expect = (condition, message) => { if (!condition) { throw new Error(message); } };
const rpc = async (model, method, args) => {
    const response = await fetch(`/web/dataset/call_kw/${model}/${method}`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1,
                               params: { model, method, args, kwargs: {} } }) });
    return (await response.json()).result;
};
const run = (steps) => steps().then(
    () => console.log("test successful"), (error) => console.error(error.message));
"""

# tick -> URL -> Generate -> (the secret, shown once, with a copy button) -> Done -> Save
NATURAL_SETUP = HELPERS + """
run(async () => {
    await waitFor(".app_settings_block h2", "G-Assistant Integration");
    (await waitFor(".o_field_widget[name='g_assistant_enabled'] input")).click();
    type(await waitFor(".o_field_widget[name='g_assistant_hub_url'] input"),
         "https://hub.example.com");
    (await waitFor("button[name='action_g_assistant_generate_secret']", "Generate")).click();
    const dialog = await waitFor(".modal-dialog", "Copy it into the hub now");
    const shown = await waitFor(".o_field_widget[name='secret']", "whsec_", dialog);
    expect(getComputedStyle(shown).direction === "ltr", "the secret is not left to right");
    await waitFor(".o_clipboard_button", "", dialog);
    (await waitFor("button[name='action_done']", "", dialog)).click();
    await waitUntil("the dialog closes", () => !document.querySelector(".modal-dialog"));
    const url = await waitFor(".o_field_widget[name='g_assistant_hub_url'] input");
    expect(url.value === "https://hub.example.com", "the URL typed before Generate is gone");
    await waitFor(".o_field_widget[name='g_assistant_secret_hint']", "whsec_…");
    (await waitFor(".o_form_button_save")).click();
    await waitUntil("the settings are saved", async () =>
        await rpc("ir.config_parameter", "get_param", ["g_assistant_connector.enabled"]) === "True");
});
"""

DELIVERIES_LIST = HELPERS + """
run(async () => {
    const row = await waitFor(".o_data_row", "عرض أسعار للمتجر");
    const text = document.querySelector(".o_list_renderer").textContent;
    for (const expected of ["Lead changed", "Lead created", "No answer", "Stored by the hub",
                            "No answer from the hub"]) {
        expect(text.includes(expected), `the list does not show "${expected}"`);
    }
    for (const raw of ["lead_updated", "lead_created", "no_answer", "ConnectionError"]) {
        expect(!text.includes(raw), `the list shows the raw "${raw}"`);
    }
    row.querySelector("td.o_data_cell").click();
    const link = await waitFor(".o_field_widget[name='record_ref'] a", "عرض أسعار للمتجر");
    expect(link.getAttribute("href") !== null || link.classList.contains("o_form_uri"),
           "the record is not a link");
    const body = await waitFor(".o_field_widget[name='payload_pretty']", "\\"data\\"");
    expect(body.textContent.includes('\\n  "data": {'), "the body is not laid out");
    const style = getComputedStyle(body.querySelector("span, pre, div") || body);
    expect(style.direction === "ltr", "the body is not left to right");
    expect(["pre", "pre-wrap"].includes(style.whiteSpace), "the body loses its line breaks");
    await waitFor(".alert-warning", "No answer from the hub");
    await waitFor("button[name='action_retry_now']", "Retry now");
});
"""

DELIVERIES_ON_A_PHONE = HELPERS + """
run(async () => {
    const card = await waitFor(".o_kanban_record", "عرض أسعار للمتجر");
    expect(card.textContent.includes("Lead changed"), "the card does not name the event");
    expect(card.textContent.includes("No answer"), "the card does not show the last answer");
    expect(document.querySelector(".o_list_renderer") === null, "a table on a phone");
    const page = document.scrollingElement;
    expect(page.scrollWidth <= window.innerWidth + 1,
           `the page scrolls sideways (${page.scrollWidth} > ${window.innerWidth})`);
});
"""

ACTION = "/web#action=g_assistant_connector.action_g_assistant_webhook_delivery"


class PageCase(HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        configure(cls.env, enabled=True, hub_url="https://hub.example.com",
                  secret=signing.generate_secret())

    @classmethod
    def make_deliveries(cls):
        lead = cls.env["crm.lead"].create({"name": "عرض أسعار للمتجر"})
        Delivery = cls.env["g_assistant.webhook.delivery"]
        Delivery.search([]).unlink()
        now = fields.Datetime.now()
        body = json.dumps({"event": "lead_updated", "timestamp": "2026-11-24T10:00:00",
                           "data": {"id": lead.id, "name": lead.name}}, ensure_ascii=False)
        common = {"res_model": "crm.lead", "res_id": lead.id, "record_name": lead.name,
                  "payload": body}
        Delivery.create(dict(common, event="lead_created", state="sent", attempts=1,
                             last_outcome=sender.ACCEPTED, last_status_code=200,
                             latency_ms=12, sent_at=now, last_attempt_at=now))
        Delivery.create(dict(common, event="lead_updated", state="pending", attempts=2,
                             last_outcome=sender.NO_ANSWER, last_attempt_at=now,
                             last_error="ConnectionError: HTTPConnectionPool(host='hub')"))


@tagged("post_install", "-at_install")
class TestSettingsPage(PageCase):

    def test_setup_saves_in_the_natural_order(self):
        configure(self.env, enabled=False, hub_url="", secret="")
        self.browser_js("/web#action=base_setup.action_general_configuration", NATURAL_SETUP,
                        login="admin", timeout=180)
        config = hub_config.read(self.env)
        self.assertEqual((config.enabled, config.hub_url), (True, "https://hub.example.com"))
        self.assertTrue(signing.is_valid_secret(config.secret))


@tagged("post_install", "-at_install")
class TestDeliveriesPage(PageCase):

    def test_the_list_and_the_form_speak_to_an_administrator(self):
        self.make_deliveries()
        self.browser_js(ACTION, DELIVERIES_LIST, login="admin", timeout=180)


@tagged("post_install", "-at_install")
class TestDeliveriesOnAPhone(PageCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_a_phone_shows_cards_not_a_table_that_scrolls_sideways(self):
        self.make_deliveries()
        self.browser_js(ACTION, DELIVERIES_ON_A_PHONE, login="admin", timeout=180)
