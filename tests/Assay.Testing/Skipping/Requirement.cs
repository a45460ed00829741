namespace Assay.Testing;

/// <summary>
/// Something a test needs that a plain clone does not have (the real datasets, a Chromium). Missing, it skips the test
/// with a reason that says how to provide it; with <c>ASSAY_REQUIRE_ALL=1</c> (set by .ci/run) it fails the test
/// instead, so CI still runs everything.
/// </summary>
public static class Requirement
{
    public const string RequireAllVariable = "ASSAY_REQUIRE_ALL";

    public static bool RequireAll => Environment.GetEnvironmentVariable(RequireAllVariable) is "1" or "true";

    /// <summary>Skips (or, under <c>ASSAY_REQUIRE_ALL=1</c>, fails) the running test unless <paramref name="available"/>.</summary>
    public static void Needs(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (RequireAll)
        {
            throw new InvalidOperationException($"{reason} ({RequireAllVariable}=1 makes this a failure instead of a skip)");
        }

        throw new SkipTestException(reason);
    }
}

/// <summary>Thrown to report the running test as skipped; <see cref="SkippingTestFramework"/> turns it into a skip.</summary>
public sealed class SkipTestException(string reason) : Exception(reason);
