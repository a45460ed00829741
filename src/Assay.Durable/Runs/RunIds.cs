using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Assay.Durable.Storage;

namespace Assay.Durable.Runs;

/// <summary>
/// Run ids, which are also orchestration instance ids and blob folder names. Deterministic ids make a redelivered
/// trigger find the run it already started instead of starting another.
/// </summary>
public static partial class RunIds
{
    public const int MaxLength = 80;

    /// <summary>Prefixes of the ids the app makes itself (<see cref="ForUpload"/>, <see cref="ForNightly"/>): no caller may take one.</summary>
    public static IReadOnlyList<string> ReservedPrefixes { get; } = [UploadPrefix, NightlyPrefix];

    private const string UploadPrefix = "upload-";

    private const string NightlyPrefix = "nightly-";

    public static bool IsValid(string id) => id.Length <= MaxLength && Pattern().IsMatch(id);

    /// <summary>The reserved prefix <paramref name="id"/> starts with (any case), or null.</summary>
    public static string? ReservedPrefix(string id) =>
        ReservedPrefixes.FirstOrDefault(p => id.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public static string New(TimeProvider time) =>
        $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// One id per uploaded blob version: a short readable part from the name, and a hash of the full name and ETag
    /// (an overwrite gets a new ETag and so a new run; a redelivered event gets the same id).
    /// </summary>
    public static string ForUpload(string blobName, string etag)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{blobName}\n{etag.Trim('"')}")))[..20];
        var file = BlobNames.Safe(Path.GetFileNameWithoutExtension(blobName.TrimEnd('/')) is { Length: > 0 } f ? f : "blob");
        return $"{UploadPrefix}{(file.Length > 40 ? file[..40] : file)}-{hash}";
    }

    /// <summary>The singleton id of a nightly schedule entry on one (UTC) night.</summary>
    public static string ForNightly(string entry, DateTimeOffset night)
    {
        var safe = BlobNames.Safe(entry);
        return $"{NightlyPrefix}{(safe.Length > 50 ? safe[..50] : safe)}-{night.UtcDateTime:yyyyMMdd}";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Pattern();
}
