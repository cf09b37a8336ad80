using System.Numerics;
using System.Text.Json;

namespace OpenVpp.Chain.Rpc;

/// <summary>The header fields of a block that OpenVPP uses.</summary>
/// <param name="Number">Block height.</param>
/// <param name="Hash">32-byte block hash.</param>
/// <param name="ParentHash">32-byte hash of the previous block.</param>
/// <param name="Timestamp">Seconds since the Unix epoch, as the block producer set it.</param>
/// <param name="BaseFeePerGas">EIP-1559 base fee in wei; null on chains or blocks before London.</param>
/// <param name="GasLimit">The block's gas limit, which also bounds one transaction's.</param>
public sealed record RpcBlock(ulong Number, byte[] Hash, byte[] ParentHash, ulong Timestamp, BigInteger? BaseFeePerGas, ulong GasLimit)
{
    internal static RpcBlock Parse(JsonElement block)
    {
        const string What = "block";
        RpcJson.RequireObject(block, What);
        return new RpcBlock(
            RpcJson.Quantity64(block, "number", What),
            RpcJson.Hash(block, "hash", What),
            RpcJson.Hash(block, "parentHash", What),
            RpcJson.Quantity64(block, "timestamp", What),
            RpcJson.Optional(block, "baseFeePerGas") is { } fee ? RpcJson.Quantity(fee, "block.baseFeePerGas") : null,
            RpcJson.Quantity64(block, "gasLimit", What));
    }
}
