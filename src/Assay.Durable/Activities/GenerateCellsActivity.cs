using Assay.Core.RedTeam;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Logging;
using Assay.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Activities;

/// <summary>
/// Asks the generator for the prompts of one chunk of cells and writes them, one line per cell, to
/// <see cref="RedTeamBlobNames.Chunk"/>. A chunk already written (re-executed activity, resumed run) is reused
/// without calling the generator. A failed or unparseable reply is recorded on its cell, never thrown away.
/// </summary>
public sealed class GenerateCellsActivity(RunStore store, ChatClientFactory endpoints, ILogger<GenerateCellsActivity> logger)
    : TaskActivity<GenerateCellsRequest, GenerateCellsResult>
{
    public override async Task<GenerateCellsResult> RunAsync(TaskActivityContext context, GenerateCellsRequest input)
    {
        using var order = CallOrder.Begin(); // this activity's calls wait behind those of activities started before it
        var ct = CancellationToken.None;
        var suite = input.Suite;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var blob = RedTeamBlobNames.Chunk(suite.RunId, input.Chunk);
        if (await RunStore.ExistsAsync(results, blob, ct).ConfigureAwait(false))
        {
            var done = new List<GeneratedCellRecord>();
            await foreach (var record in RunStore.ReadLinesAsync<GeneratedCellRecord>(results, blob, ct).ConfigureAwait(false))
            {
                done.Add(record);
            }

            return new GenerateCellsResult(input.Chunk, blob, done.Count, done.Sum(r => r.Prompts.Count), Reused: true);
        }

        var plan = suite.Plan();
        var generator = endpoints.Get(suite.Generator);
        var records = new List<GeneratedCellRecord>();
        foreach (var cell in suite.ChunkCells(plan, input.Chunk))
        {
            GeneratedCell generated;
            using (CallScope.Begin(0, suite.NoCache))
            {
                generated = await AstralGenerator.GenerateAsync(generator, plan, cell, ct).ConfigureAwait(false);
            }

            if (generated.Error is not null || generated.Unparseable.Count > 0)
            {
                logger.CellGenerationFailed(suite.RunId, cell.Key, generated.Error, generated.Unparseable.Count);
            }

            records.Add(new GeneratedCellRecord(cell.Key, generated.Prompts, generated.Unparseable, generated.Error));
        }

        await RunStore.WriteLinesAsync(results, blob, records, ct).ConfigureAwait(false);
        return new GenerateCellsResult(input.Chunk, blob, records.Count, records.Sum(r => r.Prompts.Count), Reused: false);
    }
}
