using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Registry;
using OpenVpp.Storage;

namespace OpenVpp.Node.Api;

/// <summary>POST/GET /v1/devices: registration (idempotent) and the registry.</summary>
internal static class DeviceEndpoints
{
    private const long MaxBodyBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/devices").WithTags("Devices");
        group.MapPost("/", RegisterAsync)
            .Accepts<RegisterDevicesRequest>("application/json")
            .Produces<RegisterDevicesResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Register devices (idempotent: a known key answers already_registered)");
        group.MapGet("/", ListAsync).Produces<DevicePage>().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("List devices, optionally by region and kind");
        group.MapGet("/{id}", GetAsync).Produces<DeviceView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One device");
        return routes;
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext context, IDeviceStore store, DeviceRegistry registry, NodeClock clock, NodeOptions options, ILoggerFactory loggers)
    {
        var (request, problem) = await ApiHelpers.ReadBodyAsync(context, WireJsonContext.Default.RegisterDevicesRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (request!.Devices is null)
        {
            return ApiHelpers.BadRequest("Missing devices", "The body needs a \"devices\" array.");
        }

        var now = clock.UtcNow;
        var results = new RegistrationResult[request.Devices.Count];
        var valid = new List<(int Index, DeviceRecord Record)>();
        for (var i = 0; i < request.Devices.Count; i++)
        {
            var (record, error) = Validate(request.Devices[i], now);
            if (record is null)
            {
                results[i] = new RegistrationResult(i, null, "rejected", error);
            }
            else
            {
                valid.Add((i, record));
            }
        }

        if (options.Chain is not null)
        {
            // With a chain the registry is the on-chain one: this endpoint only tells a gateway which of its devices
            // the indexer has seen, and never adds a device itself.
            foreach (var (index, record) in valid)
            {
                var known = registry.Find(record.Id);
                results[index] = known is not null && known.Record.PublicKey.AsSpan().SequenceEqual(record.PublicKey)
                    ? new RegistrationResult(index, record.Id.ToString(), "already_registered", null)
                    : new RegistrationResult(index, record.Id.ToString(), "not_on_chain",
                        "not in the on-chain registry yet; the owner registers it with `openvpp device register` (readings wait in the gateway's outbox)");
            }

            return TypedResults.Ok(new RegisterDevicesResponse(results));
        }

        var added = await store.AddAsync([.. valid.Select(v => v.Record)], context.RequestAborted);
        for (var k = 0; k < valid.Count; k++)
        {
            var (index, record) = valid[k];
            registry.Add(record);
            results[index] = new RegistrationResult(index, record.Id.ToString(), added[k] ? "registered" : "already_registered", null);
        }

        var newCount = added.Count(a => a);
        var existing = valid.Count - newCount;
        var rejected = results.Length - valid.Count;
        var logger = loggers.CreateLogger(typeof(DeviceEndpoints));
        NodeLog.DevicesRegistered(logger, newCount, existing, rejected);
        return TypedResults.Ok(new RegisterDevicesResponse(results));
    }

    private static (DeviceRecord? Record, string? Error) Validate(DeviceRegistration? d, DateTimeOffset now)
    {
        if (d is null)
        {
            return (null, "device entry is null");
        }

        if (!Hex.TryParse(d.PublicKey, out var key) || key.Length != 64)
        {
            return (null, "public_key must be 0x followed by 128 hex digits (uncompressed P-256 X || Y)");
        }

        try
        {
            using var imported = P256Signature.ImportPublicKey(key);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return (null, "public_key is not a point on the P-256 curve");
        }

        if (!DeviceKindNames.TryParse(d.Kind, out var kind))
        {
            return (null, $"kind '{d.Kind}' is unknown; use grid_meter, solar_inverter, battery, ev_charger or household_load");
        }

        if (d.NameplatePowerW <= 0)
        {
            return (null, "nameplate_power_w must be positive");
        }

        if (d.CapacityWh < 0)
        {
            return (null, "capacity_wh must be zero or more");
        }

        if (string.IsNullOrWhiteSpace(d.Region) || string.IsNullOrWhiteSpace(d.Site) || string.IsNullOrWhiteSpace(d.Owner))
        {
            return (null, "region, site and owner must not be empty");
        }

        return (new DeviceRecord(DeviceId.FromPublicKey(key), key, d.Owner, kind, d.NameplatePowerW, d.CapacityWh, d.Region, d.Site, now), null);
    }

    private static async Task<IResult> ListAsync(IDeviceStore store, string? region, string? kind, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (!ApiHelpers.TryPage(offset, limit, out var o, out var l, out var problem))
        {
            return problem!;
        }

        DeviceKind? kindFilter = null;
        if (kind is not null)
        {
            if (!DeviceKindNames.TryParse(kind, out var k))
            {
                return ApiHelpers.BadRequest("Unknown kind", $"kind '{kind}' is unknown; use grid_meter, solar_inverter, battery, ev_charger or household_load.");
            }

            kindFilter = k;
        }

        var devices = await store.ListAsync(region, kindFilter, o, l, cancellationToken);
        return TypedResults.Ok(new DevicePage([.. devices.Select(ApiHelpers.ToView)], o, l, devices.Count == l ? o + l : null));
    }

    private static async Task<IResult> GetAsync(string id, IDeviceStore store, CancellationToken cancellationToken)
    {
        if (!ApiHelpers.TryDeviceId(id, out var deviceId, out var problem))
        {
            return problem!;
        }

        var device = await store.GetAsync(deviceId, cancellationToken);
        return device is null
            ? ApiHelpers.NotFound("Unknown device", $"No device {deviceId} is registered.")
            : TypedResults.Ok(ApiHelpers.ToView(device));
    }
}
