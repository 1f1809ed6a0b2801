using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class CrmStageConfiguration : IEntityTypeConfiguration<CrmStage>
{
    public void Configure(EntityTypeBuilder<CrmStage> stage)
    {
        stage.HasKey(s => s.OdooId);
        stage.Property(s => s.OdooId).ValueGeneratedNever();
        stage.Property(s => s.Name).HasMaxLength(256);
    }
}
