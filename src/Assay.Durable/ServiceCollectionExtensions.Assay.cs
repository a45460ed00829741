using Assay.Durable.Endpoints;
using Assay.Durable.Resolution;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assay.Durable;

/// <summary>What every host (the Functions app, the local runner, tests) registers to run Assay's tasks.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers storage, endpoints and the resolvers the activities use, with options bound from configuration and
    /// validated at start-up (<c>Storage</c>, <c>Endpoints</c>).
    /// </summary>
    public static IServiceCollection AddAssayCore(this IServiceCollection services, IConfiguration configuration)
    {
        Runs.ReaderLimitsConfiguration.Apply(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<EndpointsOptions>()
            .Configure(o =>
            {
                foreach (var section in configuration.GetSection(EndpointsOptions.Section).GetChildren())
                {
                    o.Endpoints[section.Key] = section.Get<EndpointOptions>() ?? new EndpointOptions();
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EndpointsOptions>, EndpointsOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.ConnectionString is { Length: > 0 } connection
                ? new BlobServiceClient(connection)
                : new BlobServiceClient(storage.BlobServiceUri, new DefaultAzureCredential());
        });
        services.AddSingleton<RunStore>();
        services.AddSingleton<BatchCases>();
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.Section));
        services.AddSingleton<ResponseCache>();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SharedLimitStore>();
        services.AddSingleton<ChatClientFactory>();
        services.AddOptions<MutationOptions>().Bind(configuration.GetSection(MutationOptions.Section));
        services.AddOptions<Runs.RunLimitsOptions>().Bind(configuration.GetSection(Runs.RunLimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TargetResolver>();
        services.AddSingleton(new RubricCatalog(configuration));
        services.AddSingleton<JudgeResolver>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RunSpecValidator>();
        return services;
    }

    /// <summary>
    /// Registers the activity classes themselves, for hosts that invoke them directly (the Functions app's triggers);
    /// the Durable Task worker creates them from its registry instead.
    /// </summary>
    public static IServiceCollection AddAssayActivities(this IServiceCollection services)
    {
        foreach (var task in AssayTasks.All.Where(t => t.Kind == AssayTaskKind.Activity))
        {
            services.AddTransient(task.Type);
        }

        return services;
    }

    /// <summary>Adds Assay's orchestrators and activities (<see cref="AssayTasks"/>) to a Durable Task registry.</summary>
    public static DurableTaskRegistry AddAssayTasks(this DurableTaskRegistry registry)
    {
        foreach (var task in AssayTasks.All)
        {
            _ = task.Kind == AssayTaskKind.Orchestrator ? registry.AddOrchestrator(task.Type) : registry.AddActivity(task.Type);
        }

        return registry;
    }
}
