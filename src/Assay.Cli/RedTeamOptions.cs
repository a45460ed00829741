namespace Assay.Cli;

/// <summary>Everything <c>assay redteam</c> was asked to do.</summary>
public sealed record RedTeamOptions
{
    public required string Generator { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    public required string Oracle { get; init; }

    public int PerCell { get; init; } = 3;

    public int Seed { get; init; }

    /// <summary>A seeded sample of this many cells; null runs the whole matrix.</summary>
    public int? Cells { get; init; }

    /// <summary>Safety categories by id or name; empty means all.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? OutDirectory { get; init; }

    public string? RunId { get; init; }

    public string? Storage { get; init; }

    public string? DataDirectory { get; init; }

    public string? ConfigFile { get; init; }

    public int MaxInFlight { get; init; } = 4;

    public bool NoCache { get; init; }
}
