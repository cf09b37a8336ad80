using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Tests.Transactions;

/// <summary>Reaches the internal encoder to build malformed inputs that the public API would never produce.</summary>
internal static class Eip1559EncodingAccess
{
    public static byte[] Unsigned(Eip1559Transaction tx) => Eip1559Encoding.Encode(tx, signature: null);

    public static byte[] Signed(Eip1559Transaction tx, Secp256k1Signature signature) => Eip1559Encoding.Encode(tx, signature);
}
