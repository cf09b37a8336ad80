using System.Text.Json;
using OpenVpp.Chain.Abi;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>One event log of a mined transaction, from a receipt or <c>eth_getLogs</c>.</summary>
/// <param name="Address">The contract that emitted it.</param>
/// <param name="Topics">0 to 4 topics of 32 bytes; topic 0 is the event's signature hash unless it is anonymous.</param>
/// <param name="Data">The ABI-encoded non-indexed parameters.</param>
/// <param name="BlockNumber">The block that holds the transaction.</param>
/// <param name="BlockHash">That block's hash; compare it to detect reorgs.</param>
/// <param name="TransactionHash">The transaction that emitted the log.</param>
/// <param name="LogIndex">Position of the log in the block.</param>
/// <param name="Removed">True when a reorg removed the log (only filters report this).</param>
public sealed record LogEntry(
    EthAddress Address,
    IReadOnlyList<byte[]> Topics,
    byte[] Data,
    ulong BlockNumber,
    byte[] BlockHash,
    byte[] TransactionHash,
    ulong LogIndex,
    bool Removed)
{
    private const int MaxTopics = 4;

    /// <summary>Whether topic 0 is <paramref name="abiEvent"/>'s signature hash.</summary>
    public bool Is(AbiEvent abiEvent)
    {
        ArgumentNullException.ThrowIfNull(abiEvent);
        return Topics.Count > 0 && Topics[0].AsSpan().SequenceEqual(abiEvent.Topic0);
    }

    /// <summary>Decodes the log as <paramref name="abiEvent"/>; see <see cref="AbiEvent.DecodeLog"/>.</summary>
    public object?[] Decode(AbiEvent abiEvent)
    {
        ArgumentNullException.ThrowIfNull(abiEvent);
        return abiEvent.DecodeLog(Topics, Data);
    }

    internal static LogEntry Parse(JsonElement log)
    {
        const string What = "log";
        RpcJson.RequireObject(log, What);
        var topics = new List<byte[]>();
        foreach (var topic in RpcJson.Array(RpcJson.Field(log, "topics", What), "log.topics"))
        {
            topics.Add(RpcJson.Hash(topic, "log.topics[]"));
        }

        if (topics.Count > MaxTopics)
        {
            throw new RpcProtocolException($"A log has at most {MaxTopics} topics, got {topics.Count}.");
        }

        var removed = RpcJson.Optional(log, "removed") is { } flag
            ? flag.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new RpcProtocolException($"log.removed must be a boolean, got {flag.ValueKind}."),
            }
            : false;
        return new LogEntry(
            RpcJson.Address(log, "address", What),
            topics,
            RpcJson.Data(log, "data", What),
            RpcJson.Quantity64(log, "blockNumber", What),
            RpcJson.Hash(log, "blockHash", What),
            RpcJson.Hash(log, "transactionHash", What),
            RpcJson.Quantity64(log, "logIndex", What),
            removed);
    }
}
