using System.ComponentModel.DataAnnotations;

namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary><c>BigQuery:*</c> (CONTRACT.md): where the analytics export goes. Unset means "not configured"; dashboards never need it.</summary>
public sealed class BigQueryOptions
{
    public const string Section = "BigQuery";

    public string? ProjectId { get; set; }

    /// <summary>An existing dataset; the export creates its tables, not the dataset (that needs broader rights).</summary>
    [RegularExpression("^[A-Za-z0-9_]{1,1024}$", ErrorMessage = "BigQuery:Dataset may contain only letters, digits and underscores.")]
    public string? Dataset { get; set; }

    /// <summary>A service-account JSON key file with BigQuery Data Editor and Job User on the project.</summary>
    public string? CredentialsFile { get; set; }

    [Url]
    public string BaseUrl { get; set; } = "https://bigquery.googleapis.com";

    /// <summary>The dataset's location (e.g. <c>US</c>, <c>EU</c>, <c>me-central2</c>); jobs are looked up there.</summary>
    public string? Location { get; set; }

    /// <summary>How often the export runs; zero turns the periodic export off (Settings or the API can still start it).</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Batches up to this many rows are streamed with <c>insertAll</c>; bigger ones go as a load job.</summary>
    [Range(0, 10000)]
    public int StreamingMaxRows { get; set; } = 500;

    /// <summary>Rows changed less than this long ago wait for the next run, so a transaction still committing is not skipped.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Days of attribution exported on the first run.</summary>
    [Range(1, 3650)]
    public int AttributionBackfillDays { get; set; } = 90;

    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ProjectId) && !string.IsNullOrWhiteSpace(Dataset) && !string.IsNullOrWhiteSpace(CredentialsFile);
}
