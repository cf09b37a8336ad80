using System.Text;
using OpenVpp.Chain.Crypto;
using OpenVpp.Core.Devices;

namespace OpenVpp.Chain.Contracts;

/// <summary>
/// A device as DeviceRegistry records it: its P-256 key (X, Y), reporting gateway, nameplate, storage capacity,
/// region (at most 6 ASCII characters: ISO 3166-2 codes such as DE-BY fit) and kind.
/// </summary>
public sealed record OnChainDevice(byte[] PublicKeyXY, EthAddress Gateway, uint NameplateW, uint CapacityWh, string Region, DeviceKind Kind)
{
    public const int MaxRegionLength = 6;

    public DeviceId Id => DeviceId.FromPublicKey(PublicKeyXY);

    /// <summary>The DeviceInput tuple of registerDevices.</summary>
    internal object?[] ToTuple()
    {
        if (PublicKeyXY.Length != 64)
        {
            throw new ArgumentException("A device key is the 64 bytes X || Y of an uncompressed P-256 point.");
        }

        return [PublicKeyXY[..32], PublicKeyXY[32..], Gateway.ToArray(), (System.Numerics.BigInteger)NameplateW,
            (System.Numerics.BigInteger)CapacityWh, EncodeRegion(Region), (System.Numerics.BigInteger)(byte)Kind];
    }

    /// <summary>bytes6: ASCII, left-aligned, zero-padded.</summary>
    public static byte[] EncodeRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Length is 0 or > MaxRegionLength || !region.All(c => c is >= '!' and <= '~'))
        {
            throw new ArgumentException($"Region '{region}' must be 1-{MaxRegionLength} printable ASCII characters (e.g. DE-BY) to fit the registry's bytes6.");
        }

        var bytes = new byte[MaxRegionLength];
        Encoding.ASCII.GetBytes(region, bytes);
        return bytes;
    }

    public static string DecodeRegion(ReadOnlySpan<byte> bytes6)
    {
        var end = bytes6.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? bytes6 : bytes6[..end]);
    }
}
