using Assay.Bench;

// Measurements that are reported, not asserted: each scenario prints figures for a human to read.
// Usage: dotnet run --project bench/Assay.Bench -c Release -- <scenario> [arguments]
var scenarios = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["refusal-agreement"] = RefusalAgreement.RunAsync,
    ["endpoint-throughput"] = EndpointThroughput.RunAsync,
    ["scale"] = Scale.RunAsync,
    ["promptfoo"] = PromptfooSideBySide.RunAsync,
    ["kill-soak"] = KillSoakBench.RunAsync,
    ["front-door"] = FrontDoor.RunAsync,
    ["case-memory"] = CaseMemory.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("usage: assay-bench <scenario> [arguments]");
    Console.Error.WriteLine($"scenarios: {string.Join(", ", scenarios.Keys)}");
    return args.Length == 0 ? 0 : 2;
}

return await run(args[1..]);
