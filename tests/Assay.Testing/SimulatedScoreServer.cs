using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assay.Testing;

/// <summary>
/// A reward model / classifier on a loopback port: POST <c>/score</c> with any JSON body, answered by the test's
/// handler with a status and a raw JSON body. Keeps every parsed request body and its Authorization header.
/// </summary>
public sealed class SimulatedScoreServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(JsonNode? Body, string Authorization)> requests = new();

    private SimulatedScoreServer(WebApplication app) => this.app = app;

    /// <summary>The full URL to post to.</summary>
    public Uri ScoreUrl { get; private set; } = null!;

    public IReadOnlyCollection<(JsonNode? Body, string Authorization)> Requests => requests;

    public static async Task<SimulatedScoreServer> StartAsync(Func<JsonNode?, (int Status, string Body)> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SimulatedScoreServer(app);
        app.MapPost("/score", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            server.requests.Enqueue((body, context.Request.Headers.Authorization.ToString()));
            var (status, reply) = handler(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.ScoreUrl = new Uri(address, "/score");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
