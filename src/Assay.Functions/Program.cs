using Assay.Durable;
using Assay.Durable.Storage;
using Assay.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Results and reports go to the app's own storage account unless Storage__* names another.
builder.Services.PostConfigure<StorageOptions>(options =>
{
    if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.BlobServiceUri is null)
    {
        options.ConnectionString = builder.Configuration["AzureWebJobsStorage"];
        if (builder.Configuration["AzureWebJobsStorage:blobServiceUri"] is { Length: > 0 } uri)
        {
            options.BlobServiceUri = new Uri(uri);
        }
    }
});
builder.Services.AddAssayCore(builder.Configuration).AddAssayActivities().AddAssayFunctions(builder.Configuration);

builder.Build().Run();
