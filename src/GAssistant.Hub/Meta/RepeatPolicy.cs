namespace GAssistant.Hub.Meta;

/// <summary>What a lead of a person Odoo already knows does (<c>Meta:RepeatPolicy</c>, per form <c>Meta:RepeatPolicies:&lt;form id&gt;</c>).</summary>
public enum RepeatPolicy
{
    /// <summary>
    /// The default: linked to the known partner; when the person has an open lead or opportunity created within
    /// <c>Meta:RepeatWindow</c>, no second lead — the new answers and the ad/campaign are posted on that one as a note.
    /// </summary>
    LogOnExisting = 0,

    /// <summary>A new lead, linked to the known partner (and counted as a repeat when an open lead existed).</summary>
    Link = 1,

    /// <summary>A new lead every time, as before: no look-up, no link.</summary>
    AlwaysCreate = 2,
}
