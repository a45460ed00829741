using System.Collections.Concurrent;
using DurableTask.Core;

namespace Assay.Cli.Local;

/// <summary>
/// Decorates the Azure Storage backend for the gRPC sidecar, which was written for other backends:
/// (1) the backend returns null from LockNext*WorkItem after cancellation and the sidecar's loop would then spin at
/// full CPU, so null-after-cancellation becomes <see cref="OperationCanceledException"/>;
/// (2) the sidecar never renews activity locks, so a long activity would be redelivered while still running: this
/// renews every activity lock at half the visibility timeout until the activity completes or is abandoned;
/// (3) the sidecar's sub-orchestration events and messages are made storable (<see cref="SidecarHistoryNormalizer"/>).
/// </summary>
internal sealed class ResilientOrchestrationService(IOrchestrationService inner, TimeSpan activityLockRenewal) : IOrchestrationService
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> renewals = new();
    private int started;
    private Task? stopping;

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return item;
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (item is not null)
        {
            StartRenewing(item);
        }

        return item!;
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        StopRenewing(workItem);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        StopRenewing(workItem);
        await inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task StartAsync()
    {
        await inner.StartAsync().ConfigureAwait(false);
        Volatile.Write(ref started, 1);
    }

    /// <summary>
    /// Stops once, and only a started backend: both the sidecar (from a fire-and-forget shutdown callback, where an
    /// exception crashes the process) and the host's disposal call this, and the Azure Storage backend throws when
    /// stopped before it started. A failed stop loses nothing; the durable state is in storage.
    /// </summary>
    public Task StopAsync(bool isForced)
    {
        lock (renewals)
        {
            return stopping ??= StopOnceAsync(isForced);
        }
    }

    private async Task StopOnceAsync(bool isForced)
    {
        foreach (var id in renewals.Keys)
        {
            if (renewals.TryRemove(id, out var cts))
            {
                await cts.CancelAsync().ConfigureAwait(false);
            }
        }

        if (Volatile.Read(ref started) == 0)
        {
            return;
        }

        try
        {
            await inner.StopAsync(isForced).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // See the summary: shutting down must not crash the process.
        }
    }

    public Task StopAsync() => StopAsync(false);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        // See SidecarHistoryNormalizer: without this, sub-orchestrations cannot be stored by the Azure Storage backend.
        SidecarHistoryNormalizer.Normalize(newOrchestrationRuntimeState);
        SidecarHistoryNormalizer.Normalize(outboundMessages);
        SidecarHistoryNormalizer.Normalize(orchestratorMessages);
        SidecarHistoryNormalizer.Normalize(timerMessages);
        SidecarHistoryNormalizer.Normalize(continuedAsNewMessage);
        return inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    private void StartRenewing(TaskActivityWorkItem item)
    {
        var cts = new CancellationTokenSource();
        if (!renewals.TryAdd(item.Id, cts))
        {
            cts.Dispose();
            return;
        }

        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(activityLockRenewal);
            try
            {
                while (await timer.WaitForNextTickAsync(cts.Token).ConfigureAwait(false))
                {
                    await inner.RenewTaskActivityWorkItemLockAsync(item).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // completed or abandoned
            }
            catch (Exception)
            {
                // A failed renewal only means the message may be redelivered; activities are idempotent.
            }
        });
    }

    private void StopRenewing(TaskActivityWorkItem item)
    {
        if (renewals.TryRemove(item.Id, out var cts))
        {
            cts.Cancel();
            cts.Dispose();
        }
    }
}
