using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GAssistant.Hub.Meta.Conversions;

/// <summary>
/// A lead's new CRM stage, queued for Meta (the outbox payload). Contact details are already hashed: the outbox never
/// holds them in clear.
/// </summary>
/// <param name="LeadgenId">The Meta lead id, when the hub made the Odoo lead from a Meta lead.</param>
/// <param name="ChangedAt">When the lead reached the stage (UTC), never before the lead was made: its <c>event_time</c>.</param>
public sealed record CrmStageEvent(long OdooLeadId, string? LeadgenId, string Stage, DateTime ChangedAt, string? EmailHash, string? PhoneHash)
{
    public const string Kind = "meta.crm_event";

    /// <summary>Meta accepts CRM events up to 7 days old.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    /// <summary>
    /// Lead id + stage: each stage of a lead goes to Meta once, as Meta's funnel expects (a lead moved back and forward again
    /// does not repeat a stage), whether the change came by webhook or by sync.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DedupKey => $"{OdooLeadId}|stage|{(Stage.Length > 180 ? Stage[..180] : Stage)}";

    /// <summary>
    /// One event as the payload specification of the Conversions API for CRM asks
    /// (https://developers.facebook.com/documentation/ads-commerce/conversions-api/conversion-leads-integration/payload-specification):
    /// the stage as <c>event_name</c>, <c>event_time</c> in Unix seconds ("must occur after the lead generation time"),
    /// <c>action_source: system_generated</c>, the unhashed Meta <c>lead_id</c> (else hashed <c>em</c>/<c>ph</c>), and
    /// <c>custom_data</c> with <c>event_source: crm</c> and <c>lead_event_source</c> naming the CRM. <c>event_id</c> lets Meta
    /// drop a repeat of the same event.
    /// </summary>
    public JsonObject ToGraphEvent()
    {
        var user = new JsonObject();
        if (LeadgenId is not null)
        {
            user["lead_id"] = long.TryParse(LeadgenId, out var numeric) ? JsonValue.Create(numeric) : JsonValue.Create(LeadgenId);
        }
        else
        {
            if (EmailHash is not null)
            {
                user["em"] = new JsonArray(EmailHash);
            }

            if (PhoneHash is not null)
            {
                user["ph"] = new JsonArray(PhoneHash);
            }
        }

        return new JsonObject
        {
            ["event_name"] = Stage,
            ["event_time"] = new DateTimeOffset(DateTime.SpecifyKind(ChangedAt, DateTimeKind.Utc)).ToUnixTimeSeconds(),
            ["event_id"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DedupKey)))[..32],
            ["action_source"] = "system_generated",
            ["user_data"] = user,
            ["custom_data"] = new JsonObject { ["event_source"] = "crm", ["lead_event_source"] = "Odoo" },
        };
    }
}
