using System.Numerics;
using System.Text.Json;
using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Rpc;

/// <summary>A transaction as the node knows it (<c>eth_getTransactionByHash</c>): pending, or mined in a block.</summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The recipient; null for a contract creation.</param>
/// <param name="Nonce">The sender's nonce it used.</param>
/// <param name="Gas">Its gas limit.</param>
/// <param name="Value">Wei transferred.</param>
/// <param name="Input">The call data or init code.</param>
/// <param name="BlockNumber">The block that holds it; null while pending.</param>
public sealed record RpcTransaction(
    byte[] Hash,
    EthAddress From,
    EthAddress? To,
    ulong Nonce,
    ulong Gas,
    BigInteger Value,
    byte[] Input,
    ulong? BlockNumber)
{
    internal static RpcTransaction Parse(JsonElement transaction)
    {
        const string What = "transaction";
        RpcJson.RequireObject(transaction, What);
        return new RpcTransaction(
            RpcJson.Hash(transaction, "hash", What),
            RpcJson.Address(transaction, "from", What),
            RpcJson.OptionalAddress(transaction, "to", What),
            RpcJson.Quantity64(transaction, "nonce", What),
            RpcJson.Quantity64(transaction, "gas", What),
            RpcJson.Quantity(transaction, "value", What),
            RpcJson.Data(transaction, "input", What),
            RpcJson.Optional(transaction, "blockNumber") is { } block ? RpcJson.Quantity64(block, "transaction.blockNumber") : null);
    }
}
