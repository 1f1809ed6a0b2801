namespace GAssistant.Hub.Operations;

/// <summary>
/// An integration's hint as a resource key and its arguments, so Settings says it in the reader's language
/// (<c>Hint.odoo.not_configured</c>). Arguments are configuration keys, addresses and data, shown isolated from the
/// sentence's direction; an argument may itself be a hint (a sentence inside a sentence).
/// </summary>
public sealed record LocalizedHint(string Key, params object[] Args);
