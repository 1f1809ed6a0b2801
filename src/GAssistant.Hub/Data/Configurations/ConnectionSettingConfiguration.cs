using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GAssistant.Hub.Data.Configurations;

internal sealed class ConnectionSettingConfiguration : IEntityTypeConfiguration<ConnectionSetting>
{
    public void Configure(EntityTypeBuilder<ConnectionSetting> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(200);
        setting.Property(s => s.UpdatedBy).HasMaxLength(320);
    }
}
