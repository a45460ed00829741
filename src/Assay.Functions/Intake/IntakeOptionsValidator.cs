using Assay.Durable.Runs;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Intake;

/// <summary>
/// Fails start-up when the upload defaults name an endpoint that is not configured or a judge that does not exist,
/// instead of failing every upload later. The benchmark's own judge is checked per upload, when its format is known.
/// </summary>
public sealed class IntakeOptionsValidator(RunSpecValidator validator) : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var judge = string.IsNullOrWhiteSpace(options.DefaultJudge) ? null : options.DefaultJudge;
        var check = validator.Validate(new RunSpec
        {
            RunId = "startup-check",
            Benchmark = "startup-check/xstest_prompts.csv", // a refusal-judged format, so only explicit judges are checked
            Targets = options.EffectiveTargets,
            Judge = judge,
            JudgeEndpoint = string.IsNullOrWhiteSpace(options.DefaultJudgeEndpoint) ? null : options.DefaultJudgeEndpoint,
        });
        var failures = check.Errors.Select(e => $"{IntakeOptions.Section}: {e}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
