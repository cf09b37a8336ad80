using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OpenVpp.Core.Devices;
using OpenVpp.Storage;

namespace OpenVpp.Node.Api;

/// <summary>Shared pieces of the endpoint groups: problem answers, body reading, paging and mapping to views.</summary>
internal static class ApiHelpers
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static IResult BadRequest(string title, string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static IResult Conflict(string title, string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);

    public static IResult NotFound(string title, string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    /// <summary>Reads a JSON body with its source-generated contract; a problem result instead when it cannot.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadBodyAsync<T>(HttpContext context, JsonTypeInfo<T> type, long maxBytes)
        where T : class
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        if (context.Request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
            return value is null
                ? (null, BadRequest("Empty body", "The request body is JSON null; send an object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequest("Unreadable JSON body", $"The body is not valid JSON for this endpoint: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    public static bool TryPage(int? offset, int? limit, out int o, out int l, out IResult? problem)
    {
        o = offset ?? 0;
        l = limit ?? DefaultPageSize;
        problem = null;
        if (o < 0 || l < 1 || l > MaxPageSize)
        {
            problem = BadRequest("Bad paging", $"offset must be 0 or more and limit between 1 and {MaxPageSize}.");
            return false;
        }

        return true;
    }

    public static bool TryRange(DateTimeOffset? from, DateTimeOffset? to, out IResult? problem)
    {
        problem = null;
        if (from is null || to is null)
        {
            problem = BadRequest("Missing time range", "Give both from and to as ISO 8601 instants, for example ?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z.");
            return false;
        }

        if (to <= from)
        {
            problem = BadRequest("Empty time range", $"to ({to:O}) must be after from ({from:O}).");
            return false;
        }

        return true;
    }

    public static bool TryDeviceId(string text, out DeviceId id, out IResult? problem)
    {
        problem = DeviceId.TryParse(text, out id)
            ? null
            : BadRequest("Bad device id", $"'{text}' is not a device id: 0x followed by 40 hex digits.");
        return problem is null;
    }

    public static DeviceView ToView(DeviceRecord d) =>
        new(d.Id.ToString(), Hex.Of(d.PublicKey), d.Owner, d.Kind.ToWire(), d.NameplatePowerW, d.CapacityWh, d.Region, d.Site, d.RegisteredAt);

    public static EpochView ToView(EpochRecord e) => new(e.Index, e.Start, e.End, e.ReadingCount, Hex.Of(e.Root), e.SealedAt);

    public static ReadingView ToView(StoredReading s)
    {
        var r = s.Reading;
        return new ReadingView(
            r.DeviceId.ToString(), r.Sequence, r.IntervalStart, r.IntervalEnd, r.EnergyImportedWh, r.EnergyExportedWh,
            r.AveragePowerW, r.PeakPowerW, r.StateOfChargeBp, r.StateOfHealthBp, (int)r.Flags, s.AcceptedAt, s.Epoch,
            Hex.Of(s.Leaf), Hex.Of(s.SignedBytes));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem($"The body is larger than {maxBytes} bytes; send smaller batches.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
}
