namespace Assay.Durable.Endpoints;

/// <summary>The response cache (configuration section <c>Cache</c>).</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Off for a host whose runs must always call the endpoints; a run can also bypass it (<c>--no-cache</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Blob container of the entries, in the run's storage account.</summary>
    public string Container { get; set; } = "cache";
}
