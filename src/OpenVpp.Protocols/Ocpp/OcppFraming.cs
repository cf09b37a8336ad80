using System.Buffers;
using System.Text.Json;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// OCPP-J RPC framing: parses a text frame into <see cref="OcppMessage"/> and writes CALL, CALLRESULT and CALLERROR
/// frames. Pure: no I/O; the payloads are cloned so they outlive the frame's buffer.
/// </summary>
public static class OcppFraming
{
    /// <summary>OCPP 2.0.1 limits message ids to 36 characters (a UUID); longer ones are refused.</summary>
    public const int MaxMessageIdLength = 36;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static OcppParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            return Fail(OcppRpcError.UnknownMessageId, OcppErrorCodes.RpcFrameworkError, $"Message is not JSON: {e.Message}");
        }

        using (document)
        {
            return ParseRoot(document.RootElement);
        }
    }

    private static OcppParseResult ParseRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            return Fail(OcppRpcError.UnknownMessageId, OcppErrorCodes.RpcFrameworkError, "Message must be a JSON array");
        }

        var length = root.GetArrayLength();
        if (length < 2 || root[0].ValueKind != JsonValueKind.Number || !root[0].TryGetInt32(out var type))
        {
            return Fail(OcppRpcError.UnknownMessageId, OcppErrorCodes.RpcFrameworkError, "Message must start with a message type number and an id");
        }

        if (root[1].ValueKind != JsonValueKind.String)
        {
            return Fail(OcppRpcError.UnknownMessageId, OcppErrorCodes.RpcFrameworkError, "Message id must be a string");
        }

        var id = root[1].GetString()!;
        // Only a CALL (or an unknown type, per 2.0.1's extension fallback) is answered; a broken answer never is.
        var answerable = type is not ((int)OcppMessageType.CallResult or (int)OcppMessageType.CallError);
        if (length < 3)
        {
            return Fail(id, OcppErrorCodes.FormatViolation, "Message is too short", answerable);
        }

        if (id.Length is 0 or > MaxMessageIdLength)
        {
            return Fail(OcppRpcError.UnknownMessageId, OcppErrorCodes.RpcFrameworkError, $"Message id must be 1 to {MaxMessageIdLength} characters", answerable);
        }

        switch (type)
        {
            case (int)OcppMessageType.Call:
                if (length != 4 || root[2].ValueKind != JsonValueKind.String)
                {
                    return Fail(id, OcppErrorCodes.FormatViolation, "CALL must be [2, id, action, payload]");
                }

                if (root[3].ValueKind != JsonValueKind.Object)
                {
                    return Fail(id, OcppErrorCodes.FormatViolation, "CALL payload must be a JSON object");
                }

                return new(new OcppCall(id, root[2].GetString()!, root[3].Clone()), null);
            case (int)OcppMessageType.CallResult:
                return length == 3 && root[2].ValueKind == JsonValueKind.Object
                    ? new(new OcppCallResult(id, root[2].Clone()), null)
                    : Fail(id, OcppErrorCodes.FormatViolation, "CALLRESULT must be [3, id, payload]", answerable: false);
            case (int)OcppMessageType.CallError:
                if (length != 5 || root[2].ValueKind != JsonValueKind.String || root[3].ValueKind != JsonValueKind.String)
                {
                    return Fail(id, OcppErrorCodes.FormatViolation, "CALLERROR must be [4, id, code, description, details]", answerable: false);
                }

                return new(new OcppCallError(id, root[2].GetString()!, root[3].GetString()!, root[4].Clone()), null);
            default:
                return Fail(id, OcppErrorCodes.MessageTypeNotSupported, $"Message type {type} is not supported");
        }
    }

    public static byte[] WriteCall(string messageId, string action, JsonElement payload) =>
        Write(w =>
        {
            w.WriteNumberValue((int)OcppMessageType.Call);
            w.WriteStringValue(messageId);
            w.WriteStringValue(action);
            payload.WriteTo(w);
        });

    public static byte[] WriteCallResult(string messageId, JsonElement payload) =>
        Write(w =>
        {
            w.WriteNumberValue((int)OcppMessageType.CallResult);
            w.WriteStringValue(messageId);
            payload.WriteTo(w);
        });

    /// <summary>Writes a CALLERROR with <paramref name="code"/> already in the station's version's spelling.</summary>
    public static byte[] WriteCallError(string messageId, string code, string description) =>
        Write(w =>
        {
            w.WriteNumberValue((int)OcppMessageType.CallError);
            w.WriteStringValue(messageId);
            w.WriteStringValue(code);
            // OCPP caps the description at 255 characters.
            w.WriteStringValue(description.Length > 255 ? description[..255] : description);
            w.WriteStartObject();
            w.WriteEndObject();
        });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            body(writer);
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static OcppParseResult Fail(string id, string code, string description, bool answerable = true) =>
        new(null, new OcppRpcError(id, code, description, answerable));
}
