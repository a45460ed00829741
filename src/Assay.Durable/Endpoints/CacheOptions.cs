namespace Assay.Durable.Endpoints;

/// <summary>The response cache (configuration section <c>Cache</c>).</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Off for a host whose runs must always call the endpoints; a run can also bypass it (<c>--no-cache</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Blob container of the entries, in the run's storage account.</summary>
    public string Container { get; set; } = "cache";

    /// <summary>
    /// List the entries of an endpoint kind once per process and read only those listed or written since, instead of
    /// one read (usually a 404) per call. Right when this process is the only writer while it runs (the local runner;
    /// a resumed run is a new process, which lists again); with several writers (the Functions app's instances) an
    /// entry another instance writes after the listing is missed and its call made again, so it is off by default.
    /// </summary>
    public bool ListOnce { get; set; }
}
