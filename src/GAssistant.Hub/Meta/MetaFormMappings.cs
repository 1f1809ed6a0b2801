using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GAssistant.Hub.Connections;
using GAssistant.Hub.Localization;
using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>A lead form of a connected Page, for the form picker.</summary>
public sealed record FormSummary(string Id, string Name, string? Status, string PageId, bool HasMapping);

/// <summary>A question and where its answer goes now: <see cref="Saved"/> false means the proposal (by key) applies.</summary>
public sealed record QuestionMapping(string Key, string Label, string Type, IReadOnlyList<FormOption> Options, string Target, bool Saved);

/// <summary>An Odoo record to pick (a sales team, a salesperson).</summary>
public sealed record OdooPick(long Id, string Name);

/// <summary>Everything Settings shows of one form's mapping.</summary>
public sealed record FormMappingView(
    MetaForm Form,
    IReadOnlyList<QuestionMapping> Questions,
    IReadOnlyList<OdooLeadField> LeadFields,
    IReadOnlyList<OdooPick> Teams,
    IReadOnlyList<OdooPick> Users,
    long? TeamId,
    long? UserId,
    RepeatPolicy RepeatPolicy,
    bool RepeatPolicySaved);

/// <summary>What an administrator saves for a form: question key → target (empty: the proposal), team, salesperson, repeat policy (null: the hub's default).</summary>
public sealed class FormMappingRequest
{
    public Dictionary<string, string?> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public long? TeamId { get; set; }
    public long? UserId { get; set; }
    public RepeatPolicy? RepeatPolicy { get; set; }
}

/// <summary>Saved, or refused with the reasons by the part of the request they concern (nothing saved then).</summary>
public sealed record FormMappingResult(bool Saved, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Settings → Meta → Form mapping: reads a form's questions from Meta and the fields, teams and salespeople from Odoo,
/// proposes where each answer goes (by key), and saves an administrator's choices as <c>Meta:Forms:&lt;id&gt;:*</c> and
/// <c>Meta:RepeatPolicies:&lt;id&gt;</c> only after checking each against the Odoo it is connected to: a field Odoo's
/// leads do not have (or one a text answer cannot fill), a question the form does not ask, a team or salesperson
/// Odoo does not know are refused with a message in the administrator's language.
/// </summary>
public sealed partial class MetaFormMappings(
    GraphClient graph,
    OdooClient odoo,
    ConnectionSettings store,
    MetaFormCatalog catalog,
    IOptionsMonitor<MetaOptions> meta)
{
    public static string FieldsKey(string formId) => $"Meta:Forms:{formId}:Fields";

    public static bool IsFormId(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiDigit);

    public async Task<IReadOnlyList<FormSummary>> FormsAsync(CancellationToken cancellationToken)
    {
        var forms = new List<FormSummary>();
        foreach (var page in meta.CurrentValue.PageIds.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
        {
            var query = new Dictionary<string, string> { ["fields"] = "id,name,status", ["limit"] = "100" };
            await foreach (var item in graph.GetAllAsync($"{page}/leadgen_forms", query, GraphScope.PageForms(page), cancellationToken))
            {
                if (MetaNotification.Id(item, "id") is { } id && IsFormId(id))
                {
                    forms.Add(new FormSummary(id, Text(item, "name") ?? id, Text(item, "status"), page, meta.CurrentValue.Forms.ContainsKey(id)));
                }
            }
        }

        return forms;
    }

    /// <summary>The form's mapping as it stands, or null when Meta does not know the form.</summary>
    public async Task<FormMappingView?> ReadAsync(string formId, CancellationToken cancellationToken)
    {
        var form = await FormAsync(formId, cancellationToken);
        if (form is null)
        {
            return null;
        }

        var o = meta.CurrentValue;
        var saved = o.Forms.GetValueOrDefault(formId);
        var questions = form.Questions.Select(q =>
        {
            var target = saved?.Fields.GetValueOrDefault(q.Key);
            return new QuestionMapping(q.Key, q.Label, q.Type, q.Options,
                string.IsNullOrWhiteSpace(target) ? LeadFieldMapping.Proposed(q.Key, o.FieldMapping) : target, !string.IsNullOrWhiteSpace(target));
        }).ToList();
        return new FormMappingView(form, questions, await OdooLeadFields.ReadAsync(odoo, cancellationToken),
            await PicksAsync("crm.team", [], cancellationToken), await PicksAsync("res.users", [new JsonArray("share", "=", false)], cancellationToken),
            saved?.TeamId, saved?.UserId, o.RepeatPolicyOf(formId), o.RepeatPolicies.ContainsKey(formId));
    }

    public async Task<FormMappingResult> SaveAsync(string formId, FormMappingRequest request, string language, ClaimsPrincipal who, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var form = await FormAsync(formId, cancellationToken);
        if (form is null)
        {
            errors["form_id"] = [Strings.Get("Mapping.Error.NoForm", language, formId)];
            return new FormMappingResult(false, errors);
        }

        var fields = (await OdooLeadFields.ReadAsync(odoo, cancellationToken)).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var change = new ConnectionChange();
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, raw) in request.Fields)
        {
            var target = raw?.Trim() ?? "";
            var question = form.Questions.FirstOrDefault(q => q.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
            if (question is null || !StorableKey().IsMatch(key))
            {
                errors[$"fields.{key}"] = [Strings.Get("Mapping.Error.NoQuestion", language, key, form.Name)];
                continue;
            }

            if (target.Length > 0 && !FormTarget.IsSpecial(target) && !fields.ContainsKey(target))
            {
                errors[$"fields.{key}"] = [Strings.Get("Mapping.Error.NoField", language, question.Label, target)];
                continue;
            }

            var effective = target.Length > 0 ? target : LeadFieldMapping.Proposed(question.Key, meta.CurrentValue.FieldMapping);
            if (!FormTarget.IsSpecial(effective) && targets.TryGetValue(effective, out var other))
            {
                errors[$"fields.{key}"] = [Strings.Get("Mapping.Error.Twice", language, question.Label, other, fields.GetValueOrDefault(effective)?.Label ?? effective)];
                continue;
            }

            targets[effective] = question.Label;
            change.Set($"{FieldsKey(formId)}:{question.Key}", target.Length == 0 ? null : target);
        }

        if (request.TeamId is { } team && !(await PicksAsync("crm.team", [], cancellationToken)).Any(t => t.Id == team))
        {
            errors["team_id"] = [Strings.Get("Mapping.Error.NoTeam", language, team)];
        }

        if (request.UserId is { } user && !(await PicksAsync("res.users", [new JsonArray("share", "=", false)], cancellationToken)).Any(u => u.Id == user))
        {
            errors["user_id"] = [Strings.Get("Mapping.Error.NoUser", language, user)];
        }

        if (request.RepeatPolicy is { } policy && !Enum.IsDefined(policy))
        {
            errors["repeat_policy"] = [Strings.Get("Mapping.Error.NoPolicy", language)];
        }

        if (errors.Count > 0)
        {
            return new FormMappingResult(false, errors);
        }

        // Questions saved before and not named now go back to their proposal.
        foreach (var key in meta.CurrentValue.Forms.GetValueOrDefault(formId)?.Fields.Keys.ToList() ?? [])
        {
            if (!request.Fields.ContainsKey(key))
            {
                change.Remove($"{FieldsKey(formId)}:{key}");
            }
        }

        change.Set($"Meta:Forms:{formId}:TeamId", request.TeamId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        change.Set($"Meta:Forms:{formId}:UserId", request.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        change.Set($"Meta:RepeatPolicies:{formId}", request.RepeatPolicy?.ToString());
        var saved = await store.SaveAsync(change, who, cancellationToken);
        catalog.Forget(formId);
        return saved.Saved
            ? new FormMappingResult(true, new Dictionary<string, string[]>())
            : new FormMappingResult(false, new Dictionary<string, string[]> { ["settings"] = [.. saved.Errors] });
    }

    private async Task<MetaForm?> FormAsync(string formId, CancellationToken cancellationToken)
    {
        if (!IsFormId(formId))
        {
            return null;
        }

        var page = meta.CurrentValue.PageIds.FirstOrDefault();
        try
        {
            return MetaForm.Parse(await graph.GetAsync(formId, new Dictionary<string, string> { ["fields"] = MetaForm.Fields }, GraphScope.Leads(page), cancellationToken));
        }
        catch (GraphApiException ex) when (ex.Code == 100 || ex.HttpStatus == 404)
        {
            // "(#100) Object with ID … does not exist, cannot be loaded due to missing permissions, or does not support this operation".
            return null;
        }
    }

    private async Task<IReadOnlyList<OdooPick>> PicksAsync(string model, JsonArray domain, CancellationToken cancellationToken) =>
        [.. (await odoo.SearchReadAsync(model, domain, ["id", "name"], "name", limit: 500, includeArchived: false, cancellationToken))
            .Where(r => r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
            .Select(r => new OdooPick(r.GetProperty("id").GetInt64(), Text(r, "name") ?? ""))];

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A question key that can be a configuration key's last part.</summary>
    [GeneratedRegex(@"^[^:\s]{1,200}$")]
    private static partial Regex StorableKey();
}
