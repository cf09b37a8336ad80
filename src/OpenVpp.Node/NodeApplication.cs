using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;
using OpenVpp.Node.DemandResponse;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Node.Rewards;

namespace OpenVpp.Node;

/// <summary>Builds the node host; <c>await NodeApplication.Build(options).RunAsync()</c> is all a CLI needs.</summary>
public static class NodeApplication
{
    /// <summary>
    /// Validates <paramref name="options"/>, opens (and migrates) the store, loads registry and per-device state, and
    /// returns the configured app listening on <see cref="NodeOptions.Url"/>. <paramref name="time"/> drives ingest
    /// and epochs (default: the system clock).
    /// </summary>
    public static WebApplication Build(NodeOptions options, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(NodeApplication).Assembly.GetName().Name,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Url);

        // One line per request at Information would drown the node's own ingest and epoch lines.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, NodeJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, WireJsonContext.Default);
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddNodeServices(options, time ?? TimeProvider.System);

        var app = builder.Build();
        app.Services.InitialiseNode();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapDeviceEndpoints();
        app.MapReadingEndpoints();
        app.MapRegionEndpoints();
        app.MapEpochEndpoints();
        app.MapStatusEndpoints();
        app.MapRewardEndpoints();
        app.MapOpenAdrEndpoints();
        app.MapDemandResponseEndpoints();
        return app;
    }
}
