from odoo.tests import HttpCase, tagged

from ..models import config as hub_config

# Waits for General Settings to show the G-Assistant block with its fields and buttons;
# a missing element or any JS error fails the test (needs Chrome/Chromium, else skipped).
CHECK_SETTINGS_PAGE = """
const waitFor = async (selector, text = "") => {
    for (let i = 0; i < 200; i++) {
        const found = [...document.querySelectorAll(selector)].find(
            (el) => el.textContent.includes(text));
        if (found) { return found; }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${selector} ${text} not found`);
};
(async () => {
    const title = await waitFor(".app_settings_block h2", "G-Assistant Integration");
    const block = title.nextElementSibling;
    for (const name of ["g_assistant_enabled", "g_assistant_hub_url", "g_assistant_secret",
                        "g_assistant_send_leads", "g_assistant_send_sale_orders",
                        "g_assistant_timeout", "g_assistant_max_attempts"]) {
        if (!block.querySelector(`.o_field_widget[name='${name}']`)) {
            throw new Error(`field ${name} is not shown`);
        }
    }
    await waitFor("button[name='action_g_assistant_generate_secret']", "Generate");
    await waitFor("button[name='action_g_assistant_send_test']", "Send test event");
    if (block.querySelector("input#" + block.querySelector(
            ".o_field_widget[name='g_assistant_timeout'] input").id).value !== "10") {
        throw new Error("the timeout does not show its default of 10 seconds");
    }
    console.log("test successful");
})().catch((error) => console.error(error.message));
"""


@tagged("post_install", "-at_install")
class TestSettingsPage(HttpCase):

    def test_general_settings_show_the_g_assistant_block(self):
        self.env["ir.config_parameter"].sudo().set_param(hub_config.ENABLED, "True")
        self.browser_js("/web#action=base_setup.action_general_configuration",
                        CHECK_SETTINGS_PAGE, login="admin", timeout=120)
