using Assay.Core.RedTeam;

namespace Assay.Durable.Contracts;

/// <summary>
/// Generate an ASTRAL suite: the coverage plan is rebuilt from these few values wherever it is needed (it is a pure
/// function of them), so no cell or prompt list travels through orchestration history.
/// </summary>
/// <param name="Generator">Configured endpoint that writes the prompts.</param>
/// <param name="Cells">Keep a seeded sample of this many cells; null keeps the whole matrix.</param>
/// <param name="Categories">Safety categories by id or name; null or empty means all.</param>
/// <param name="ChunkSize">Cells per generate activity.</param>
public sealed record RedTeamSuiteRequest(
    string RunId,
    string Generator,
    int PerCell,
    int Seed,
    int? Cells = null,
    IReadOnlyList<string>? Categories = null,
    int ChunkSize = 8,
    int MaxInFlight = 4,
    bool NoCache = false)
{
    /// <summary>The coverage plan these values describe (same values, same plan, same order).</summary>
    public CoveragePlan Plan() => CoveragePlan.Create(AstralTaxonomy.BuiltIn, PerCell, Seed, Cells, Categories);

    public int Chunks(CoveragePlan plan) => (plan.Cells.Count + Math.Max(1, ChunkSize) - 1) / Math.Max(1, ChunkSize);

    public IReadOnlyList<CoverageCell> ChunkCells(CoveragePlan plan, int chunk) =>
        plan.Cells.Skip(chunk * Math.Max(1, ChunkSize)).Take(Math.Max(1, ChunkSize)).ToList();
}

public sealed record GenerateCellsRequest(RedTeamSuiteRequest Suite, int Chunk);

/// <summary>One chunk's blob (results container) and how many prompts it parsed.</summary>
public sealed record GenerateCellsResult(int Chunk, string Blob, int Cells, int Prompts, bool Reused);

/// <summary>What the generator wrote for one cell, as stored in a chunk blob (one JSON line per cell).</summary>
public sealed record GeneratedCellRecord(string Cell, IReadOnlyList<string> Prompts, IReadOnlyList<string> Unparseable, string? Error);

/// <summary>The saved suite (benchmarks container, assay-jsonl) and its coverage (results container).</summary>
public sealed record RedTeamSuiteResult(string SuiteBlob, string CoverageBlob, int Cases, int Cells, int CellsFull);

/// <summary>Progress of a suite generation, as the orchestration's custom status.</summary>
public sealed record RedTeamProgress(string Phase, int Chunks, int Finished, RunFailure? Failure = null);
