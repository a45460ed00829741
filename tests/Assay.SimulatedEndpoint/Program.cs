using System.Text.Json;
using Assay.Testing;

// assay-sim --behaviour FILE --requests FILE: serves SimulatedOpenAIServer on a free loopback port, answering by the
// behaviour file; prints "listening ROOT_URL" once ready; appends every request to the requests file (one JSON line,
// flushed before the answer is sent); ends when its standard input closes (the test is done, or died).
if (args is not ["--behaviour", var behaviourFile, "--requests", var requestsFile])
{
    await Console.Error.WriteLineAsync("usage: Assay.SimulatedEndpoint --behaviour FILE --requests FILE");
    return 2;
}

var behaviour = JsonSerializer.Deserialize<SimulatedBehaviour>(await File.ReadAllTextAsync(behaviourFile), SimulatedBehaviour.Json)
    ?? throw new InvalidOperationException($"{behaviourFile}: empty behaviour");
var answer = behaviour.Handler();
var gate = new Lock();
await using var log = new StreamWriter(requestsFile, append: true);
await using var server = await SimulatedOpenAIServer.StartAsync(
    request =>
    {
        lock (gate)
        {
            log.WriteLine(JsonSerializer.Serialize(request, SimulatedBehaviour.Json));
            log.Flush();
        }

        return answer(request);
    },
    recordRequests: false,
    maxConcurrency: 0);
Console.WriteLine($"listening {server.RootUrl}");
await Console.In.ReadToEndAsync();
return 0;
