using Microsoft.Extensions.Options;

namespace Assay.Durable.Endpoints;

/// <summary>All configured endpoints by name (case-insensitive), validated at start-up.</summary>
public sealed class EndpointsOptions
{
    public const string Section = "Endpoints";

    public Dictionary<string, EndpointOptions> Endpoints { get; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class EndpointsOptionsValidator : IValidateOptions<EndpointsOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointsOptions options)
    {
        var failures = options.Endpoints.SelectMany(e => e.Value.Validate(e.Key)).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
