namespace Assay.Functions.Intake;

/// <summary>
/// The content of <c>benchmarks-rejected/{name}.error.json</c>: where the upload is wrong, so its author can fix it.
/// </summary>
/// <param name="File">The file at fault (<c>benchmarks/{name}</c>, or a related file it reads).</param>
/// <param name="Line">1-based line, or 0 when the whole file is at fault (empty, too large, unknown format).</param>
/// <param name="Field">The field at fault, when one is.</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="Blob">The uploaded blob's name in the benchmarks container.</param>
/// <param name="ETag">The version that was rejected.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="RejectedAt">When it was rejected.</param>
/// <param name="Kept">Whether a copy of the upload is beside this file; one over the size cap is deleted unread.</param>
public sealed record RejectionRecord(
    string File, long Line, string? Field, string Problem, string Blob, string ETag, long Size, DateTimeOffset RejectedAt, bool Kept = true);
