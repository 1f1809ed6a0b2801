using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>
/// Access tokens for BigQuery from the service-account key file: a JWT signed with the key, exchanged at the key's
/// <c>token_uri</c> (https://developers.google.com/identity/protocols/oauth2/service-account#httprest), cached and
/// refreshed by Google.Apis.Auth. The token request goes through the hub's HTTP handlers, like every outbound call.
/// </summary>
public sealed class BigQueryCredentials(IOptionsMonitor<BigQueryOptions> options, IHttpMessageHandlerFactory handlers)
{
    public const string Scope = "https://www.googleapis.com/auth/bigquery";
    public const string HttpClientName = "bigquery-oauth";
    private readonly Lock _gate = new();
    private (string File, ITokenAccess Credential)? _loaded;

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Credential().GetAccessTokenForRequestAsync(null, cancellationToken);

    private ITokenAccess Credential()
    {
        var file = options.CurrentValue.CredentialsFile ?? throw new InvalidOperationException("BigQuery:CredentialsFile is not set.");
        lock (_gate)
        {
            if (_loaded is { } loaded && loaded.File == file)
            {
                return loaded.Credential;
            }

            // CredentialFactory checks the file is a service-account key (not any credential type a file may name).
            var credential = CredentialFactory.FromFile<ServiceAccountCredential>(file).ToGoogleCredential()
                .CreateScoped(Scope).CreateWithHttpClientFactory(new HubHandlerFactory(handlers));
            _loaded = (file, credential);
            return credential;
        }
    }

    private sealed class HubHandlerFactory(IHttpMessageHandlerFactory handlers) : Google.Apis.Http.HttpClientFactory
    {
        protected override HttpMessageHandler CreateHandler(Google.Apis.Http.CreateHttpClientArgs args) => handlers.CreateHandler(HttpClientName);
    }
}
