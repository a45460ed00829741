namespace Assay.Durable.Endpoints;

/// <summary>
/// Model and judge calls finished in this process, and how many of them failed (after retries): what the local
/// runner's live progress line shows as calls per second and errors so far. The local runner hosts the activities
/// in its own process, so these are the run's calls (since this process started, on a resume).
/// </summary>
public static class EndpointCallCounter
{
    private static long calls;
    private static long errors;

    public static long Calls => Interlocked.Read(ref calls);

    public static long Errors => Interlocked.Read(ref errors);

    internal static void Count(bool failed)
    {
        Interlocked.Increment(ref calls);
        if (failed)
        {
            Interlocked.Increment(ref errors);
        }
    }
}
