using System.Numerics;
using System.Text.Json.Nodes;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>The transaction object of <c>eth_call</c> and <c>eth_estimateGas</c>: a message that is executed, not sent.</summary>
public sealed record CallRequest
{
    /// <summary>The sender the call runs as; matters for access control, balances and nonces.</summary>
    public EthAddress? From { get; init; }

    /// <summary>The contract called; null to run init code (a deployment).</summary>
    public EthAddress? To { get; init; }

    public ReadOnlyMemory<byte> Data { get; init; }

    public BigInteger? Value { get; init; }

    /// <summary>A gas cap for the execution; null lets the node choose.</summary>
    public ulong? Gas { get; init; }

    internal JsonObject ToJson()
    {
        var call = new JsonObject();
        if (From is { } from)
        {
            call["from"] = from.ToString();
        }

        if (To is { } to)
        {
            call["to"] = to.ToString();
        }

        if (Gas is { } gas)
        {
            call["gas"] = RpcHex.FormatQuantity(gas);
        }

        if (Value is { } value)
        {
            call["value"] = RpcHex.FormatQuantity(value);
        }

        // "data" rather than the newer "input": every node accepts it, not every node accepts "input".
        call["data"] = RpcHex.FormatData(Data.Span);
        return call;
    }
}
