using System.Reflection;
using System.Runtime.Serialization;
using DurableTask.Core;
using DurableTask.Core.History;

namespace Assay.Cli.Local;

/// <summary>
/// Makes what the gRPC sidecar (written against its in-memory backend) hands to the Azure Storage backend storable.
/// Two sidecar habits break sub-orchestrations there:
/// (1) it copies the protobuf <c>MapField</c> of tags into the child's <see cref="ExecutionStartedEvent"/>; the backend
///     writes queue messages with Newtonsoft type names, and reading the message back cannot resolve MapField's type,
///     so the child never starts;
/// (2) it records the parent's <see cref="SubOrchestrationInstanceCreatedEvent"/> as its own subclass (for trace
///     context), which lacks <see cref="DataContractAttribute"/> (not inherited); the backend's table writer collects
///     [DataMember]s only from [DataContract] classes, so it wrote an empty history row, without EventType, and the
///     parent's history could never be loaded again.
/// Both become the plain Durable Task types before the backend persists anything. Only trace context is lost.
/// </summary>
internal static class SidecarHistoryNormalizer
{
    public static void Normalize(OrchestrationRuntimeState state)
    {
        ReplaceSubclassedEvents(state.Events);
        if (!ReferenceEquals(state.NewEvents, state.Events))
        {
            ReplaceSubclassedEvents(state.NewEvents);
        }

        foreach (var e in state.NewEvents)
        {
            PlainTags(e);
            // Anything else the backend cannot write would be stored as an empty row and fail much later, far from
            // its cause; fail this work item now, naming the type.
            if (e.GetType().GetCustomAttribute<DataContractAttribute>() is null)
            {
                throw new InvalidOperationException(
                    $"the history event type {e.GetType().FullName} ({e.EventType}) of {state.OrchestrationInstance?.InstanceId} has no [DataContract]; the Azure Storage backend would store it as an empty row");
            }
        }
    }

    public static void Normalize(IEnumerable<TaskMessage>? messages)
    {
        foreach (var message in messages ?? [])
        {
            Normalize(message);
        }
    }

    public static void Normalize(TaskMessage? message)
    {
        if (message?.Event is { } e)
        {
            PlainTags(e);
        }
    }

    private static void ReplaceSubclassedEvents(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    ClientSpanId = created.ClientSpanId,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    Tags = Plain(created.Tags),
                };
            }
        }
    }

    private static void PlainTags(HistoryEvent e)
    {
        switch (e)
        {
            case ExecutionStartedEvent started:
                started.Tags = Plain(started.Tags);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                created.Tags = Plain(created.Tags);
                break;
        }
    }

    /// <summary>A protobuf map (or any other dictionary type) as the plain dictionary the backend can name.</summary>
    private static IDictionary<string, string>? Plain(IDictionary<string, string>? tags) =>
        tags is null || tags.GetType() == typeof(Dictionary<string, string>) ? tags : new Dictionary<string, string>(tags);
}
