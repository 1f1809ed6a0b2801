using GAssistant.Hub.Data;

namespace GAssistant.Hub.Tests.Scoring;

/// <summary>
/// Lead scoring in the hub: training on the replica's closed leads (on demand and by the worker), the
/// model version with its metrics, and the score with its reasons on <c>GET /api/odoo/leads</c>.
/// </summary>
public abstract class ScoringApiTests(HubProvider provider) : HubTest(provider)
{
    private static readonly DateTime Start = new(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scoring:ScoreInterval"] = "00:00:00.200",
    };

    /// <summary>Closed leads where referrals with a valid email mostly win and Facebook leads mostly lose, and three open leads.</summary>
    private Task<int> SeedAsync(int closed) => Hub.WithDbAsync(async db =>
    {
        var random = new Random(3);
        for (var i = 1; i <= closed; i++)
        {
            var referral = i % 2 == 0;
            var validEmail = random.NextDouble() < 0.7;
            var won = random.NextDouble() < (referral ? 0.75 : 0.2) + (validEmail ? 0.1 : -0.1);
            db.Leads.Add(Lead(i, referral ? "Referral" : "Facebook", validEmail ? $"c{i}@example.com" : null, won, lost: !won));
        }

        db.Leads.AddRange(
            Lead(9001, "Referral", "strong@example.com", won: false, lost: false),
            Lead(9002, "Facebook", null, won: false, lost: false),
            Lead(9003, "Facebook", "middle@example.com", won: false, lost: false));
        return await db.SaveChangesAsync();
    });

    private static Lead Lead(long id, string source, string? email, bool won, bool lost)
    {
        var created = Start.AddHours(id % 500);
        return new Lead
        {
            OdooId = id, Name = $"Lead {id}", Source = source, Email = email, IsWon = won, IsLost = lost, Active = !lost,
            StageName = won ? "Won" : "New", Probability = won ? 100 : lost ? 0 : 10, ExpectedRevenue = 1000,
            TeamName = "Sales", CountryCode = "SA", CreateDate = created, WriteDate = created, SourceVersion = created, SyncedAt = created,
        };
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await Hub.CreateApiClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> TrainAndWaitAsync()
    {
        var response = await Hub.CreateApiClient().PostAsync("/api/scoring/train", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetProperty("id").GetString();
        return await Eventually.ReturnsAsync(
            async () => (await GetAsync($"/api/jobs/{id}")).GetProperty("job"),
            job => job.GetProperty("status").GetString() is "succeeded" or "failed",
            TimeSpan.FromSeconds(60));
    }

    private static List<JsonElement> Leads(JsonElement list) => [.. list.GetProperty("leads").EnumerateArray()];

    [Fact]
    public async Task Training_now_scores_open_leads_with_reasons_and_the_list_sorts_and_filters_by_score()
    {
        await SeedAsync(closed: 160);

        var job = await TrainAndWaitAsync();

        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
        Assert.Contains("trained on 160 closed leads", job.GetProperty("message").GetString());
        var open = Leads(await GetAsync("/api/odoo/leads?sort=score&page_size=3"));
        Assert.Equal([9001, 9003, 9002], open.Select(l => l.GetProperty("id").GetInt64()));
        var scores = open.Select(l => l.GetProperty("score").GetDouble()).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0, 100));
        Assert.True(scores[0] > scores[2] + 20, string.Join(", ", scores));
        var reasons = open[0].GetProperty("score_reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("+ source: Referral", reasons);

        var best = Leads(await GetAsync($"/api/odoo/leads?min_score={scores[0] - 0.05:0.0}")).Select(l => l.GetProperty("id").GetInt64());
        Assert.Equal([9001], best);

        var model = (await GetAsync("/api/scoring/model")).GetProperty("model");
        Assert.Equal(160, model.GetProperty("training_rows").GetInt32());
        var metrics = model.GetProperty("metrics");
        Assert.InRange(metrics.GetProperty("model").GetProperty("auc").GetDouble(), 0.6, 1);
        Assert.InRange(metrics.GetProperty("baseline").GetProperty("auc").GetDouble(), 0.5, 1);
        Assert.Contains("source", metrics.GetProperty("features").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Too_few_closed_leads_refuse_training_and_say_why()
    {
        await SeedAsync(closed: 30);

        var job = await TrainAndWaitAsync();

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.StartsWith("Too few closed leads to train: 30", job.GetProperty("message").GetString());
        var model = await GetAsync("/api/scoring/model");
        Assert.Equal(JsonValueKind.Null, model.GetProperty("model").ValueKind);
        Assert.StartsWith("Too few closed leads to train: 30", model.GetProperty("message").GetString());
        var health = await GetAsync("/health");
        Assert.Equal("not_configured", health.GetProperty("integrations").GetProperty("scoring").GetProperty("state").GetString());
        Assert.All(Leads(await GetAsync("/api/odoo/leads")), l => Assert.Equal(JsonValueKind.Null, l.GetProperty("score").ValueKind));
    }

    [Fact]
    public async Task The_worker_trains_by_itself_and_rescores_a_lead_that_changed()
    {
        await SeedAsync(closed: 120);

        var scored = await Eventually.ReturnsAsync(
            () => Hub.WithDbAsync(db => Task.FromResult(db.Leads.Single(l => l.OdooId == 9002))),
            l => l.Score is not null, TimeSpan.FromSeconds(60));
        await Hub.WithDbAsync(async db =>
        {
            var lead = db.Leads.Single(l => l.OdooId == 9002);
            lead.Source = "Referral";
            lead.Email = "now-valid@example.com";
            lead.SyncedAt = scored.ScoredAt!.Value.AddSeconds(1);
            return await db.SaveChangesAsync();
        });

        var rescored = await Eventually.ReturnsAsync(
            () => Hub.WithDbAsync(db => Task.FromResult(db.Leads.Single(l => l.OdooId == 9002))),
            l => l.ScoredAt > scored.ScoredAt, TimeSpan.FromSeconds(30));
        Assert.True(rescored.Score > scored.Score, $"{scored.Score} → {rescored.Score}");
        Assert.Equal(1, await Hub.WithDbAsync(db => Task.FromResult(db.ScoringModelVersions.Count())));
    }

    [Theory]
    [InlineData("?min_score=abc", "min_score")]
    [InlineData("?min_score=101", "min_score")]
    [InlineData("?sort=name", "sort")]
    public async Task Bad_score_filters_are_field_errors(string query, string field)
    {
        var response = await Hub.CreateApiClient().GetAsync("/api/odoo/leads" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

public sealed class ScoringApiTestsOnSqlite() : ScoringApiTests(HubProvider.Sqlite);

public sealed class ScoringApiTestsOnPostgres() : ScoringApiTests(HubProvider.Postgres);
