using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Moq;

namespace Assay.Functions.Tests.Api;

/// <summary>Real ASP.NET Core requests as the Functions host hands them over, and a mocked <see cref="FunctionContext"/>.</summary>
internal static class HttpRequests
{
    public const string DefaultCaller = "tester";

    public static HttpRequest Post(string body, string path = "/api/runs") => Create("POST", path, body);

    public static HttpRequest Get(string path, string? query = null) => Create("GET", path, null, query);

    public static FunctionContext Context(CancellationToken ct = default)
    {
        var context = new Mock<FunctionContext>(MockBehavior.Strict);
        context.SetupGet(c => c.CancellationToken).Returns(ct);
        return context.Object;
    }

    /// <summary>The response as it would go on the wire: status, content type and parsed body.</summary>
    public static (int Status, string ContentType, JsonElement Body, string Text) Read(IActionResult result)
    {
        var content = Assert.IsType<ContentResult>(result);
        using var document = JsonDocument.Parse(content.Content!);
        return (content.StatusCode!.Value, content.ContentType!, document.RootElement.Clone(), content.Content!);
    }

    private static HttpRequest Create(string method, string path, string? body, string? query = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("assay-test.azurewebsites.net");
        context.Request.Path = path;

        // What App Service authentication injects for a signed-in caller (the app trusts it only behind Easy Auth).
        context.Request.Headers["X-MS-CLIENT-PRINCIPAL-ID"] = DefaultCaller;
        context.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = DefaultCaller + "@example.org";
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }
}
