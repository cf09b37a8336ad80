using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rlp;
using OpenVpp.Core.Crypto;
using RlpCodec = OpenVpp.Chain.Rlp.Rlp;

namespace OpenVpp.Chain.Transactions;

/// <summary>Parses a signed type-2 transaction strictly: canonical RLP, 256-bit quantities, low s, a recoverable sender.</summary>
internal static class Eip1559Decoding
{
    private const int FieldCount = 12;

    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty || raw[0] != Eip1559Encoding.TransactionType)
        {
            throw new FormatException(raw.IsEmpty
                ? "An empty byte string is not a transaction."
                : $"Transaction type 0x{raw[0]:x2} is not EIP-1559 (0x02).");
        }

        try
        {
            return DecodeFields(raw, RlpCodec.Decode(raw[1..]));
        }
        catch (RlpException e)
        {
            throw new FormatException($"Not a canonical EIP-1559 transaction: {e.Message}", e);
        }
    }

    private static SignedTransaction DecodeFields(ReadOnlySpan<byte> raw, RlpItem item)
    {
        var fields = item.Items;
        if (fields.Count != FieldCount)
        {
            throw new FormatException($"A signed EIP-1559 transaction has {FieldCount} fields, not {fields.Count}.");
        }

        var transaction = new Eip1559Transaction
        {
            ChainId = fields[0].ToUInt64(),
            Nonce = fields[1].ToUInt64(),
            MaxPriorityFeePerGas = UInt256(fields[2], "maxPriorityFeePerGas"),
            MaxFeePerGas = UInt256(fields[3], "maxFeePerGas"),
            GasLimit = fields[4].ToUInt64(),
            To = ReadTo(fields[5]),
            Value = UInt256(fields[6], "value"),
            Data = fields[7].Bytes.ToArray(),
            AccessList = ReadAccessList(fields[8]),
        };

        var yParity = fields[9].ToUInt64();
        if (yParity > 1)
        {
            throw new FormatException($"yParity must be 0 or 1, not {yParity}.");
        }

        var signature = new Secp256k1Signature(UInt256(fields[10], "r"), UInt256(fields[11], "s"), (byte)yParity);
        if (signature.S > Secp256k1.HalfOrder)
        {
            throw new FormatException("Signature s is above n/2; EIP-2 allows only the low form.");
        }

        var sender = Secp256k1.RecoverAddress(transaction.SigningHash(), signature)
            ?? throw new FormatException("The signature does not recover to any public key.");
        return new SignedTransaction(transaction, signature, sender, raw.ToArray(), Keccak256.Hash(raw));
    }

    private static EthAddress? ReadTo(RlpItem item)
    {
        var bytes = item.Bytes;
        return bytes.Length switch
        {
            0 => null,
            EthAddress.Length => new EthAddress(bytes),
            _ => throw new FormatException($"Recipient is {bytes.Length} bytes; expected 20, or none for contract creation."),
        };
    }

    private static List<AccessListEntry> ReadAccessList(RlpItem item)
    {
        var entries = new List<AccessListEntry>();
        foreach (var entry in item.Items)
        {
            var parts = entry.Items;
            if (parts.Count != 2 || parts[0].Bytes.Length != EthAddress.Length)
            {
                throw new FormatException("An access list entry is [20-byte address, [32-byte keys]].");
            }

            var keys = new List<byte[]>();
            foreach (var key in parts[1].Items)
            {
                keys.Add(key.Bytes.Length == 32
                    ? key.Bytes.ToArray()
                    : throw new FormatException($"Access list storage key is {key.Bytes.Length} bytes, not 32."));
            }

            entries.Add(new AccessListEntry(new EthAddress(parts[0].Bytes), keys));
        }

        return entries;
    }

    private static BigInteger UInt256(RlpItem item, string field) =>
        item.Bytes.Length <= 32
            ? item.ToBigInteger()
            : throw new FormatException($"{field} is {item.Bytes.Length} bytes, wider than 256 bits.");
}
