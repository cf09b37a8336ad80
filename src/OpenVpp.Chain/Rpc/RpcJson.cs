using System.Numerics;
using System.Text.Json;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// Typed reads of fields in a node's result objects. Every failure names the object and field, and is an
/// <see cref="RpcProtocolException"/>: a result of the wrong shape is the node's fault, not the caller's.
/// </summary>
internal static class RpcJson
{
    public const int HashLength = 32;

    public static void RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RpcProtocolException($"Expected {what} to be a JSON object, got {element.ValueKind}.");
        }
    }

    public static string String(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new RpcProtocolException($"Expected {what} to be a string, got {element.ValueKind}.");

    public static ulong Quantity64(JsonElement element, string what) => Convert(element, what, RpcHex.ParseQuantityUInt64);

    public static BigInteger Quantity(JsonElement element, string what) => Convert(element, what, RpcHex.ParseQuantity);

    public static byte[] Data(JsonElement element, string what) => Convert(element, what, RpcHex.ParseData);

    public static byte[] Hash(JsonElement element, string what) => Convert(element, what, t => RpcHex.ParseData(t, HashLength));

    public static EthAddress Address(JsonElement element, string what) => Convert(element, what, EthAddress.Parse);

    public static JsonElement Field(JsonElement obj, string name, string what) =>
        obj.TryGetProperty(name, out var value)
            ? value
            : throw new RpcProtocolException($"{what} has no \"{name}\" field.");

    /// <summary>The field, or null when it is absent or JSON null (optional fields like baseFeePerGas or "to").</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static ulong Quantity64(JsonElement obj, string name, string what) => Quantity64(Field(obj, name, what), $"{what}.{name}");

    public static BigInteger Quantity(JsonElement obj, string name, string what) => Quantity(Field(obj, name, what), $"{what}.{name}");

    public static byte[] Hash(JsonElement obj, string name, string what) => Hash(Field(obj, name, what), $"{what}.{name}");

    public static byte[] Data(JsonElement obj, string name, string what) => Data(Field(obj, name, what), $"{what}.{name}");

    public static EthAddress Address(JsonElement obj, string name, string what) => Address(Field(obj, name, what), $"{what}.{name}");

    public static EthAddress? OptionalAddress(JsonElement obj, string name, string what) =>
        Optional(obj, name) is { } value ? Address(value, $"{what}.{name}") : null;

    public static JsonElement.ArrayEnumerator Array(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray()
            : throw new RpcProtocolException($"Expected {what} to be a JSON array, got {element.ValueKind}.");

    private static T Convert<T>(JsonElement element, string what, Func<string, T> parse)
    {
        var text = String(element, what);
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new RpcProtocolException($"{what}: {e.Message}", e);
        }
    }
}
