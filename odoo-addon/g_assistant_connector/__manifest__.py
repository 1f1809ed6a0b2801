{
    "name": "G-Assistant Connector",
    # The version of the module for the newest series it is written for; package.sh writes the
    # module for each series with the version rewritten to that series (17.0.…, 18.0.…).
    "version": "19.0.1.1.0",
    "summary": "Sends every change to leads and sales orders to the G-Assistant CRM Hub, "
               "signed (Standard Webhooks) and retried until it arrives",
    "category": "Sales/CRM",
    "author": "G-Assistant",
    "license": "LGPL-3",
    # sale_crm links sale orders to opportunities (opportunity_id); installing crm and
    # sale_management installs it automatically.
    "depends": ["crm", "sale_crm"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/webhook_delivery_views.xml",
        "wizards/secret_wizard_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "g_assistant_connector/static/src/scss/g_assistant_connector.scss",
        ],
    },
    "installable": True,
    "application": False,
}
