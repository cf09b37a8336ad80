using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Transactions;

/// <summary>An unsigned EIP-1559 (type 2) transaction. Amounts and fees are in wei and must fit in 256 bits.</summary>
public sealed record Eip1559Transaction
{
    public required ulong ChainId { get; init; }

    public required ulong Nonce { get; init; }

    /// <summary>Tip to the block producer per unit of gas, in wei.</summary>
    public required BigInteger MaxPriorityFeePerGas { get; init; }

    /// <summary>Cap on base fee plus tip per unit of gas, in wei.</summary>
    public required BigInteger MaxFeePerGas { get; init; }

    public required ulong GasLimit { get; init; }

    /// <summary>The recipient, or null to create a contract from <see cref="Data"/>.</summary>
    public EthAddress? To { get; init; }

    /// <summary>Wei sent with the call.</summary>
    public BigInteger Value { get; init; }

    public ReadOnlyMemory<byte> Data { get; init; }

    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    /// <summary>keccak256(0x02 || rlp([chainId, nonce, tip, maxFee, gasLimit, to, value, data, accessList])).</summary>
    public byte[] SigningHash() => Keccak256.Hash(Eip1559Encoding.Encode(this, signature: null));

    public SignedTransaction Sign(Secp256k1Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(SigningHash());
        var raw = Eip1559Encoding.Encode(this, signature);
        return new SignedTransaction(this, signature, key.Address, raw, Keccak256.Hash(raw));
    }
}
