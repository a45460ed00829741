using System.Text.Json;
using Assay.Durable.Endpoints;
using Assay.Durable.Storage;
using Assay.Functions.Intake;

namespace Assay.Functions.Tests.Infra;

/// <summary>
/// Issue 17's infrastructure findings, one probe each, on what a deployment would create (<c>bicep snapshot</c> of
/// main.bicep with its defaults, the optional parts switched on): public network access, diagnostic settings, the
/// scope of blob roles, basic publishing credentials, Event Grid dead-lettering and App Service authentication.
/// </summary>
public sealed class InfraProbeTests
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private static readonly string[] BlobDataRoles = [BlobDataContributor, "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"];
    private const string RoleScopeSeparator = "/providers/Microsoft.Authorization/roleAssignments/";

    private static readonly Dictionary<string, string> Optional = new()
    {
        ["authClientId"] = $"'{ClientId}'",
        ["deployAzureOpenAI"] = "true",
        ["deployEventSubscription"] = "true",
        ["dataUserPrincipalIds"] = "['99999999-0000-0000-0000-000000000009']",
    };

    private static readonly Lazy<Task<IReadOnlyList<JsonElement>>> Default = new(() => BicepCli.SnapshotAsync(Optional));

    private static readonly Lazy<Task<IReadOnlyList<JsonElement>>> Public =
        new(() => BicepCli.SnapshotAsync(new Dictionary<string, string>(Optional) { ["networkAccess"] = "'Public'" }));

    [Fact]
    public async Task By_default_storage_key_vault_and_azure_openai_refuse_public_traffic_and_are_reached_through_private_endpoints()
    {
        var resources = await Default.Value;

        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults", "Microsoft.CognitiveServices/accounts" })
        {
            var properties = Single(resources, type).GetProperty("properties");
            Assert.Equal("Disabled", Text(properties, "publicNetworkAccess") ?? $"(no publicNetworkAccess on {type})");
            Assert.Equal("Deny", Text(properties, "networkAcls", "defaultAction"));
        }

        var endpoints = OfType(resources, "Microsoft.Network/privateEndpoints").ToList();
        var groups = endpoints.SelectMany(e => e.GetProperty("properties").GetProperty("privateLinkServiceConnections").EnumerateArray()
            .SelectMany(c => c.GetProperty("properties").GetProperty("groupIds").EnumerateArray().Select(g => g.GetString()))).Order().ToList();
        Assert.Equal(["account", "blob", "queue", "table", "vault"], groups);
        foreach (var endpoint in endpoints)
        {
            Assert.Contains(OfType(resources, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"), g => Id(g).StartsWith(Id(endpoint) + "/", StringComparison.Ordinal));
        }

        // The app's outbound traffic joins the network through a subnet delegated to Flex Consumption.
        var subnet = Text(Single(resources, "Microsoft.Web/sites").GetProperty("properties"), "virtualNetworkSubnetId");
        Assert.NotNull(subnet);
        var vnet = Single(resources, "Microsoft.Network/virtualNetworks");
        var appSubnet = vnet.GetProperty("properties").GetProperty("subnets").EnumerateArray().Single(s => subnet.EndsWith("/subnets/" + s.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Equal("Microsoft.App/environments", Text(appSubnet.GetProperty("properties").GetProperty("delegations")[0], "properties", "serviceName"));
    }

    [Fact]
    public async Task The_public_trial_option_opens_them_and_creates_no_network()
    {
        var resources = await Public.Value;

        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults", "Microsoft.CognitiveServices/accounts" })
        {
            Assert.Equal("Enabled", Text(Single(resources, type).GetProperty("properties"), "publicNetworkAccess"));
        }

        Assert.Empty(OfType(resources, "Microsoft.Network/privateEndpoints"));
        Assert.Empty(OfType(resources, "Microsoft.Network/virtualNetworks"));
        Assert.Null(Text(Single(resources, "Microsoft.Web/sites").GetProperty("properties"), "virtualNetworkSubnetId"));
    }

    [Fact]
    public async Task Diagnostic_settings_send_storage_data_plane_key_vault_audit_and_function_logs_to_log_analytics()
    {
        var resources = await Default.Value;
        var workspace = Id(Single(resources, "Microsoft.OperationalInsights/workspaces"));
        var storage = Id(Single(resources, "Microsoft.Storage/storageAccounts"));

        var expected = new Dictionary<string, string[]>
        {
            [$"{storage}/blobServices/default"] = ["StorageRead", "StorageWrite", "StorageDelete"],
            [$"{storage}/queueServices/default"] = ["StorageRead", "StorageWrite", "StorageDelete"],
            [$"{storage}/tableServices/default"] = ["StorageRead", "StorageWrite", "StorageDelete"],
            [Id(Single(resources, "Microsoft.KeyVault/vaults"))] = ["AuditEvent"],
            [Id(Single(resources, "Microsoft.Web/sites"))] = ["FunctionAppLogs"],
        };
        var settings = OfType(resources, "Microsoft.Insights/diagnosticSettings").ToList();
        foreach (var (scope, categories) in expected)
        {
            var setting = settings.SingleOrDefault(s => Id(s).StartsWith(scope + "/providers/Microsoft.Insights/diagnosticSettings/", StringComparison.Ordinal));
            Assert.True(setting.ValueKind == JsonValueKind.Object, $"no diagnostic setting on {scope}");
            Assert.Equal(workspace, Text(setting.GetProperty("properties"), "workspaceId"));
            var enabled = setting.GetProperty("properties").GetProperty("logs").EnumerateArray()
                .Where(l => l.GetProperty("enabled").GetBoolean()).Select(l => l.GetProperty("category").GetString()).ToList();
            Assert.All(categories, c => Assert.Contains(c, enabled));
        }
    }

    [Fact]
    public async Task Blob_roles_are_granted_per_container_and_the_code_package_only_to_the_deployment_identity()
    {
        var resources = await Default.Value;
        var storage = Id(Single(resources, "Microsoft.Storage/storageAccounts"));
        var blobGrants = OfType(resources, "Microsoft.Authorization/roleAssignments")
            .Where(r => BlobDataRoles.Any(role => Text(r.GetProperty("properties"), "roleDefinitionId")!.EndsWith(role, StringComparison.Ordinal)))
            .Select(r => (Scope: Id(r)[..Id(r).IndexOf(RoleScopeSeparator, StringComparison.Ordinal)], Principal: Text(r.GetProperty("properties"), "principalId")!))
            .ToList();

        var containerPrefix = $"{storage}/blobServices/default/containers/";
        Assert.NotEmpty(blobGrants);
        Assert.All(blobGrants, g => Assert.True(g.Scope.StartsWith(containerPrefix, StringComparison.Ordinal), $"blob data role granted at {g.Scope}, not on a container"));

        // The code package: its container is granted to the identity the site deploys with, and to nothing else.
        var site = Single(resources, "Microsoft.Web/sites");
        var deployment = site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        var packageContainer = Text(deployment, "value")!.TrimEnd(']', '\'', ')').Split('/', '\'').Last(p => p.Length > 0);
        var deployIdentity = Text(deployment, "authentication", "userAssignedIdentityResourceId")!.Split('/').Last();
        var packageGrants = blobGrants.Where(g => g.Scope == containerPrefix + packageContainer).ToList();
        Assert.NotEmpty(packageGrants);
        Assert.All(packageGrants, g => Assert.Contains($"/{deployIdentity}'", g.Principal, StringComparison.Ordinal));

        // Every container the app's code names by default is granted to the app's own identity.
        var appIdentity = Text(site.GetProperty("properties"), "keyVaultReferenceIdentity")!.Split('/').Last();
        Assert.NotEqual(deployIdentity, appIdentity);
        var storageOptions = new StorageOptions();
        string[] used =
        [
            storageOptions.BenchmarksContainer, storageOptions.ResultsContainer, storageOptions.ReportsContainer,
            new IntakeOptions().RejectedContainer, new CacheOptions().Container, new LimitsOptions().Container,
        ];
        foreach (var container in used)
        {
            Assert.Contains(blobGrants, g => g.Scope == containerPrefix + container && g.Principal.Contains($"/{appIdentity}'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Basic_publishing_credentials_are_off_for_scm_and_ftp()
    {
        var resources = await Default.Value;
        var site = Id(Single(resources, "Microsoft.Web/sites"));

        foreach (var name in new[] { "scm", "ftp" })
        {
            var policy = OfType(resources, "Microsoft.Web/sites/basicPublishingCredentialsPolicies").SingleOrDefault(p => Id(p) == $"{site}/basicPublishingCredentialsPolicies/{name}");
            Assert.True(policy.ValueKind == JsonValueKind.Object, $"no {name} basic publishing credentials policy");
            Assert.False(policy.GetProperty("properties").GetProperty("allow").GetBoolean());
        }
    }

    [Fact]
    public async Task Undeliverable_blob_events_are_dead_lettered_to_a_container_the_topic_may_write()
    {
        var resources = await Default.Value;
        var subscription = Single(resources, "Microsoft.EventGrid/systemTopics/eventSubscriptions").GetProperty("properties");

        var withIdentity = subscription.TryGetProperty("deadLetterWithResourceIdentity", out var d) ? d : default;
        var destination = withIdentity.ValueKind == JsonValueKind.Object
            ? withIdentity.GetProperty("deadLetterDestination")
            : subscription.TryGetProperty("deadLetterDestination", out var plain) ? plain : default;
        Assert.True(destination.ValueKind == JsonValueKind.Object, "the blob event subscription has no dead-letter destination");
        Assert.Equal("StorageBlob", Text(destination, "endpointType"));
        var storage = Id(Single(resources, "Microsoft.Storage/storageAccounts"));
        Assert.Equal(storage, Text(destination, "properties", "resourceId"));
        var container = $"{storage}/blobServices/default/containers/{Text(destination, "properties", "blobContainerName")}";
        Assert.Contains(OfType(resources, "Microsoft.Storage/storageAccounts/blobServices/containers"), c => Id(c) == container);
        if (withIdentity.ValueKind == JsonValueKind.Object)
        {
            Assert.Contains(OfType(resources, "Microsoft.Authorization/roleAssignments"), r => Id(r).StartsWith(container + RoleScopeSeparator, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task App_service_authentication_requires_an_entra_id_token_except_on_the_blob_webhook()
    {
        var resources = await Default.Value;
        var site = Id(Single(resources, "Microsoft.Web/sites"));

        var auth = OfType(resources, "Microsoft.Web/sites/config").SingleOrDefault(c => Id(c) == $"{site}/config/authsettingsV2");
        Assert.True(auth.ValueKind == JsonValueKind.Object, "no authsettingsV2 on the function app");
        var properties = auth.GetProperty("properties");
        Assert.True(properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        var validation = properties.GetProperty("globalValidation");
        Assert.True(validation.GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("Return401", Text(validation, "unauthenticatedClientAction"));
        Assert.Equal(["/runtime/webhooks/blobs"], validation.GetProperty("excludedPaths").EnumerateArray().Select(p => p.GetString()));
        var entra = properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory");
        Assert.True(entra.GetProperty("enabled").GetBoolean());
        Assert.Equal(ClientId, Text(entra, "registration", "clientId"));

        // How roles map: the app registration's admin app role, named to the app by the deployment.
        var settings = OfType(resources, "Microsoft.Web/sites/config").Single(c => Id(c) == $"{site}/config/appsettings").GetProperty("properties");
        Assert.False(string.IsNullOrWhiteSpace(Text(settings, "Api__AdminRole")), "the deployment does not name the admin app role (Api__AdminRole)");

        // The one excluded path is the one Event Grid posts blob events to.
        var webhook = Text(Single(resources, "Microsoft.EventGrid/systemTopics/eventSubscriptions").GetProperty("properties"), "destination", "properties", "endpointUrl");
        Assert.Contains("/runtime/webhooks/blobs?", webhook, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> OfType(IEnumerable<JsonElement> resources, string type) =>
        resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    private static JsonElement Single(IEnumerable<JsonElement> resources, string type)
    {
        var matches = OfType(resources, type).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} resources of type {type}");
        return matches[0];
    }

    private static string Id(JsonElement resource) => resource.GetProperty("id").GetString()!;

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
