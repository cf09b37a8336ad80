using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// Answers the CALLs a station sends: checks the action is known and the payload matches its schema, builds the
/// answer, and collects the events the call implies (boot, status, meter samples). Every answer is checked against
/// the schema before it is sent, so the CSMS never sends what a strict station would refuse.
/// </summary>
internal sealed class OcppCallDispatcher
{
    private readonly OcppCsmsOptions _options;
    private int _nextTransactionId;

    public OcppCallDispatcher(OcppCsmsOptions options, DateTimeOffset startedAt)
    {
        _options = options;
        // 1.6 transaction ids are ints the CSMS assigns; starting from the clock keeps them distinct across restarts.
        _nextTransactionId = (int)(startedAt.ToUnixTimeSeconds() % 1_000_000_000);
    }

    /// <summary>The answer (result, or error code and description in 2.0.1 naming) and the events it implies.</summary>
    public (JsonObject? Result, string? ErrorCode, string? ErrorDescription) Handle(
        string stationId, OcppVersion version, OcppCall call, DateTimeOffset now, List<OcppCsmsEvent> events)
    {
        var validator = OcppSchemaValidator.For(version);
        if (!validator.Knows(call.Action))
        {
            return (null, OcppErrorCodes.NotImplemented, $"{call.Action} is not an OCPP {version.Name()} action");
        }

        if (validator.ValidateRequest(call.Action, call.Payload) is { } invalid)
        {
            return (null, invalid.Code, invalid.Describe());
        }

        var p = call.Payload;
        var time = JsonValue.Create(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        JsonObject? result;
        switch (call.Action)
        {
            case "BootNotification":
                var station = version == OcppVersion.Ocpp16 ? p : p.GetProperty("chargingStation");
                events.Add(new OcppStationBooted(stationId, now, version,
                    Str(station, version == OcppVersion.Ocpp16 ? "chargePointVendor" : "vendorName") ?? "",
                    Str(station, version == OcppVersion.Ocpp16 ? "chargePointModel" : "model") ?? ""));
                result = new JsonObject { ["status"] = "Accepted", ["currentTime"] = time, ["interval"] = _options.HeartbeatIntervalS };
                break;
            case "Heartbeat":
                result = new JsonObject { ["currentTime"] = time };
                break;
            case "StatusNotification":
                var connector = version == OcppVersion.Ocpp16 ? Int(p, "connectorId") : Int(p, "evseId") ?? 0;
                var status = Str(p, version == OcppVersion.Ocpp16 ? "status" : "connectorStatus") ?? "";
                events.Add(new OcppStatusChanged(stationId, now, connector ?? 0, status, Str(p, "errorCode")));
                result = [];
                break;
            case "Authorize":
                result = version == OcppVersion.Ocpp16
                    ? new JsonObject { ["idTagInfo"] = new JsonObject { ["status"] = "Accepted" } }
                    : new JsonObject { ["idTokenInfo"] = new JsonObject { ["status"] = "Accepted" } };
                break;
            case "MeterValues":
                AddSamples(stationId, version, call.Action, p.GetProperty("meterValue"), now, events);
                result = [];
                break;
            case "StartTransaction" when version == OcppVersion.Ocpp16:
                AddRegister(stationId, call.Action, p, "meterStart", now, events);
                result = new JsonObject
                {
                    ["transactionId"] = Interlocked.Increment(ref _nextTransactionId),
                    ["idTagInfo"] = new JsonObject { ["status"] = "Accepted" },
                };
                break;
            case "StopTransaction" when version == OcppVersion.Ocpp16:
                if (p.TryGetProperty("transactionData", out var data))
                {
                    AddSamples(stationId, version, call.Action, data, now, events);
                }

                AddRegister(stationId, call.Action, p, "meterStop", now, events);
                result = new JsonObject { ["idTagInfo"] = new JsonObject { ["status"] = "Accepted" } };
                break;
            case "TransactionEvent" when version == OcppVersion.Ocpp201:
                if (p.TryGetProperty("meterValue", out var meterValue))
                {
                    AddSamples(stationId, version, call.Action, meterValue, now, events);
                }

                result = p.TryGetProperty("idToken", out _)
                    ? new JsonObject { ["idTokenInfo"] = new JsonObject { ["status"] = "Accepted" } }
                    : [];
                break;
            case "DataTransfer":
                result = new JsonObject { ["status"] = "UnknownVendorId" };
                break;
            default:
                return (null, OcppErrorCodes.NotSupported, $"{call.Action} is recognised but this CSMS does not handle it");
        }

        validator.RequireValid(call.Action, request: false, result);
        return (result, null, null);
    }

    private static void AddSamples(string stationId, OcppVersion version, string action, JsonElement meterValues, DateTimeOffset now, List<OcppCsmsEvent> events)
    {
        foreach (var sample in OcppMeterValues.Map(version, meterValues, now))
        {
            events.Add(new OcppSampleReceived(stationId, now, action, sample));
        }
    }

    // StartTransaction.meterStart / StopTransaction.meterStop: the import register in Wh at that moment.
    private static void AddRegister(string stationId, string action, JsonElement payload, string field, DateTimeOffset now, List<OcppCsmsEvent> events)
    {
        if (Int(payload, field) is { } wh && wh >= 0)
        {
            var at = payload.TryGetProperty("timestamp", out var ts) && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t.ToUniversalTime()
                : now;
            events.Add(new OcppSampleReceived(stationId, now, action, new OcppMeterSample(at, ImportedWh: wh)));
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
