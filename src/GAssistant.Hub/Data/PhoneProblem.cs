namespace GAssistant.Hub.Data;

/// <summary>Why a phone number was kept as typed instead of in E.164.</summary>
public enum PhoneProblem
{
    /// <summary>Understood: the number went to Odoo in E.164.</summary>
    None = 0,

    /// <summary>A national number (no <c>+</c> or <c>00</c>) and no country to read it in.</summary>
    NoCountry = 1,

    /// <summary>Not a phone number in any of the countries tried (too short, letters, an unassigned range).</summary>
    NotANumber = 2,
}
