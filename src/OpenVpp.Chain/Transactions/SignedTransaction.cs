using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Transactions;

/// <summary>A signed EIP-1559 transaction with its wire form and hash.</summary>
/// <param name="Transaction">The signed fields.</param>
/// <param name="Signature">yParity, r and s over <see cref="Eip1559Transaction.SigningHash"/>.</param>
/// <param name="Sender">The address the signature recovers to.</param>
/// <param name="Raw">0x02 || rlp([..fields, yParity, r, s]): what <c>eth_sendRawTransaction</c> takes.</param>
/// <param name="Hash">keccak256(Raw), the transaction hash nodes and explorers report.</param>
public sealed record SignedTransaction(
    Eip1559Transaction Transaction,
    Secp256k1Signature Signature,
    EthAddress Sender,
    byte[] Raw,
    byte[] Hash)
{
    /// <summary>Parses a signed type-2 transaction and recovers its sender.</summary>
    /// <exception cref="FormatException">The bytes are not a canonical, validly signed EIP-1559 transaction.</exception>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw) => Eip1559Decoding.Decode(raw);
}
