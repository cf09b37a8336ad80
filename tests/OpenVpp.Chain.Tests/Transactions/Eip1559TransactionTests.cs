using System.Numerics;
using FsCheck.Xunit;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Transactions;
using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Tests.Transactions;

public class Eip1559TransactionTests
{
    public static TheoryData<string> Samples => ["Transfer", "Creation", "WithAccessList"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decoding_a_signed_transaction_gives_back_its_fields_and_signer(string name)
    {
        var tx = Sample(name);
        var signed = tx.Sign(TransactionSamples.Anvil0);
        var decoded = SignedTransaction.Decode(signed.Raw);

        TransactionSamples.AssertSameFields(tx, decoded.Transaction);
        Assert.Equal(TransactionSamples.Anvil0.Address, decoded.Sender);
        Assert.Equal(signed.Sender, decoded.Sender);
        Assert.Equal(signed.Signature, decoded.Signature);
        Assert.Equal(signed.Hash, decoded.Hash);
        Assert.Equal(Keccak256.Hash(signed.Raw), signed.Hash);
    }

    [Fact]
    public void Raw_transaction_is_the_type_byte_then_the_signed_rlp_list()
    {
        var signed = TransactionSamples.Transfer.Sign(TransactionSamples.Anvil0);
        Assert.Equal(0x02, signed.Raw[0]);
        var list = OpenVpp.Chain.Rlp.Rlp.Decode(signed.Raw.AsSpan(1));
        Assert.Equal(12, list.Items.Count);
        Assert.Equal(signed.Signature.R, list.Items[10].ToBigInteger());
        Assert.True(signed.Signature.S <= Secp256k1.HalfOrder);
    }

    [Property(MaxTest = 40)]
    public bool Random_transactions_round_trip(ulong chainId, ulong nonce, ulong gasLimit, byte[] fees, byte[] data, bool create)
    {
        fees ??= [];
        var tx = new Eip1559Transaction
        {
            ChainId = chainId,
            Nonce = nonce,
            MaxPriorityFeePerGas = new BigInteger(fees.AsSpan(0, Math.Min(fees.Length, 8)), isUnsigned: true),
            MaxFeePerGas = new BigInteger(fees.AsSpan(0, Math.Min(fees.Length, 32)), isUnsigned: true),
            GasLimit = gasLimit,
            To = create ? null : TransactionSamples.Anvil1Address,
            Value = new BigInteger(Keccak256.Hash(fees), isUnsigned: true),
            Data = data ?? [],
        };
        var decoded = SignedTransaction.Decode(tx.Sign(TransactionSamples.Anvil0).Raw);
        TransactionSamples.AssertSameFields(tx, decoded.Transaction);
        return decoded.Sender == TransactionSamples.Anvil0.Address;
    }

    [Fact]
    public void Rejects_a_transaction_of_another_type()
    {
        var raw = TransactionSamples.Transfer.Sign(TransactionSamples.Anvil0).Raw;
        raw[0] = 0x01;
        Assert.Contains("not EIP-1559", Assert.Throws<FormatException>(() => SignedTransaction.Decode(raw)).Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SignedTransaction.Decode([]));
    }

    [Fact]
    public void Rejects_trailing_bytes()
    {
        var raw = TransactionSamples.Transfer.Sign(TransactionSamples.Anvil0).Raw;
        var error = Assert.Throws<FormatException>(() => SignedTransaction.Decode([.. raw, 0x00]));
        Assert.Contains("trailing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_unsigned_transaction()
    {
        var unsigned = Eip1559EncodingAccess.Unsigned(TransactionSamples.Transfer);
        var error = Assert.Throws<FormatException>(() => SignedTransaction.Decode(unsigned));
        Assert.Contains("12 fields, not 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_high_s_signature()
    {
        var signed = TransactionSamples.Transfer.Sign(TransactionSamples.Anvil0);
        var highS = signed.Signature with
        {
            S = Secp256k1.Order - signed.Signature.S,
            YParity = (byte)(1 - signed.Signature.YParity),
        };
        var raw = Eip1559EncodingAccess.Signed(TransactionSamples.Transfer, highS);
        var error = Assert.Throws<FormatException>(() => SignedTransaction.Decode(raw));
        Assert.Contains("EIP-2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_quantities_wider_than_256_bits()
    {
        var tx = TransactionSamples.Transfer with { Value = BigInteger.One << 256 };
        Assert.Throws<ArgumentOutOfRangeException>(() => tx.Sign(TransactionSamples.Anvil0));
    }

    [Fact]
    public void A_tampered_transaction_recovers_a_different_sender()
    {
        var raw = TransactionSamples.Transfer.Sign(TransactionSamples.Anvil0).Raw;
        raw[4] ^= 0x01; // inside the chain id
        SignedTransaction? decoded = null;
        try
        {
            decoded = SignedTransaction.Decode(raw);
        }
        catch (FormatException)
        {
            // Equally acceptable: the flipped bit made the encoding or the signature invalid.
        }

        Assert.NotEqual(TransactionSamples.Anvil0.Address, decoded?.Sender);
    }

    private static Eip1559Transaction Sample(string name) => name switch
    {
        "Transfer" => TransactionSamples.Transfer,
        "Creation" => TransactionSamples.Creation,
        _ => TransactionSamples.WithAccessList,
    };
}
