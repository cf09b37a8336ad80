using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenVpp.Protocols.Ocpp.Transport;

namespace OpenVpp.Cli.Ocpp;

/// <summary>
/// One line per CSMS event for `openvpp ocpp listen`: a readable line, or a JSON object with a "type" of listening,
/// connected, disconnected, message, booted, status, reading or limit, snake_case fields like the rest of the CLI.
/// </summary>
internal static class OcppEventLines
{
    // Relaxed escaping keeps '<', '>' and quotes in payloads readable; the lines go to a terminal or a pipe, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(OcppCsmsEvent e) => e switch
    {
        OcppStationConnected c => Line(e, $"connected from {c.RemoteAddress} speaking {c.Version switch { Protocols.Ocpp.OcppVersion.Ocpp16 => "ocpp1.6", _ => "ocpp2.0.1" }}"),
        OcppStationDisconnected d => Line(e, $"disconnected: {d.Reason}"),
        OcppStationBooted b => Line(e, $"booted: {b.Vendor} {b.Model}"),
        OcppStatusChanged s => Line(e, $"status of connector {s.ConnectorId}: {s.Status}{(s.ErrorCode is null or "NoError" ? "" : $" ({s.ErrorCode})")}"),
        OcppSampleReceived r => Line(e, "reading: " + Reading(r)),
        OcppMessageReceived m => Line(e, Message(m)),
        _ => Line(e, e.GetType().Name),
    };

    public static string Json(OcppCsmsEvent e) => Write(w =>
    {
        switch (e)
        {
            case OcppStationConnected c:
                Head(w, "connected", e);
                w.WriteString("version", Protocols.Ocpp.OcppSubprotocols.Name(c.Version));
                w.WriteString("remote", c.RemoteAddress);
                break;
            case OcppStationDisconnected d:
                Head(w, "disconnected", e);
                w.WriteString("reason", d.Reason);
                break;
            case OcppStationBooted b:
                Head(w, "booted", e);
                w.WriteString("version", Protocols.Ocpp.OcppSubprotocols.Name(b.Version));
                w.WriteString("vendor", b.Vendor);
                w.WriteString("model", b.Model);
                break;
            case OcppStatusChanged s:
                Head(w, "status", e);
                w.WriteNumber("connector_id", s.ConnectorId);
                w.WriteString("status", s.Status);
                w.WriteString("error_code", s.ErrorCode);
                break;
            case OcppSampleReceived r:
                Head(w, "reading", e);
                w.WriteString("source", r.Action);
                w.WriteString("measured_at", r.Sample.At);
                WriteNullable(w, "imported_wh", r.Sample.ImportedWh);
                WriteNullable(w, "exported_wh", r.Sample.ExportedWh);
                WriteNullable(w, "power_w", r.Sample.PowerW);
                WriteNullable(w, "soc_bp", r.Sample.StateOfChargeBp);
                break;
            case OcppMessageReceived m:
                Head(w, "message", e);
                w.WriteString("message_type", m.Type?.ToString() ?? "Unreadable");
                w.WriteString("message_id", m.MessageId);
                w.WriteString("action", m.Action);
                w.WritePropertyName("payload");
                if (m.Payload is { } p)
                {
                    p.WriteTo(w);
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteString("error_code", m.ErrorCode);
                w.WriteString("error", m.ErrorDescription);
                break;
            default:
                Head(w, e.GetType().Name, e);
                break;
        }
    });

    public static string ListeningJson(int port) => Write(w =>
    {
        w.WriteString("type", "listening");
        w.WriteNumber("port", port);
        w.WriteString("url", $"ws://<this host>:{port}/ocpp/<station id>");
    });

    public static string LimitJson(string stationId, DateTimeOffset at, int limitW, OcppCallOutcome outcome) => Write(w =>
    {
        w.WriteString("type", "limit");
        w.WriteString("station", stationId);
        w.WriteString("at", at);
        w.WriteNumber("limit_w", limitW);
        w.WriteString("outcome", outcome.Status.ToString());
        w.WriteString("status", outcome.ResultStatus);
        w.WriteString("error_code", outcome.ErrorCode);
    });

    public static string LimitText(string stationId, DateTimeOffset at, int limitW, OcppCallOutcome outcome) =>
        string.Create(CultureInfo.InvariantCulture, $"{at:HH:mm:ss} {stationId} charging limit {limitW} W: {outcome}");

    private static string Reading(OcppSampleReceived r)
    {
        var parts = new List<string>();
        var s = r.Sample;
        if (s.ImportedWh is { } i)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"imported {i} Wh"));
        }

        if (s.ExportedWh is { } x)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"exported {x} Wh"));
        }

        if (s.PowerW is { } p)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"power {p} W"));
        }

        if (s.StateOfChargeBp is { } soc)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"SoC {soc / 100.0:0.##} %"));
        }

        return $"{string.Join(", ", parts)} (from {r.Action}, measured {s.At:HH:mm:ss})";
    }

    private static string Message(OcppMessageReceived m)
    {
        var what = m.Type switch
        {
            Protocols.Ocpp.OcppMessageType.Call => $"<- {m.Action} {m.Payload?.GetRawText()}",
            Protocols.Ocpp.OcppMessageType.CallResult => $"<- answer to {m.Action ?? "an unknown call"} {m.Payload?.GetRawText()}",
            Protocols.Ocpp.OcppMessageType.CallError => $"<- error answer to {m.Action ?? "an unknown call"}",
            _ => "<- unreadable message",
        };
        return m.ErrorCode is null ? what : $"{what} -> {m.ErrorCode}: {m.ErrorDescription}";
    }

    private static string Line(OcppCsmsEvent e, string text) => string.Create(CultureInfo.InvariantCulture, $"{e.At:HH:mm:ss} {e.StationId} {text}");

    private static void Head(Utf8JsonWriter w, string type, OcppCsmsEvent e)
    {
        w.WriteString("type", type);
        w.WriteString("station", e.StationId);
        w.WriteString("at", e.At);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
