using Assay.Durable.Endpoints;
using Assay.Durable.Runs;
using Assay.Functions.Api;
using Assay.Functions.Intake;
using Assay.Functions.Scheduling;
using Assay.Functions.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assay.Functions;

/// <summary>
/// The services behind the Functions app's triggers (on top of <c>AddAssayCore</c>), with their options bound and
/// validated at start-up, so a bad schedule entry or upload default stops the app before the first trigger.
/// </summary>
public static class FunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddAssayFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Scale-out: endpoint limits are budgets shared through storage unless Limits:Shared=false says otherwise.
        services.PostConfigure<LimitsOptions>(o => o.Shared ??= true);
        services.AddSingleton<SecretRedactor>();
        services.AddSingleton<ApiResponses>();
        services.AddSingleton<RunViews>();
        services.AddSingleton<CallerGate>();
        services.AddSingleton<RunApi>();
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<BlobIntakeService>();
        services.AddSingleton<NightlyScheduler>();
        services.AddSingleton<HistoryPurger>();

        services.AddOptions<IntakeOptions>()
            .Bind(configuration.GetSection(IntakeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();

        // One size cap for the app: what an upload may be is what any run (API, nightly, recorded answers) may read.
        // Read from configuration, not IOptions<IntakeOptions>: validating those runs the RunSpecValidator, which
        // needs these limits (a cycle).
        services.PostConfigure<RunLimitsOptions>(limits => limits.MaxBenchmarkBytes =
            configuration.GetSection(IntakeOptions.Section).GetValue<long?>(nameof(IntakeOptions.MaxBenchmarkBytes)) ?? new IntakeOptions().MaxBenchmarkBytes);

        services.AddOptions<NightlyOptions>()
            .Configure(o =>
            {
                foreach (var section in configuration.GetSection(NightlyOptions.Section).GetSection("Entries").GetChildren())
                {
                    o.Entries[section.Key] = section.Get<NightlyEntry>() ?? new NightlyEntry();
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NightlyOptions>, NightlyOptionsValidator>();

        services.AddOptions<PurgeOptions>()
            .Bind(configuration.GetSection(PurgeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
