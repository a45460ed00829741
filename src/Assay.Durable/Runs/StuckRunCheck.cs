using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Assay.Durable.Runs;

/// <summary>A task an orchestration instance scheduled and has no answer for yet.</summary>
/// <param name="Kind">activity, sub-orchestration, timer, or start (an instance that never ran).</param>
public sealed record PendingTask(string InstanceId, string Kind, string Name, int EventId);

/// <summary>What <see cref="StuckRunCheck"/> found about a run's orchestration and its sub-orchestrations.</summary>
/// <param name="Instances">The run's instance and every sub-orchestration it created (purged together by a restart).</param>
/// <param name="Waiting">Tasks scheduled and not answered, in the run and its unfinished sub-orchestrations.</param>
/// <param name="MessagesInQueues">Messages in the task hub's queues, visible or not (the queues' approximate counts).</param>
/// <param name="Stuck">Waiting on a task with no message for the run in any queue: nothing can make it progress.</param>
public sealed record StuckRunReport(
    string InstanceId, string? RuntimeStatus, string? Name, IReadOnlyList<string> Instances, IReadOnlyList<PendingTask> Waiting,
    long MessagesInQueues, bool Stuck, string Explanation);

/// <summary>
/// Reads the Durable Task Azure Storage backend's own tables and queues (<c>{hub}Instances</c>, <c>{hub}History</c>,
/// <c>{hub}-control-NN</c>, <c>{hub}-workitems</c>) to tell whether a run can still make progress. Every task a
/// waiting orchestration has scheduled is answered by a queue message (the activity's work item, the child's start or
/// completion, the timer); a queue message is counted until it is deleted, visible or not. So a run waiting on tasks
/// while no message for it exists anywhere has lost one (a crashed storage emulator, a kill between the backend's
/// history write and its enqueue) and will wait forever. The check is read-only; see <see cref="StuckRunRepair"/>.
/// </summary>
public sealed class StuckRunCheck(TableServiceClient tables, QueueServiceClient queues, string taskHub)
{
    private const int PeekLimit = 32; // the queue service's most per peek

    public StuckRunCheck(string connectionString, string taskHub)
        : this(new TableServiceClient(connectionString), new QueueServiceClient(connectionString), taskHub)
    {
    }

    public async Task<StuckRunReport> CheckAsync(string instanceId, CancellationToken ct)
    {
        var instancesTable = tables.GetTableClient(taskHub + "Instances");
        var historyTable = tables.GetTableClient(taskHub + "History");
        var root = await ReadInstanceAsync(instancesTable, instanceId, ct).ConfigureAwait(false);
        if (root is null)
        {
            return new StuckRunReport(instanceId, null, null, [], [], 0, false, "no such instance in this task hub");
        }

        var all = new List<string>();
        var waiting = new List<PendingTask>();
        await WalkAsync(instancesTable, historyTable, instanceId, root, all, waiting, ct).ConfigureAwait(false);
        var (messages, mentioning, allSeen) = await ScanQueuesAsync(all, ct).ConfigureAwait(false);

        bool stuck;
        string explanation;
        if (waiting.Count == 0)
        {
            (stuck, explanation) = (false, IsTerminal(root.Status) ? $"the run has ended ({root.Status})" : "the run is not waiting on any task");
        }
        else if (messages == 0)
        {
            (stuck, explanation) = (true, $"waiting on {waiting.Count} task(s) and the task hub's queues are empty: the message that would answer them is lost");
        }
        else if (mentioning == 0 && allSeen)
        {
            (stuck, explanation) = (true, $"waiting on {waiting.Count} task(s); the {messages} queued message(s) are all visible and none is for this run");
        }
        else
        {
            (stuck, explanation) = (false, mentioning > 0
                ? $"waiting on {waiting.Count} task(s); {mentioning} queued message(s) are for this run, so it can progress"
                : $"waiting on {waiting.Count} task(s); {messages} message(s) are queued, some leased (invisible), so it may still progress");
        }

        return new StuckRunReport(instanceId, root.Status, root.Name, all, waiting, messages, stuck, explanation);
    }

    private static async Task WalkAsync(
        TableClient instancesTable, TableClient historyTable, string instanceId, InstanceRow row, List<string> all, List<PendingTask> waiting, CancellationToken ct)
    {
        all.Add(instanceId);
        var scheduled = new Dictionary<int, PendingTask>();
        var timers = new Dictionary<int, PendingTask>();
        var children = new List<(int EventId, string Child)>();
        var answered = new HashSet<int>();
        var fired = new HashSet<int>();
        var events = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        await foreach (var e in historyTable.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            if (row.ExecutionId is not null && e.GetString("ExecutionId") is { } execution && execution != row.ExecutionId)
            {
                continue;
            }

            events++;
            var eventId = e.GetInt32("EventId") ?? -1;
            switch (e.GetString("EventType"))
            {
                case "TaskScheduled":
                    scheduled[eventId] = new PendingTask(instanceId, "activity", e.GetString("Name") ?? "?", eventId);
                    break;
                case "SubOrchestrationInstanceCreated":
                    scheduled[eventId] = new PendingTask(instanceId, "sub-orchestration", e.GetString("Name") ?? "?", eventId);
                    if (e.GetString("InstanceId") is { } child)
                    {
                        children.Add((eventId, child));
                    }

                    break;
                case "TimerCreated":
                    timers[eventId] = new PendingTask(instanceId, "timer", e.GetString("FireAt") ?? "timer", eventId);
                    break;
                case "TaskCompleted" or "TaskFailed" or "SubOrchestrationInstanceCompleted" or "SubOrchestrationInstanceFailed":
                    answered.Add(e.GetInt32("TaskScheduledId") ?? -1);
                    break;
                case "TimerFired":
                    fired.Add(e.GetInt32("TimerId") ?? -1);
                    break;
            }
        }

        if (IsTerminal(row.Status))
        {
            foreach (var (_, child) in children)
            {
                all.Add(child); // purged with the run, never waited on
            }

            return;
        }

        if (events == 0)
        {
            waiting.Add(new PendingTask(instanceId, "start", row.Name ?? "?", -1));
            return;
        }

        waiting.AddRange(scheduled.Where(s => !answered.Contains(s.Key) && s.Value.Kind == "activity").Select(s => s.Value));
        waiting.AddRange(timers.Where(t => !fired.Contains(t.Key)).Select(t => t.Value));
        foreach (var (eventId, child) in children)
        {
            var childRow = await ReadInstanceAsync(instancesTable, child, ct).ConfigureAwait(false);
            if (answered.Contains(eventId) || childRow is null)
            {
                all.Add(child);
                if (!answered.Contains(eventId))
                {
                    waiting.Add(scheduled[eventId]); // created, and the child's start message never made it
                }

                continue;
            }

            if (IsTerminal(childRow.Status))
            {
                all.Add(child);
                waiting.Add(scheduled[eventId]); // the child ended; its answer to this instance is what is missing
                continue;
            }

            await WalkAsync(instancesTable, historyTable, child, childRow, all, waiting, ct).ConfigureAwait(false);
        }
    }

    // Counts every message of the hub's queues; peeks the visible ones for the run's instance ids.
    private async Task<(long Messages, int Mentioning, bool AllSeen)> ScanQueuesAsync(IReadOnlyList<string> instanceIds, CancellationToken ct)
    {
        var service = queues;
        var (messages, mentioning, allSeen) = (0L, 0, true);
        await foreach (var item in service.GetQueuesAsync(prefix: taskHub.ToLowerInvariant() + "-", cancellationToken: ct).ConfigureAwait(false))
        {
            var queue = service.GetQueueClient(item.Name);
            var count = (await queue.GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount;
            if (count == 0)
            {
                continue;
            }

            messages += count;
            var peeked = (await queue.PeekMessagesAsync(PeekLimit, ct).ConfigureAwait(false)).Value;
            allSeen &= peeked.Length == count;
            mentioning += peeked.Count(m => Mentions(m.Body.ToString(), instanceIds));
        }

        return (messages, mentioning, allSeen);
    }

    private static bool Mentions(string body, IReadOnlyList<string> instanceIds)
    {
        if (instanceIds.Any(id => body.Contains(id, StringComparison.Ordinal)))
        {
            return true;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(body));
            return instanceIds.Any(id => decoded.Contains(id, StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task<InstanceRow?> ReadInstanceAsync(TableClient instances, string instanceId, CancellationToken ct)
    {
        try
        {
            var row = (await instances.GetEntityAsync<TableEntity>(instanceId, string.Empty, cancellationToken: ct).ConfigureAwait(false)).Value;
            return new InstanceRow(row.GetString("RuntimeStatus"), row.GetString("ExecutionId"), row.GetString("Name"));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static bool IsTerminal(string? status) => status is "Completed" or "Failed" or "Terminated" or "Canceled";

    private sealed record InstanceRow(string? Status, string? ExecutionId, string? Name);
}
