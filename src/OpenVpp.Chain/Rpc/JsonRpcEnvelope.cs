using System.Text.Json;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// Reads a JSON-RPC 2.0 response: an object with "jsonrpc": "2.0", the request's id, and exactly one of "result"
/// and "error". Anything else is a <see cref="RpcProtocolException"/>.
/// </summary>
internal static class JsonRpcEnvelope
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>The result (cloned, so it outlives the document), or the error thrown as <see cref="JsonRpcException"/>.</summary>
    public static JsonElement ReadResult(long id, string method, byte[] content)
    {
        using var document = Parse(method, content);
        var root = document.RootElement;
        CheckEnvelope(id, method, root);
        var hasResult = root.TryGetProperty("result", out var result);
        var hasError = root.TryGetProperty("error", out var error);
        if (hasResult == hasError)
        {
            throw new RpcProtocolException($"The response to {method} must have exactly one of \"result\" and \"error\".");
        }

        return hasError ? throw ReadError(method, error) : result.Clone();
    }

    /// <summary>The error of a well-formed error response to this id, or null when the content is anything else.</summary>
    public static JsonRpcException? TryReadError(long id, string method, byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content, Options);
            var root = document.RootElement;
            CheckEnvelope(id, method, root);
            return root.TryGetProperty("error", out var error) && !root.TryGetProperty("result", out _)
                ? ReadError(method, error)
                : null;
        }
        catch (Exception e) when (e is JsonException or RpcProtocolException)
        {
            return null;
        }
    }

    private static JsonDocument Parse(string method, byte[] content)
    {
        try
        {
            return JsonDocument.Parse(content, Options);
        }
        catch (JsonException e)
        {
            throw new RpcProtocolException($"The response to {method} is not valid JSON: {e.Message}", e);
        }
    }

    private static void CheckEnvelope(long id, string method, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RpcProtocolException($"The response to {method} is {root.ValueKind}, not a JSON-RPC object (batches are not sent).");
        }

        if (!root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw new RpcProtocolException($"The response to {method} is not JSON-RPC 2.0.");
        }

        if (!root.TryGetProperty("id", out var responseId) || responseId.ValueKind != JsonValueKind.Number
            || !responseId.TryGetInt64(out var value) || value != id)
        {
            throw new RpcProtocolException($"The response to {method} does not carry the request's id {id}.");
        }
    }

    private static JsonRpcException ReadError(string method, JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || !code.TryGetInt64(out var number)
            || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
        {
            throw new RpcProtocolException($"The error in the response to {method} lacks an integer code or a string message.");
        }

        return new JsonRpcException(method, number, message.GetString()!, RevertData(error));
    }

    /// <summary>
    /// Nodes put revert bytes in error.data as a hex string (geth, anvil) or as error.data.data (some others).
    /// A data string that is not hex is a human-readable note, not revert data.
    /// </summary>
    private static byte[]? RevertData(JsonElement error)
    {
        if (!error.TryGetProperty("data", out var data))
        {
            return null;
        }

        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("data", out var nested))
        {
            data = nested;
        }

        if (data.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return RpcHex.ParseData(data.GetString());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
