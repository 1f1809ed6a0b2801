namespace GAssistant.Hub.Analytics.BigQuery;

/// <summary>A column (TableFieldSchema: https://cloud.google.com/bigquery/docs/reference/rest/v2/tables#TableFieldSchema).</summary>
/// <param name="Type">STRING, INT64, NUMERIC, FLOAT64, BOOL, DATE, TIMESTAMP.</param>
public sealed record BigQueryField(string Name, string Type, bool Required = false, string? Description = null);

/// <summary>A table as the export creates it: schema, day partitioning on a column and clustering.</summary>
public sealed record BigQueryTableSpec(string TableId, string Description, IReadOnlyList<BigQueryField> Fields, string PartitionField, IReadOnlyList<string> ClusterFields);

/// <summary>A row for BigQuery: its JSON object and a stable id (insertId) for this version of the record.</summary>
public sealed record BigQueryRow(string InsertId, byte[] Json);

/// <summary>A job's <c>status</c> (https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#JobStatus).</summary>
public sealed record BigQueryJobState(string JobId, string State, string? ErrorReason, string? ErrorMessage, long? OutputRows)
{
    public bool Done => State == "DONE";

    public bool Failed => Done && ErrorReason is not null;
}

/// <summary>One row refused by <c>insertAll</c> (https://cloud.google.com/bigquery/docs/reference/rest/v2/tabledata/insertAll#response-body).</summary>
public sealed record BigQueryInsertError(int Index, string Reason, string? Location, string Message);

/// <summary>An error answer of the BigQuery API (https://cloud.google.com/bigquery/docs/error-messages).</summary>
public sealed class BigQueryException(int status, string? reason, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>e.g. <c>notFound</c>, <c>duplicate</c>, <c>invalid</c>, <c>accessDenied</c>, <c>rateLimitExceeded</c>.</summary>
    public string? Reason { get; } = reason;
}
