namespace GAssistant.Hub.Operations;

/// <summary><c>Hub:PublicUrl</c>: the hub's address as Odoo and Meta reach it (CONTRACT.md), for webhook URLs and the OAuth redirect.</summary>
public sealed class PublicAddressOptions
{
    public const string Section = "Hub";

    /// <summary>Unset: the address of the request (with <c>X-Forwarded-*</c> from the configured proxies applied).</summary>
    public string? PublicUrl { get; set; }

    public bool HasValidUrl => string.IsNullOrWhiteSpace(PublicUrl)
        || (Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}

/// <summary>Absolute addresses of the hub's own routes. Pure.</summary>
public static class PublicAddress
{
    /// <summary><paramref name="path"/> under <c>Hub:PublicUrl</c>, or under <paramref name="requestBase"/> when that is unset.</summary>
    public static string For(string? publicUrl, string requestBase, string path) =>
        (string.IsNullOrWhiteSpace(publicUrl) ? requestBase : publicUrl).TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>The base of a request as the client addressed it: scheme, host (forwarded ones applied) and path base.</summary>
    public static string RequestBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
