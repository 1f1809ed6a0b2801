namespace GAssistant.Hub.Tests.Infrastructure;

/// <summary>Made-up credentials the test hub is configured with.</summary>
public static class TestSecrets
{
    /// <summary>A <c>whsec_</c> secret as the addon's settings page generates it (24 random bytes, base64).</summary>
    public const string OdooWebhookSecret = "whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1odWItdGVzdHM=";
    public const string ApiKey = "gah_test-api-key-0123456789";
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "correct horse battery staple";
}
