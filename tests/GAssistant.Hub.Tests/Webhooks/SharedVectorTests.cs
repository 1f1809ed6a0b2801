using System.Text;
using GAssistant.Hub.Webhooks;

namespace GAssistant.Hub.Tests.Webhooks;

/// <summary>
/// tests/vectors/standard-webhooks.json is read by the addon's Python tests too: what the addon
/// signs, the hub accepts, and what it must refuse, the hub refuses.
/// </summary>
public sealed class SharedVectorTests
{
    public static TheoryData<string> VectorNames()
    {
        var data = new TheoryData<string>();
        foreach (var vector in Load())
        {
            data.Add(vector.GetProperty("name").GetString()!);
        }

        return data;
    }

    private static List<JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vectors", "standard-webhooks.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone()).ToList();
    }

    [Fact]
    public void The_shared_file_has_valid_and_invalid_vectors()
    {
        var vectors = Load();
        Assert.Contains(vectors, v => v.GetProperty("valid").GetBoolean());
        Assert.Contains(vectors, v => !v.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void The_hub_agrees_with_the_vector(string name)
    {
        var vector = Load().Single(v => v.GetProperty("name").GetString() == name);
        Assert.True(StandardWebhookVerifier.TryParseSecret(vector.GetProperty("secret").GetString(), out var key));
        var timestamp = vector.GetProperty("timestamp").GetInt64();
        var result = new StandardWebhookVerifier(key, TimeSpan.FromMinutes(5)).Verify(
            vector.GetProperty("id").GetString(), timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            vector.GetProperty("signature").GetString(), Encoding.UTF8.GetBytes(vector.GetProperty("payload").GetString()!),
            DateTimeOffset.FromUnixTimeSeconds(timestamp));

        Assert.Equal(vector.GetProperty("valid").GetBoolean(), result == WebhookVerification.Valid);
    }
}
