using System.Text;
using Assay.Core.Benchmarks;
using Assay.Core.RedTeam;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Microsoft.DurableTask;

namespace Assay.Durable.Activities;

/// <summary>
/// Merges the chunk blobs, in plan order, into ONE assay-jsonl suite in the benchmarks container (deduplicated, stable
/// ids) and its coverage in the results container. The content is a function of the chunks, so a re-execution
/// rewrites the same bytes.
/// </summary>
public sealed class WriteSuiteActivity(RunStore store) : TaskActivity<RedTeamSuiteRequest, RedTeamSuiteResult>
{
    public override async Task<RedTeamSuiteResult> RunAsync(TaskActivityContext context, RedTeamSuiteRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ct = CancellationToken.None;
        var plan = input.Plan();
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var byKey = plan.Cells.ToDictionary(c => c.Key, StringComparer.Ordinal);
        var generated = new List<GeneratedCell>(plan.Cells.Count);
        for (var chunk = 0; chunk < input.Chunks(plan); chunk++)
        {
            var blob = RedTeamBlobNames.Chunk(input.RunId, chunk);
            await foreach (var record in RunStore.ReadLinesAsync<GeneratedCellRecord>(results, blob, ct).ConfigureAwait(false))
            {
                var cell = byKey.GetValueOrDefault(record.Cell)
                    ?? throw new InvalidDataException($"{results.Name}/{blob}: cell '{record.Cell}' is not in the plan of run {input.RunId}");
                generated.Add(new GeneratedCell(cell, record.Prompts, record.Unparseable, record.Error));
            }
        }

        var (cases, coverage) = RedTeamSuite.Assemble(plan, generated);
        var benchmarks = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        var suiteBlob = RedTeamBlobNames.Suite(input.RunId);
        await RunStore.WriteTextAsync(benchmarks, suiteBlob, Encoding.UTF8.GetString(AssayJsonl.ToUtf8Bytes(cases)), "application/x-ndjson", ct).ConfigureAwait(false);

        var full = coverage.Count(c => c.Unique == c.Requested);
        var summary = new SuiteCoverage(
            input.RunId, plan.Seed, plan.PerCell, plan.CellsInMatrix, plan.Cells.Count, full, cases.Count, coverage.Sum(c => c.Unparseable.Count),
            input.Generator, AstralTaxonomy.BuiltIn.Source, coverage);
        var coverageBlob = RedTeamBlobNames.Coverage(input.RunId);
        await RunStore.WriteJsonAsync(results, coverageBlob, summary, ct).ConfigureAwait(false);
        return new RedTeamSuiteResult(suiteBlob, coverageBlob, cases.Count, plan.Cells.Count, full);
    }
}
