from odoo import api, models

from ..lib import payload as payload_lib

# A write that touches one of these sends lead_updated; other writes (tracking, colour,
# activities...) send nothing. partner_id and company_id change computed values we send.
SIGNIFICANT_FIELDS = frozenset({
    "name", "partner_name", "contact_name", "email_from", "phone", "type", "active",
    "stage_id", "expected_revenue", "probability", "source_id", "medium_id", "campaign_id",
    "user_id", "team_id", "country_id", "lang_id", "lost_reason_id", "date_closed",
    "partner_id", "company_id",
})
READ_FIELDS = [
    "name", "partner_name", "contact_name", "email_from", "phone", "type", "active",
    "stage_id", "expected_revenue", "probability", "source_id", "medium_id", "campaign_id",
    "user_id", "team_id", "lang_code", "lost_reason_id", "create_date", "write_date",
    "date_closed", "won_status",
]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._g_assistant_notify(payload_lib.LEAD_CREATED)
        return leads

    def write(self, vals):
        result = super().write(vals)
        if SIGNIFICANT_FIELDS.intersection(vals):
            self._g_assistant_notify(payload_lib.LEAD_UPDATED)
        return result

    def unlink(self):
        self._g_assistant_notify(payload_lib.LEAD_DELETED)
        return super().unlink()

    def _g_assistant_notify(self, event):
        Delivery = self.env["g_assistant.webhook.delivery"]
        if not self or not Delivery._wants("leads"):
            return
        leads = self.sudo().with_context(active_test=False)
        if event == payload_lib.LEAD_DELETED:
            Delivery._enqueue(event, leads, [payload_lib.deleted_data(values)
                                             for values in leads.read(["name"])])
            return
        Delivery._enqueue(event, leads, [payload_lib.lead_data(values)
                                         for values in leads._g_assistant_values()])

    def _g_assistant_values(self):
        """read() values of the leads, plus what the payload needs from related records.

        Names of stages, teams, sources... are read in en_US, whatever the language of the
        user who saved: the hub groups by them, and one stage must keep one name.
        """
        leads = self.with_context(lang="en_US")
        names = [name for name in READ_FIELDS if name in self._fields]  # won_status: 17.0+
        all_values = leads.read(names)
        for lead, values in zip(leads, all_values):
            values.update(
                stage_is_won=lead.stage_id.is_won,
                currency=lead.company_currency.name or lead.company_id.currency_id.name
                or self.env.company.currency_id.name,
                country_code=lead.country_id.code,
            )
        return all_values
