namespace Assay.Cli;

/// <summary>Everything <c>assay debate</c> was asked to do.</summary>
public sealed record DebateOptions
{
    public required string Claims { get; init; }

    public required string Persuader { get; init; }

    /// <summary>The helper that rewrites the persuader's replies; LOGICOM used the persuader's model (the default).</summary>
    public string? Helper { get; init; }

    public required string Debater { get; init; }

    public required string Moderator { get; init; }

    public int Rounds { get; init; } = 10;

    public string Modes { get; init; } = "logical,fallacious";

    public int? Limit { get; init; }

    public string? OutDirectory { get; init; }

    public string? RunId { get; init; }

    public string? Storage { get; init; }

    public string? DataDirectory { get; init; }

    public string? ConfigFile { get; init; }

    public int MaxInFlight { get; init; } = 4;

    public bool NoCache { get; init; }
}
