namespace GAssistant.Hub.Odoo;

/// <summary>A successful login: the user id and the API that accepted the credentials.</summary>
public sealed record OdooLogin(long Uid, OdooProtocol Protocol);
