using Assay.Durable.Runs;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Scheduling;

/// <summary>Fails start-up on a schedule entry that could never run: unknown endpoint, judge or format, bad blob name.</summary>
public sealed class NightlyOptionsValidator(RunSpecValidator validator) : IValidateOptions<NightlyOptions>
{
    public ValidateOptionsResult Validate(string? name, NightlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (entry, settings) in options.Entries)
        {
            if (!TargetSyntax.IsEndpointName(entry))
            {
                failures.Add($"{NightlyOptions.Section}:Entries:{entry}: an entry name is letters, digits, '.', '_', '-'");
                continue;
            }

            var check = validator.Validate(settings.ToSpec(RunIds.ForNightly(entry, DateTimeOffset.UnixEpoch)));
            failures.AddRange(check.Errors.Select(e => $"{NightlyOptions.Section}:Entries:{entry}: {e}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
