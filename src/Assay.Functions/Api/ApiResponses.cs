using Assay.Functions.Security;
using Microsoft.AspNetCore.Mvc;

namespace Assay.Functions.Api;

/// <summary>
/// Builds the API's responses as serialised text, so what a test reads is byte for byte what goes on the wire, and
/// every body passes through the <see cref="SecretRedactor"/>. Errors are RFC 9457 problem details.
/// </summary>
public sealed class ApiResponses(SecretRedactor redactor)
{
    public ContentResult Json(int status, object body) => Content(status, body, "application/json; charset=utf-8");

    public ContentResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://httpstatuses.io/{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return Content(status, body, "application/problem+json; charset=utf-8");
    }

    private ContentResult Content(int status, object body, string contentType) => new()
    {
        StatusCode = status,
        ContentType = contentType,
        Content = redactor.RedactJson(body, ApiJson.Options),
    };
}
