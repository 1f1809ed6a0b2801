using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GAssistant.Hub.Data;

/// <summary>Tells <see cref="StorageSpace"/> what every save shows: a full disk, or that writes work again.</summary>
internal sealed class StorageSpaceInterceptor(StorageSpace storage) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        storage.ReportWritable();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        storage.ReportWritable();
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (StorageSpace.IsStorageFull(eventData.Exception))
        {
            storage.ReportFull(eventData.Exception);
        }
    }
}
