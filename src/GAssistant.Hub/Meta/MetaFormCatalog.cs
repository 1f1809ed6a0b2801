using System.Collections.Concurrent;
using GAssistant.Hub.Odoo;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Meta;

/// <summary>
/// What a lead's mapping needs besides its answers, read once and kept for <see cref="Lifetime"/>: the form's questions
/// (<c>GET /{form-id}?fields=questions,name,locale</c>) and the fields of Odoo's leads (<c>fields_get</c>). A read that
/// fails leaves the lead to the plain mapping (answers as text, named by their keys) rather than holding it back: the
/// lead matters more than its labels. Settings forgets a form it saved (<see cref="Forget"/>).
/// </summary>
public sealed partial class MetaFormCatalog(IServiceScopeFactory scopes, IOptionsMonitor<MetaOptions> meta, TimeProvider clock, ILogger<MetaFormCatalog> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (MetaForm? Form, DateTimeOffset At)> _forms = new(StringComparer.Ordinal);
    private (IReadOnlyList<OdooLeadField>? Fields, DateTimeOffset At)? _fields;

    public async Task<LeadMappingContext> ContextAsync(string? formId, string? pageId, CancellationToken cancellationToken)
    {
        var options = formId is null ? null : meta.CurrentValue.Forms.GetValueOrDefault(formId);
        var form = formId is null ? null : await FormAsync(formId, pageId, cancellationToken);
        var needsTypes = options?.Fields.Values.Any(t => !string.IsNullOrWhiteSpace(t) && !FormTarget.IsSpecial(t)) == true;
        return new LeadMappingContext(form, options, needsTypes ? await LeadFieldsAsync(cancellationToken) : null);
    }

    public void Forget(string formId) => _forms.TryRemove(formId, out _);

    private async Task<MetaForm?> FormAsync(string formId, string? pageId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_forms.TryGetValue(formId, out var kept) && now - kept.At < Lifetime)
        {
            return kept.Form;
        }

        MetaForm? form = null;
        try
        {
            using var scope = scopes.CreateScope();
            var graph = scope.ServiceProvider.GetRequiredService<GraphClient>();
            form = MetaForm.Parse(await graph.GetAsync(formId, new Dictionary<string, string> { ["fields"] = MetaForm.Fields },
                GraphScope.Leads(pageId), cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.FormUnread(logger, formId, ex.Message);
        }

        _forms[formId] = (form, now);
        return form;
    }

    private async Task<IReadOnlyList<OdooLeadField>?> LeadFieldsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_fields is { } kept && now - kept.At < Lifetime)
        {
            return kept.Fields;
        }

        try
        {
            using var scope = scopes.CreateScope();
            var fields = await OdooLeadFields.ReadAsync(scope.ServiceProvider.GetRequiredService<OdooClient>(), cancellationToken);
            _fields = (fields, now);
            return fields;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not kept: the next lead asks again. Without the types every mapped answer is written as text.
            Log.FieldsUnread(logger, ex.Message);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2881, Level = LogLevel.Warning, Message = "The questions of form {FormId} could not be read ({Reason}); its leads name answers by their keys")]
        public static partial void FormUnread(ILogger logger, string formId, string reason);

        [LoggerMessage(EventId = 2882, Level = LogLevel.Warning, Message = "Odoo's lead fields could not be read ({Reason}); mapped answers are written as text")]
        public static partial void FieldsUnread(ILogger logger, string reason);
    }
}
