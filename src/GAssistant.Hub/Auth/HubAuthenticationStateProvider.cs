using GAssistant.Hub.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace GAssistant.Hub.Auth;

/// <summary>
/// An open interactive page outlives the request that checked its cookie; this rechecks the person's security stamp
/// every <see cref="RevalidationInterval"/>, so a removed person's open dashboard signs out within a minute.
/// </summary>
internal sealed class HubAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await SessionValidation.IsCurrentAsync(db, authenticationState.User, cancellationToken);
    }
}
