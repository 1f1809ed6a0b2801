namespace GAssistant.Hub.Operations;

/// <summary>
/// Authorization policy names shared by the API and the pages (HANDBOOK "Shared names"). Auth defines what they
/// require (AuthRegistration); they are named here, in the plumbing every folder may use, so a feature puts its
/// routes behind them without depending on Auth (docs/architecture.md).
/// </summary>
public static class HubPolicies
{
    /// <summary>Administrators only: Settings, every route that changes something or reads configuration.</summary>
    public const string Admin = "Admin";

    /// <summary>Puts an endpoint (or a whole group) behind <see cref="Admin"/>.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Admin);
}
