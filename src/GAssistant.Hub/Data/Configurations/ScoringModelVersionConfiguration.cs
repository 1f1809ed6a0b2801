using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class ScoringModelVersionConfiguration : IEntityTypeConfiguration<ScoringModelVersion>
{
    public void Configure(EntityTypeBuilder<ScoringModelVersion> version)
    {
        version.HasKey(v => v.Id);
        version.Property(v => v.MetricsJson).HasMaxLength(16384);
        version.HasIndex(v => v.TrainedAt);
    }
}
