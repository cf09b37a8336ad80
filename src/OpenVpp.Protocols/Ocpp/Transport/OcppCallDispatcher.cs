using System.Collections.Concurrent;
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
    // Which connector (1.6) or EVSE (2.0.1) each open transaction is on: StopTransaction and later TransactionEvents
    // name only the transaction.
    private readonly ConcurrentDictionary<(string Station, string Transaction), int> _transactionConnectors = new();
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
                AddSamples(stationId, version, call.Action, p.GetProperty("meterValue"), now, events,
                    Int(p, version == OcppVersion.Ocpp16 ? "connectorId" : "evseId"));
                result = [];
                break;
            case "StartTransaction" when version == OcppVersion.Ocpp16:
                var startedOn = Int(p, "connectorId");
                AddRegister(stationId, call.Action, p, "meterStart", now, events, startedOn);
                var transactionId = Interlocked.Increment(ref _nextTransactionId);
                if (startedOn is { } c)
                {
                    _transactionConnectors[(stationId, transactionId.ToString(CultureInfo.InvariantCulture))] = c;
                }

                result = new JsonObject
                {
                    ["transactionId"] = transactionId,
                    ["idTagInfo"] = new JsonObject { ["status"] = "Accepted" },
                };
                break;
            case "StopTransaction" when version == OcppVersion.Ocpp16:
                int? stoppedOn = Int(p, "transactionId") is { } tx &&
                    _transactionConnectors.TryRemove((stationId, tx.ToString(CultureInfo.InvariantCulture)), out var on) ? on : null;
                if (p.TryGetProperty("transactionData", out var data))
                {
                    AddSamples(stationId, version, call.Action, data, now, events, stoppedOn);
                }

                AddRegister(stationId, call.Action, p, "meterStop", now, events, stoppedOn);
                result = new JsonObject { ["idTagInfo"] = new JsonObject { ["status"] = "Accepted" } };
                break;
            case "TransactionEvent" when version == OcppVersion.Ocpp201:
                // Every event, with meter values or not, keeps the transaction's EVSE up to date.
                var evse = EvseOf(stationId, p);
                if (p.TryGetProperty("meterValue", out var meterValue))
                {
                    AddSamples(stationId, version, call.Action, meterValue, now, events, evse);
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

    // 2.0.1 TransactionEvent: "evse" is required only on the first event of a transaction; later ones name the
    // transaction, so remember which EVSE it is on until it ends.
    private int? EvseOf(string stationId, JsonElement payload)
    {
        var transaction = payload.TryGetProperty("transactionInfo", out var info) ? Str(info, "transactionId") : null;
        var evse = payload.TryGetProperty("evse", out var e) ? Int(e, "id") : null;
        if (transaction is null)
        {
            return evse;
        }

        var key = (stationId, transaction);
        if (Str(payload, "eventType") == "Ended")
        {
            return _transactionConnectors.TryRemove(key, out var ended) ? ended : evse;
        }

        if (evse is { } id)
        {
            _transactionConnectors[key] = id;
            return id;
        }

        return _transactionConnectors.TryGetValue(key, out var known) ? known : null;
    }

    private static void AddSamples(
        string stationId, OcppVersion version, string action, JsonElement meterValues, DateTimeOffset now, List<OcppCsmsEvent> events, int? connectorId)
    {
        foreach (var sample in OcppMeterValues.Map(version, meterValues, now))
        {
            events.Add(new OcppSampleReceived(stationId, now, action, sample, connectorId));
        }
    }

    // StartTransaction.meterStart / StopTransaction.meterStop: the import register in Wh at that moment.
    private static void AddRegister(
        string stationId, string action, JsonElement payload, string field, DateTimeOffset now, List<OcppCsmsEvent> events, int? connectorId)
    {
        if (Int(payload, field) is { } wh && wh >= 0)
        {
            var at = payload.TryGetProperty("timestamp", out var ts) && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t.ToUniversalTime()
                : now;
            events.Add(new OcppSampleReceived(stationId, now, action, new OcppMeterSample(at, ImportedWh: wh), connectorId));
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;
}
