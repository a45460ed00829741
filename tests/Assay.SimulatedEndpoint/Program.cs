using System.Text.Json;
using Assay.Testing;

// assay-sim --behaviour FILE [--requests FILE]: serves SimulatedOpenAIServer on a free loopback port, answering by the
// behaviour file (with its latency and capacity); prints "listening ROOT_URL" once ready; appends every request to the
// requests file when one is given (one JSON line, flushed before the answer is sent). On its standard input it
// answers "stats" with one JSON line (SimulatedEndpointStats) and "reset" with "ok" (forgets first/last times and the
// peak); it ends when its standard input closes (the test or bench is done, or died).
if (args is not (["--behaviour", _] or ["--behaviour", _, "--requests", _]))
{
    await Console.Error.WriteLineAsync("usage: Assay.SimulatedEndpoint --behaviour FILE [--requests FILE]");
    return 2;
}

var behaviour = JsonSerializer.Deserialize<SimulatedBehaviour>(await File.ReadAllTextAsync(args[1]), SimulatedBehaviour.Json)
    ?? throw new InvalidOperationException($"{args[1]}: empty behaviour");
var answer = behaviour.Handler();
var gate = new Lock();
await using var log = args.Length == 4 ? new StreamWriter(args[3], append: true) : null;
await using var server = await SimulatedOpenAIServer.StartAsync(
    request =>
    {
        if (log is not null)
        {
            lock (gate)
            {
                log.WriteLine(JsonSerializer.Serialize(request, SimulatedBehaviour.Json));
                log.Flush();
            }
        }

        return answer(request);
    },
    recordRequests: false,
    maxConcurrency: behaviour.MaxConcurrency);
Console.WriteLine($"listening {server.RootUrl}");
while (await Console.In.ReadLineAsync() is { } command)
{
    switch (command)
    {
        case "stats":
            Console.WriteLine(JsonSerializer.Serialize(
                new SimulatedEndpointStats(server.Calls, server.PeakInFlight, server.FirstReceived, server.LastAnswered), SimulatedBehaviour.Json));
            break;
        case "reset":
            server.ResetTimes();
            Console.WriteLine("ok");
            break;
    }
}

return 0;
