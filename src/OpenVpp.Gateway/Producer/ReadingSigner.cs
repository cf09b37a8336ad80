using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Keystore;

namespace OpenVpp.Gateway.Producer;

/// <summary>Turns a reading into the 140 bytes that travel: canonical encoding followed by the device's signature.</summary>
public static class ReadingSigner
{
    public static byte[] Sign(Reading reading, DeviceIdentity device)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(device);
        if (reading.DeviceId != device.Id)
        {
            throw new ArgumentException($"Reading of {reading.DeviceId} cannot be signed by {device.Id}.", nameof(device));
        }

        var signed = new byte[SignedReading.Length];
        ReadingCodec.Encode(reading, signed);
        device.Sign(signed.AsSpan(0, ReadingCodec.Length), signed.AsSpan(ReadingCodec.Length));
        return signed;
    }
}
