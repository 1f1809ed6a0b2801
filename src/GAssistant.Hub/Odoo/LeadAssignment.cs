using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GAssistant.Hub.Data;

namespace GAssistant.Hub.Odoo;

/// <summary>
/// Gives a new lead of a sales team its salesperson at once, round-robin among the team's members as Odoo's own
/// assignment would allow them (<c>crm.team.member</c>): not paused (<c>assignment_optout</c>), with capacity left, and whose
/// <c>assignment_domain</c> the lead matches (asked of Odoo: <c>search_count</c> of the lead's id and the domain). The turn
/// is kept per team in SyncStates (<c>assign.team:&lt;id&gt;</c>). A lead that already has a salesperson (an automation
/// rule, a person) is never reassigned; none allowed leaves it unassigned for Odoo's own assignment. Safe to run again
/// after a crash: it looks at the lead first.
/// <para>Capacity as each series' <c>_get_assignment_quota</c> counts it: from Odoo 18, a day's share
/// (<c>assignment_max</c> / 30, rounded) less <c>lead_day_count</c> (leads of the last 24 hours); Odoo 17 has no daily
/// count, only <c>lead_month_count</c> (30 days) against <c>assignment_max</c>, its capacity "on 30 days".</para>
/// </summary>
public sealed partial class LeadAssignment(OdooClient odoo, HubDbContext db, TimeProvider clock, ILogger<LeadAssignment> logger)
{
    private static readonly string[] DailyMemberFields = ["user_id", "assignment_domain", "assignment_optout", "assignment_max", "lead_day_count"];
    private static readonly string[] MonthlyMemberFields = ["user_id", "assignment_domain", "assignment_optout", "assignment_max", "lead_month_count"];

    /// <summary>The salesperson the lead has after this (null: none allowed, left for Odoo).</summary>
    public async Task<long?> AssignAsync(long leadId, long teamId, CancellationToken cancellationToken)
    {
        var lead = await odoo.ReadAsync("crm.lead", leadId, ["user_id"], cancellationToken);
        if (lead.Count == 0)
        {
            return null;
        }

        if (OdooJson.Id(lead[0], "user_id") is { } already)
        {
            return already;
        }

        var daily = (await odoo.ServerVersionAsync(cancellationToken)).Major >= 18;
        var members = await odoo.SearchReadAsync("crm.team.member", [new JsonArray("crm_team_id", "=", teamId)],
            daily ? DailyMemberFields : MonthlyMemberFields, "id", limit: null, includeArchived: false, cancellationToken);
        var turn = await db.SyncStates.FindAsync([TurnName(teamId)], cancellationToken);
        var last = long.TryParse(turn?.Value, CultureInfo.InvariantCulture, out var l) ? l : 0;
        var candidates = members.Select(m => Member(m, daily)).Where(m => m is not null).Select(m => m!.Value).Where(m => m.Allowed)
            .DistinctBy(m => m.UserId).OrderBy(m => m.UserId).ToList();
        // The next after the last one given a lead, then from the start: everyone gets a turn in order.
        foreach (var member in candidates.Where(m => m.UserId > last).Concat(candidates.Where(m => m.UserId <= last)))
        {
            if (member.Domain is not { } domain)
            {
                Log.UnreadableDomain(logger, member.UserId, teamId);
                continue;
            }

            if (domain.Count > 0 && await odoo.SearchCountAsync("crm.lead", [.. Prefixed(leadId, domain)], includeArchived: true, cancellationToken) == 0)
            {
                continue;
            }

            await odoo.WriteAsync("crm.lead", leadId, new JsonObject { ["user_id"] = member.UserId }, cancellationToken);
            if (turn is null)
            {
                turn = new SyncState { Name = TurnName(teamId) };
                db.SyncStates.Add(turn);
            }

            turn.Value = member.UserId.ToString(CultureInfo.InvariantCulture);
            turn.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            Log.Assigned(logger, leadId, member.UserId, teamId);
            return member.UserId;
        }

        Log.NobodyAllowed(logger, leadId, teamId, members.Count);
        return null;
    }

    public static string TurnName(long teamId) => $"assign.team:{teamId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>[('id', '=', lead), …domain]</c>: Odoo ands top-level terms, so the domain's own operators keep their meaning.</summary>
    private static IEnumerable<JsonNode?> Prefixed(long leadId, JsonArray domain) =>
        new JsonNode?[] { new JsonArray("id", "=", leadId) }.Concat(domain.Select(d => d?.DeepClone()));

    private static Candidate? Member(JsonElement row, bool daily)
    {
        if (OdooJson.Id(row, "user_id") is not { } user)
        {
            return null;
        }

        var optOut = row.TryGetProperty("assignment_optout", out var o) && o.ValueKind == JsonValueKind.True;
        var max = row.TryGetProperty("assignment_max", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 30;
        var counted = row.TryGetProperty(daily ? "lead_day_count" : "lead_month_count", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : 0;
        var quota = daily ? (int)Math.Round(max / 30.0, MidpointRounding.AwayFromZero) - counted : max - counted;
        var text = row.TryGetProperty("assignment_domain", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new Candidate(user, !optOut && quota > 0, OdooDomainText.Parse(text));
    }

    private readonly record struct Candidate(long UserId, bool Allowed, JsonArray? Domain);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "Odoo lead {LeadId} assigned to user {UserId} of team {TeamId} (round-robin)")]
        public static partial void Assigned(ILogger logger, long leadId, long userId, long teamId);

        [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "Odoo lead {LeadId}: none of the {Members} members of team {TeamId} may take it now (paused, at capacity or outside their domain); left to Odoo's assignment")]
        public static partial void NobodyAllowed(ILogger logger, long leadId, long teamId, int members);

        [LoggerMessage(EventId = 2206, Level = LogLevel.Warning, Message = "The assignment domain of user {UserId} in team {TeamId} is not a literal domain the hub can send; that member is skipped")]
        public static partial void UnreadableDomain(ILogger logger, long userId, long teamId);
    }
}
