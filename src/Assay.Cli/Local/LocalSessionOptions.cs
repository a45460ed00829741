namespace Assay.Cli.Local;

/// <summary>Where a local command's session runs, and as what.</summary>
internal sealed record LocalSessionOptions
{
    /// <summary>A connection string; null: <c>Storage:ConnectionString</c>, else an Azurite started for the command.</summary>
    public string? Storage { get; init; }

    /// <summary>Where a started Azurite keeps its data.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The task hub (<c>--task-hub</c>); null: the <c>TaskHubName</c> setting, else <c>assay</c>.</summary>
    public string? TaskHub { get; init; }

    /// <summary>Set for an <c>assay worker</c>: its name on partition leases and in the worker registry.</summary>
    public string? WorkerId { get; init; }
}
