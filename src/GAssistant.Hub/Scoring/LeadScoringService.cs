using System.Text.Json;
using GAssistant.Hub.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GAssistant.Hub.Scoring;

/// <summary>The last training attempt: trained (with the new version) or refused (with the reason).</summary>
public sealed record TrainingOutcome(bool Trained, string Message, DateTime At, long? VersionId = null);

/// <summary>
/// Trains the lead-scoring model on the replica's closed leads and scores open leads with the newest
/// model. One training at a time per process; the newest <see cref="ScoringModelVersion"/> is kept loaded.
/// </summary>
public sealed partial class LeadScoringService(
    IServiceScopeFactory scopes, IOptions<ScoringOptions> options, TimeProvider clock, ILogger<LeadScoringService> logger) : IDisposable
{
    private const int Batch = 500;
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly SemaphoreSlim _training = new(1, 1);
    private (long Id, LeadScoringModel Model)? _loaded;

    public TrainingOutcome? LastTraining { get; private set; }

    public async Task<TrainingOutcome> TrainAsync(CancellationToken cancellationToken)
    {
        await _training.WaitAsync(cancellationToken);
        try
        {
            LastTraining = await TrainNowAsync(cancellationToken);
            return LastTraining;
        }
        finally
        {
            _training.Release();
        }
    }

    private async Task<TrainingOutcome> TrainNowAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var closed = db.Leads.AsNoTracking().Where(l => !l.Deleted && !l.IsTest && (l.IsWon || l.IsLost));
        var won = await closed.CountAsync(l => l.IsWon, cancellationToken);
        var lost = await closed.CountAsync(l => !l.IsWon, cancellationToken);
        if (TrainingGate.Refusal(won, lost, options.Value.MinClosedLeads, options.Value.MinPerOutcome) is { } refusal)
        {
            Log.TrainingRefused(logger, refusal);
            return new TrainingOutcome(false, refusal, Now());
        }

        var leads = await closed.OrderBy(l => l.OdooId).ToListAsync(cancellationToken);
        var data = new ScoringDataset(LeadFeatures.Columns, leads.Select(l => new ScoringExample(LeadFeatures.Of(l), l.IsWon)).ToList());
        var evaluation = CrossValidation.Run(data, teamColumn: LeadFeatures.Team);
        var leaks = LeakageGuard.Screen(data);
        foreach (var leak in leaks)
        {
            Log.FeatureRefused(logger, leak.Message);
        }

        var model = LeadScoringModel.Train(data.Without(leaks.Select(l => l.Column).ToHashSet(StringComparer.Ordinal)));
        var metrics = new ModelMetrics(CrossValidation.DefaultFolds, Of(evaluation.Model), Of(evaluation.Baseline), model.Features,
            leaks.Select(l => new RefusedFeature(l.Column, Math.Round(l.Auc, 4))).ToList());
        var version = new ScoringModelVersion
        {
            TrainedAt = Now(),
            Model = model.ToBytes(),
            MetricsJson = JsonSerializer.Serialize(metrics, Json),
            TrainingRows = data.Rows.Count,
            WonRows = won,
            LostRows = lost,
        };
        db.ScoringModelVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        _loaded = (version.Id, model);

        var message = $"Model {version.Id} trained on {data.Rows.Count} closed leads ({won} won, {lost} lost): "
            + $"AUC {metrics.Model.Auc:0.000} against Odoo's PLS {metrics.Baseline.Auc:0.000} in {metrics.Folds}-fold cross-validation.";
        Log.Trained(logger, version.Id, data.Rows.Count, metrics.Model.Auc, metrics.Baseline.Auc);
        return new TrainingOutcome(true, message, version.TrainedAt, version.Id);
    }

    /// <summary>Scores open leads never scored, scored by an older model, or changed since; returns how many.</summary>
    public async Task<int> ScorePendingAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (await LoadNewestAsync(db, cancellationToken) is not var (versionId, model))
        {
            return 0;
        }

        var scored = 0;
        long after = long.MinValue;
        while (true)
        {
            var leads = await db.Leads
                .Where(l => l.OdooId > after && !l.Deleted && !l.IsWon && !l.IsLost
                    && (l.ScoredAt == null || l.ScoreModelVersion != versionId || l.SyncedAt > l.ScoredAt))
                .OrderBy(l => l.OdooId).Take(Batch).ToListAsync(cancellationToken);
            if (leads.Count == 0)
            {
                return scored;
            }

            var scores = model.Predict(LeadFeatures.Columns, leads.Select(LeadFeatures.Of).ToList());
            var now = Now();
            for (var i = 0; i < leads.Count; i++)
            {
                leads[i].Score = scores[i].Score;
                leads[i].ScoreReasons = JsonSerializer.Serialize(scores[i].Reasons.Select(r => r.ToString()), Json);
                leads[i].ScoreModelVersion = versionId;
                leads[i].ScoredAt = now;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                scored += leads.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The replica changed some of these leads meanwhile; they stay due and are scored next time.
                db.ChangeTracker.Clear();
            }

            after = leads[^1].OdooId;
        }
    }

    /// <summary>When the newest model was trained, or null when there is none.</summary>
    public static Task<DateTime?> NewestTrainedAtAsync(HubDbContext db, CancellationToken cancellationToken) =>
        db.ScoringModelVersions.OrderByDescending(v => v.Id).Select(v => (DateTime?)v.TrainedAt).FirstOrDefaultAsync(cancellationToken);

    private async Task<(long Id, LeadScoringModel Model)?> LoadNewestAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var newest = await db.ScoringModelVersions.OrderByDescending(v => v.Id).Select(v => (long?)v.Id).FirstOrDefaultAsync(cancellationToken);
        if (newest is not { } id)
        {
            return null;
        }

        if (_loaded is { } loaded && loaded.Id == id)
        {
            return loaded;
        }

        var bytes = await db.ScoringModelVersions.Where(v => v.Id == id).Select(v => v.Model).SingleAsync(cancellationToken);
        _loaded = (id, LeadScoringModel.FromBytes(bytes));
        return _loaded;
    }

    public void Dispose() => _training.Dispose();

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static MetricFigures Of(ScoringMetrics m) => new(Math.Round(m.Auc, 4), Math.Round(m.LogLoss, 4), Math.Round(m.Accuracy, 4));

    private static partial class Log
    {
        [LoggerMessage(EventId = 2901, Level = LogLevel.Warning, Message = "Lead scoring not trained: {Reason}")]
        public static partial void TrainingRefused(ILogger logger, string reason);

        [LoggerMessage(EventId = 2902, Level = LogLevel.Warning, Message = "Lead scoring: {Message}")]
        public static partial void FeatureRefused(ILogger logger, string message);

        [LoggerMessage(EventId = 2903, Level = LogLevel.Information, Message = "Lead scoring model {Id} trained on {Rows} closed leads: AUC {Auc:0.000}, Odoo PLS {BaselineAuc:0.000}")]
        public static partial void Trained(ILogger logger, long id, int rows, double auc, double baselineAuc);
    }
}

/// <summary>What <see cref="ScoringModelVersion.MetricsJson"/> holds.</summary>
public sealed record ModelMetrics(int Folds, MetricFigures Model, MetricFigures Baseline, IReadOnlyList<string> Features, IReadOnlyList<RefusedFeature> RefusedFeatures);

public sealed record MetricFigures(double Auc, double LogLoss, double Accuracy);

public sealed record RefusedFeature(string Feature, double Auc);
