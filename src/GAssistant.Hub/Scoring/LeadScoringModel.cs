using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace GAssistant.Hub.Scoring;

/// <summary>A lead's score: the probability of being won and the features that moved it most.</summary>
public sealed record LeadScore(double Probability, IReadOnlyList<ScoreReason> Reasons)
{
    /// <summary>0–100, as salespeople see it.</summary>
    public double Score => Math.Round(100 * Probability, 1);
}

/// <summary>One feature's share in a score: positive raises it, negative lowers it.</summary>
public sealed record ScoreReason(string Feature, string? Value, double Effect)
{
    public override string ToString() =>
        $"{(Effect >= 0 ? "+" : "-")} {Feature}: {Value ?? "(empty)"}";
}

/// <summary>
/// The hub's lead-scoring model: gradient-boosted trees (ML.NET FastTree, Platt-calibrated to a
/// probability) over <see cref="FeatureEncoder"/> vectors, with per-feature contributions for the reasons.
/// Deterministic for a given training set: fixed seed, one training thread.
/// </summary>
public sealed class LeadScoringModel
{
    public const int Seed = 42;
    public const int ReasonCount = 3;
    private const string EncoderEntry = "encoder.json";
    private const string TreesEntry = "mlnet.zip";

    private readonly MLContext _ml = new(Seed);
    private readonly FeatureEncoder _encoder;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _schema;
    private readonly int[] _slotColumns;

    private LeadScoringModel(FeatureEncoder encoder, Func<MLContext, SchemaDefinition, ITransformer> model)
    {
        _encoder = encoder;
        _schema = Schema(encoder.Width);
        _slotColumns = encoder.SlotColumns();
        _model = model(_ml, _schema);
    }

    /// <summary>The features the model reads, by name.</summary>
    public IReadOnlyList<string> Features => _encoder.Columns.Select(c => c.Name).ToList();

    public static LeadScoringModel Train(ScoringDataset training)
    {
        var encoder = FeatureEncoder.Fit(training);
        return new LeadScoringModel(encoder, (ml, schema) =>
        {
            var data = ml.Data.LoadFromEnumerable(
                training.Rows.Select(r => new EncodedLead { Label = r.Won, Features = encoder.Encode(training.Columns, r.Values) }).ToList(),
                schema);
            var trainer = ml.BinaryClassification.Trainers.FastTree(Capacity(training.Rows.Count));
            var predictor = trainer.Fit(data);
            var contributions = ml.Transforms.CalculateFeatureContribution(predictor, encoder.Width, encoder.Width, normalize: false).Fit(predictor.Transform(data));
            return predictor.Append(contributions);
        });
    }

    /// <summary>
    /// Trees sized to the data: a company with a few hundred closed leads gets small, slow-learning trees
    /// (bigger ones memorise its leads and, calibrated on those same leads, claim certainty they do not have).
    /// </summary>
    private static FastTreeBinaryTrainer.Options Capacity(int rows) => new()
    {
        NumberOfTrees = 100,
        NumberOfLeaves = rows < 500 ? 4 : rows < 2000 ? 8 : 16,
        MinimumExampleCountPerLeaf = Math.Clamp(rows / 40, 10, 50),
        LearningRate = rows < 2000 ? 0.05 : 0.1,
        NumberOfThreads = 1,
        Seed = Seed,
    };

    /// <summary>Scores leads given as values in the order of <paramref name="columns"/>.</summary>
    public IReadOnlyList<LeadScore> Predict(IReadOnlyList<ScoringColumn> columns, IReadOnlyList<string?[]> leads)
    {
        if (leads.Count == 0)
        {
            return [];
        }

        var data = _ml.Data.LoadFromEnumerable(leads.Select(v => new EncodedLead { Features = _encoder.Encode(columns, v) }).ToList(), _schema);
        var predictions = _ml.Data.CreateEnumerable<ScoredLead>(_model.Transform(data), reuseRowObject: false);
        var inputIndex = _encoder.Columns.Select(c => columns.ToList().FindIndex(x => x.Name == c.Name)).ToArray();
        return predictions.Select((p, i) => new LeadScore(p.Probability, Reasons(p.FeatureContributions, leads[i], inputIndex))).ToList();
    }

    private List<ScoreReason> Reasons(float[] contributions, string?[] values, int[] inputIndex)
    {
        var byColumn = new double[_encoder.Columns.Count];
        for (var slot = 0; slot < contributions.Length; slot++)
        {
            byColumn[_slotColumns[slot]] += contributions[slot];
        }

        return Enumerable.Range(0, byColumn.Length)
            .Where(c => Math.Abs(byColumn[c]) > 1e-9)
            .OrderByDescending(c => Math.Abs(byColumn[c])).ThenBy(c => c)
            .Take(ReasonCount)
            .Select(c => new ScoreReason(_encoder.Columns[c].Name, inputIndex[c] < 0 ? null : values[inputIndex[c]], Math.Round(byColumn[c], 4)))
            .ToList();
    }

    /// <summary>The model as one file: the encoder's JSON and ML.NET's own zip, in a zip.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var encoder = zip.CreateEntry(EncoderEntry).Open())
            {
                JsonSerializer.Serialize(encoder, _encoder);
            }

            using var trees = zip.CreateEntry(TreesEntry).Open();
            using var treesBuffer = new MemoryStream();
            _ml.Model.Save(_model, _ml.Data.LoadFromEnumerable(new List<EncodedLead>(), _schema).Schema, treesBuffer);
            treesBuffer.Position = 0;
            treesBuffer.CopyTo(trees);
        }

        return buffer.ToArray();
    }

    public static LeadScoringModel FromBytes(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        FeatureEncoder encoder;
        using (var stream = zip.GetEntry(EncoderEntry)!.Open())
        {
            encoder = JsonSerializer.Deserialize<FeatureEncoder>(stream) ?? throw new InvalidDataException("The scoring model has no encoder.");
        }

        using var trees = new MemoryStream();
        using (var stream = zip.GetEntry(TreesEntry)!.Open())
        {
            stream.CopyTo(trees);
        }

        trees.Position = 0;
        return new LeadScoringModel(encoder, (ml, _) => ml.Model.Load(trees, out DataViewSchema _));
    }

    private static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(EncodedLead));
        schema[nameof(EncodedLead.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private sealed class EncodedLead
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    private sealed class ScoredLead
    {
        public float Probability { get; set; }

        public float[] FeatureContributions { get; set; } = [];
    }

}
