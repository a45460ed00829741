using Assay.Core.Benchmarks;
using Microsoft.Extensions.Configuration;

namespace Assay.Durable.Runs;

/// <summary>Reads <c>Readers:MaxLineBytes</c> and <c>Readers:MaxCaseBytes</c> and makes them the process's reader caps.</summary>
public static class ReaderLimitsConfiguration
{
    /// <exception cref="InvalidOperationException">A limit is zero, negative or not a number.</exception>
    public static ReaderLimits Apply(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ReaderLimits.Section);
        var limits = new ReaderLimits(
            Read(section, nameof(ReaderLimits.MaxLineBytes), ReaderLimits.Default.MaxLineBytes),
            Read(section, nameof(ReaderLimits.MaxCaseBytes), ReaderLimits.Default.MaxCaseBytes));
        if (limits.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        ReaderLimits.Current = limits;
        return limits;
    }

    private static long Read(IConfigurationSection section, string key, long fallback) =>
        section[key] is not { Length: > 0 } text ? fallback
        : long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"{ReaderLimits.Section}:{key} must be a whole number of bytes (got '{text}')");
}
