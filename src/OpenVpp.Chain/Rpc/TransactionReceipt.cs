using System.Numerics;
using System.Text.Json;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>The outcome of a mined transaction.</summary>
/// <param name="TransactionHash">The transaction's hash.</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="BlockHash">That block's hash.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipient; null for a contract creation.</param>
/// <param name="Succeeded">Status 1; false means the transaction reverted (its fee is still paid).</param>
/// <param name="GasUsed">Gas the transaction consumed.</param>
/// <param name="EffectiveGasPrice">Wei per gas actually paid: base fee plus the tip that fit under the cap.</param>
/// <param name="ContractAddress">The created contract's address, for a creation.</param>
/// <param name="Logs">The events it emitted (none when it reverted).</param>
public sealed record TransactionReceipt(
    byte[] TransactionHash,
    ulong BlockNumber,
    byte[] BlockHash,
    EthAddress From,
    EthAddress? To,
    bool Succeeded,
    ulong GasUsed,
    BigInteger EffectiveGasPrice,
    EthAddress? ContractAddress,
    IReadOnlyList<LogEntry> Logs)
{
    internal static TransactionReceipt Parse(JsonElement receipt)
    {
        const string What = "receipt";
        RpcJson.RequireObject(receipt, What);

        // Receipts before Byzantium carry a state root instead of a status; nothing OpenVPP targets is that old.
        var status = RpcJson.Quantity64(receipt, "status", What);
        if (status > 1)
        {
            throw new RpcProtocolException($"receipt.status must be 0x0 or 0x1, got {RpcHex.FormatQuantity(status)}.");
        }

        var logs = new List<LogEntry>();
        foreach (var log in RpcJson.Array(RpcJson.Field(receipt, "logs", What), "receipt.logs"))
        {
            logs.Add(LogEntry.Parse(log));
        }

        return new TransactionReceipt(
            RpcJson.Hash(receipt, "transactionHash", What),
            RpcJson.Quantity64(receipt, "blockNumber", What),
            RpcJson.Hash(receipt, "blockHash", What),
            RpcJson.Address(receipt, "from", What),
            RpcJson.OptionalAddress(receipt, "to", What),
            status == 1,
            RpcJson.Quantity64(receipt, "gasUsed", What),
            RpcJson.Quantity(receipt, "effectiveGasPrice", What),
            RpcJson.OptionalAddress(receipt, "contractAddress", What),
            logs);
    }
}
