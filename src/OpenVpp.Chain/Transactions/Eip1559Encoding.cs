using System.Numerics;
using OpenVpp.Chain.Crypto;
using RlpCodec = OpenVpp.Chain.Rlp.Rlp;

namespace OpenVpp.Chain.Transactions;

/// <summary>
/// Writes 0x02 || rlp(fields), with or without the signature. The size is computed first so the whole
/// transaction is written into one exactly sized array.
/// </summary>
internal static class Eip1559Encoding
{
    public const byte TransactionType = 0x02;
    private const int StorageKeyLength = 32;

    public static byte[] Encode(Eip1559Transaction tx, Secp256k1Signature? signature)
    {
        Validate(tx);
        var accessListPayload = AccessListPayloadLength(tx.AccessList);
        var payload = PayloadLength(tx, accessListPayload, signature);
        var output = new byte[1 + RlpCodec.LengthOfList(payload)];
        output[0] = TransactionType;
        var span = output.AsSpan(1);
        var offset = RlpCodec.WriteListHeader(span, payload);
        offset += RlpCodec.WriteInteger(span[offset..], tx.ChainId);
        offset += RlpCodec.WriteInteger(span[offset..], tx.Nonce);
        offset += RlpCodec.WriteInteger(span[offset..], tx.MaxPriorityFeePerGas);
        offset += RlpCodec.WriteInteger(span[offset..], tx.MaxFeePerGas);
        offset += RlpCodec.WriteInteger(span[offset..], tx.GasLimit);
        offset += WriteTo(span[offset..], tx.To);
        offset += RlpCodec.WriteInteger(span[offset..], tx.Value);
        offset += RlpCodec.WriteString(span[offset..], tx.Data.Span);
        offset += WriteAccessList(span[offset..], tx.AccessList, accessListPayload);
        if (signature is { } sig)
        {
            offset += RlpCodec.WriteInteger(span[offset..], (ulong)sig.YParity);
            offset += RlpCodec.WriteInteger(span[offset..], sig.R);
            offset += RlpCodec.WriteInteger(span[offset..], sig.S);
        }

        return offset == span.Length
            ? output
            : throw new InvalidOperationException($"Transaction encoding wrote {offset} of {span.Length} bytes.");
    }

    private static int PayloadLength(Eip1559Transaction tx, int accessListPayload, Secp256k1Signature? signature)
    {
        var length = RlpCodec.LengthOfInteger(tx.ChainId)
            + RlpCodec.LengthOfInteger(tx.Nonce)
            + RlpCodec.LengthOfInteger(tx.MaxPriorityFeePerGas)
            + RlpCodec.LengthOfInteger(tx.MaxFeePerGas)
            + RlpCodec.LengthOfInteger(tx.GasLimit)
            + (tx.To is null ? 1 : 1 + EthAddress.Length)
            + RlpCodec.LengthOfInteger(tx.Value)
            + RlpCodec.LengthOfString(tx.Data.Span)
            + RlpCodec.LengthOfList(accessListPayload);
        if (signature is { } sig)
        {
            length += RlpCodec.LengthOfInteger((ulong)sig.YParity)
                + RlpCodec.LengthOfInteger(sig.R)
                + RlpCodec.LengthOfInteger(sig.S);
        }

        return length;
    }

    // An address is 20 bytes, so always the short form: 0x94 + bytes. Contract creation is the empty string.
    private static int WriteTo(Span<byte> destination, EthAddress? to)
    {
        if (to is not { } address)
        {
            return RlpCodec.WriteString(destination, []);
        }

        Span<byte> bytes = stackalloc byte[EthAddress.Length];
        address.WriteTo(bytes);
        return RlpCodec.WriteString(destination, bytes);
    }

    private static int AccessListPayloadLength(IReadOnlyList<AccessListEntry> accessList)
    {
        var length = 0;
        foreach (var entry in accessList)
        {
            length += RlpCodec.LengthOfList(EntryPayloadLength(entry));
        }

        return length;
    }

    // [address, [key, ...]]: a 21-byte address string and a list of 33-byte key strings.
    private static int EntryPayloadLength(AccessListEntry entry) =>
        1 + EthAddress.Length + RlpCodec.LengthOfList(entry.StorageKeys.Count * (1 + StorageKeyLength));

    private static int WriteAccessList(Span<byte> destination, IReadOnlyList<AccessListEntry> accessList, int payload)
    {
        var offset = RlpCodec.WriteListHeader(destination, payload);
        foreach (var entry in accessList)
        {
            offset += RlpCodec.WriteListHeader(destination[offset..], EntryPayloadLength(entry));
            offset += WriteTo(destination[offset..], entry.Address);
            offset += RlpCodec.WriteListHeader(destination[offset..], entry.StorageKeys.Count * (1 + StorageKeyLength));
            foreach (var key in entry.StorageKeys)
            {
                offset += RlpCodec.WriteString(destination[offset..], key);
            }
        }

        return offset;
    }

    private static void Validate(Eip1559Transaction tx)
    {
        CheckUInt256(tx.MaxPriorityFeePerGas, nameof(tx.MaxPriorityFeePerGas));
        CheckUInt256(tx.MaxFeePerGas, nameof(tx.MaxFeePerGas));
        CheckUInt256(tx.Value, nameof(tx.Value));
        ArgumentNullException.ThrowIfNull(tx.AccessList);
        foreach (var entry in tx.AccessList)
        {
            foreach (var key in entry.StorageKeys)
            {
                if (key is null || key.Length != StorageKeyLength)
                {
                    throw new ArgumentException($"Access list storage keys are {StorageKeyLength} bytes.", nameof(tx));
                }
            }
        }
    }

    private static void CheckUInt256(BigInteger value, string name)
    {
        if (value.Sign < 0 || value.GetBitLength() > 256)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be an unsigned 256-bit quantity.");
        }
    }
}
