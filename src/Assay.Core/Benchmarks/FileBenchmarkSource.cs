namespace Assay.Core.Benchmarks;

/// <summary>A benchmark file on the local disk. Siblings are resolved against the file's own directory.</summary>
public sealed class FileBenchmarkSource : IBenchmarkSource
{
    // Large enough that line scanning rarely waits on the disk; small enough to stay off the LOH.
    private const int BufferSize = 64 * 1024;

    private readonly string fullPath;

    /// <param name="path">The file; kept as given for <see cref="Name"/> so errors show what the user typed.</param>
    public FileBenchmarkSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Name = path;
        fullPath = Path.GetFullPath(path);
    }

    public string Name { get; }

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<Stream>(Open(fullPath));
    }

    public Task<Stream?> OpenRelativeAsync(string relativePath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = ResolveRelative(relativePath);
        return Task.FromResult<Stream?>(File.Exists(path) ? Open(path) : null);
    }

    public string RelativeName(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var directory = Path.GetDirectoryName(Name);
        return string.IsNullOrEmpty(directory) ? relativePath : Path.Combine(directory, relativePath);
    }

    private string ResolveRelative(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var directory = Path.GetDirectoryName(fullPath) ?? Path.GetPathRoot(fullPath) ?? ".";
        return Path.GetFullPath(Path.Combine(directory, relativePath));
    }

    private static FileStream Open(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = BufferSize,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
}
