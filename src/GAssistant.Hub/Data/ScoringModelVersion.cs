namespace GAssistant.Hub.Data;

/// <summary>
/// A trained lead-scoring model (Scoring/LeadScoringModel): the file itself, when and on how many closed
/// leads it was trained, and its cross-validated metrics beside Odoo's PLS. The newest one scores leads.
/// </summary>
public sealed class ScoringModelVersion
{
    public long Id { get; set; }
    public DateTime TrainedAt { get; set; }

    /// <summary>The model file (a zip of the feature encoder and ML.NET's trees).</summary>
    public byte[] Model { get; set; } = [];

    /// <summary>Cross-validated metrics of the model and the Odoo-style baseline, as JSON.</summary>
    public string MetricsJson { get; set; } = "{}";
    public int TrainingRows { get; set; }
    public int WonRows { get; set; }
    public int LostRows { get; set; }
}
