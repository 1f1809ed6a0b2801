using System.Globalization;
using System.Text.Json;
using GAssistant.Hub.Data;
using GAssistant.Hub.Jobs;
using GAssistant.Hub.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// Backfill and reconciliation: reads each configured Page's forms (<c>/{page_id}/leadgen_forms</c>) and their
/// leads (<c>/{form_id}/leads</c>, filtered on <c>time_created</c>), page after page, and queues every lead for
/// Odoo exactly like a webhook would, so leads whose notification never came still arrive
/// (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving#bulk-read).
/// </summary>
public sealed partial class MetaLeadSync(HubDbContext db, GraphClient graph, IOptionsMonitor<MetaOptions> options, TimeProvider clock, ILogger<MetaLeadSync> logger)
{
    public const string JobKind = "meta.sync_leads";

    /// <summary>Re-read a little before the newest lead seen: leads can become readable shortly after their time.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(1);

    public async Task<string> RunAsync(DateTime? since, JobProgress progress, CancellationToken cancellationToken)
    {
        var pages = options.CurrentValue.PageIds.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        if (pages.Count == 0)
        {
            return "No Meta:PageIds configured; nothing to read.";
        }

        int forms = 0, seen = 0, queued = 0;
        var skipped = new List<string>();
        for (var i = 0; i < pages.Count; i++)
        {
            try
            {
                var formQuery = new Dictionary<string, string> { ["fields"] = "id,name,status", ["limit"] = "100" };
                await foreach (var item in graph.GetAllAsync($"{pages[i]}/leadgen_forms", formQuery, GraphScope.PageForms(pages[i]), cancellationToken))
                {
                    var form = await UpsertFormAsync(pages[i], item, cancellationToken);
                    var (formSeen, formQueued) = await ReadFormAsync(form, since, cancellationToken);
                    (forms, seen, queued) = (forms + 1, seen + formSeen, queued + formQueued);
                }
            }
            catch (GraphApiException ex) when (ex.Kind is GraphErrorKind.RateLimited or GraphErrorKind.PermissionMissing)
            {
                // Meta limits per Page: the other Pages are read; this one at the next backfill (cursors moved only for what was read).
                skipped.Add($"{pages[i]}: {ex.Message}");
                Log.PageSkipped(logger, pages[i], ex.Kind, ex);
            }

            await progress.ReportAsync((i + 1) * 100 / pages.Count, $"Read {forms} forms, {seen} leads, {queued} newly queued.");
        }

        if (skipped.Count == pages.Count)
        {
            throw new InvalidOperationException($"No Page could be read now: {string.Join(" ", skipped)}");
        }

        Log.Done(logger, forms, seen, queued);
        return $"Read {forms} forms on {pages.Count - skipped.Count} pages: {seen} leads, {queued} newly queued for Odoo."
            + (skipped.Count > 0 ? $" Not read now (read again at the next backfill): {string.Join(" ", skipped)}" : "");
    }

    private async Task<MetaLeadForm> UpsertFormAsync(string pageId, JsonElement item, CancellationToken cancellationToken)
    {
        var id = MetaNotification.Id(item, "id") ?? throw new JsonException("A form without an id.");
        var form = await db.MetaLeadForms.FindAsync([id], cancellationToken);
        if (form is null)
        {
            form = new MetaLeadForm { Id = id };
            db.MetaLeadForms.Add(form);
        }

        form.PageId = pageId;
        form.Name = item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : form.Name;
        form.Status = item.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : form.Status;
        form.SyncedAt = clock.GetUtcNow().UtcDateTime;
        return form;
    }

    private async Task<(int Seen, int Queued)> ReadFormAsync(MetaLeadForm form, DateTime? since, CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string> { ["fields"] = MetaLead.Fields, ["limit"] = "100" };
        var from = since ?? form.LeadsReadUntil - Overlap;
        if (from is { } start)
        {
            var unix = new DateTimeOffset(DateTime.SpecifyKind(start, DateTimeKind.Utc)).ToUnixTimeSeconds();
            query["filtering"] = $$"""[{"field":"time_created","operator":"GREATER_THAN","value":{{unix.ToString(CultureInfo.InvariantCulture)}}}]""";
        }

        int seen = 0, queued = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await foreach (var item in graph.GetAllAsync($"{form.Id}/leads", query, GraphScope.Leads(form.PageId), cancellationToken))
        {
            var lead = MetaLead.Parse(item);
            seen++;
            var job = new MetaLeadJob(lead.Id, form.PageId, form.Id, lead.AdId, lead.CreatedTime, item);
            if (await MetaLeadQueue.EnqueueAsync(db, job, now, cancellationToken))
            {
                queued++;
            }
            else
            {
                await RearmFailedAsync(lead.Id, now, cancellationToken);
            }

            if (lead.CreatedTime > form.LeadsReadUntil || form.LeadsReadUntil is null)
            {
                form.LeadsReadUntil = lead.CreatedTime;
            }
        }

        // The cursor moves only once the form's leads are all queued, in the same save.
        await db.SaveChangesAsync(cancellationToken);
        return (seen, queued);
    }

    /// <summary>A lead whose message gave up (e.g. while the token was refused) gets another chance when the backfill sees it again.</summary>
    private async Task RearmFailedAsync(string leadgenId, DateTime now, CancellationToken cancellationToken)
    {
        var failed = await db.OutboxMessages.SingleOrDefaultAsync(
            m => m.Kind == MetaLeadQueue.Kind && m.DedupKey == leadgenId && m.Status == OutboxStatus.Failed, cancellationToken);
        if (failed is not null)
        {
            failed.Status = OutboxStatus.Pending;
            failed.Attempts = 0;
            failed.NextAttemptAt = now;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Meta lead backfill: {Forms} forms, {Seen} leads, {Queued} newly queued")]
        public static partial void Done(ILogger logger, int forms, int seen, int queued);

        [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Meta lead backfill skipped Page {Page} ({Kind}); the others are read")]
        public static partial void PageSkipped(ILogger logger, string page, GraphErrorKind kind, Exception exception);
    }
}
