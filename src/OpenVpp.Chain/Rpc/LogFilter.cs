using System.Text.Json.Nodes;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// What <c>eth_getLogs</c> selects: a block range (or one block by hash), emitting contracts, and topics by position.
/// In <see cref="Topics"/>, position i matches topic i; null matches anything; a list matches any of its values.
/// </summary>
public sealed record LogFilter
{
    private const int MaxTopics = 4;

    public BlockParameter? FromBlock { get; init; }

    public BlockParameter? ToBlock { get; init; }

    /// <summary>Selects exactly one block (EIP-234); excludes <see cref="FromBlock"/> and <see cref="ToBlock"/>.</summary>
    public byte[]? BlockHash { get; init; }

    /// <summary>Logs of any of these contracts; empty means any contract.</summary>
    public IReadOnlyList<EthAddress> Addresses { get; init; } = [];

    /// <summary>Up to 4 positions, each null (any) or a list of 32-byte alternatives.</summary>
    public IReadOnlyList<IReadOnlyList<byte[]>?> Topics { get; init; } = [];

    internal JsonObject ToJson()
    {
        var filter = new JsonObject();
        if (BlockHash is not null)
        {
            if (FromBlock is not null || ToBlock is not null)
            {
                throw new ArgumentException("A log filter takes either a block hash or a block range, not both.");
            }

            filter["blockHash"] = RpcHex.FormatData(RequireWord(BlockHash, "blockHash"));
        }

        if (FromBlock is { } from)
        {
            filter["fromBlock"] = from.ToRpcString();
        }

        if (ToBlock is { } to)
        {
            filter["toBlock"] = to.ToRpcString();
        }

        if (FromBlock?.Number is { } first && ToBlock?.Number is { } last && first > last)
        {
            throw new ArgumentException($"fromBlock {first} is after toBlock {last}.");
        }

        if (Addresses.Count > 0)
        {
            filter["address"] = new JsonArray([.. Addresses.Select(a => JsonValue.Create(a.ToString()))]);
        }

        if (Topics.Count > MaxTopics)
        {
            throw new ArgumentException($"A log filter has at most {MaxTopics} topic positions, not {Topics.Count}.");
        }

        if (Topics.Count > 0)
        {
            filter["topics"] = new JsonArray([.. Topics.Select(TopicJson)]);
        }

        return filter;
    }

    private static JsonNode? TopicJson(IReadOnlyList<byte[]>? alternatives) =>
        alternatives is null
            ? null
            : new JsonArray([.. alternatives.Select(t => JsonValue.Create(RpcHex.FormatData(RequireWord(t, "topic"))))]);

    private static byte[] RequireWord(byte[] value, string what) =>
        value is { Length: RpcJson.HashLength }
            ? value
            : throw new ArgumentException($"A {what} is {RpcJson.HashLength} bytes, not {value?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}.");
}
