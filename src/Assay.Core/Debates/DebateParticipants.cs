using Microsoft.Extensions.AI;

namespace Assay.Core.Debates;

/// <summary>The models of a debate. LOGICOM ran the helper on the persuader's model; here it may be its own endpoint.</summary>
public sealed record DebateParticipants(IChatClient Persuader, IChatClient Helper, IChatClient Debater, IChatClient Moderator)
{
    /// <summary>LOGICOM's sampling: persuader and debater at 1.0, moderator at 0.5; the helper at the endpoint's default.</summary>
    public static ChatOptions DebaterOptions() => new() { Temperature = 1.0f };

    public static ChatOptions PersuaderOptions() => new() { Temperature = 1.0f };

    public static ChatOptions ModeratorOptions() => new() { Temperature = 0.5f };
}
