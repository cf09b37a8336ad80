using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Readings;
using OpenVpp.Node.Api;
using OpenVpp.Core.Wire;

namespace OpenVpp.Cli.Verification;

/// <summary>
/// Recomputes an epoch's Merkle root from its exported signed readings, as any auditor can, and optionally checks
/// each reading's signature against its device's registered key.
/// </summary>
internal static class EpochVerifier
{
    public static EpochVerification Verify(EpochExport export, string expectedRoot, IReadOnlyDictionary<DeviceId, byte[]>? deviceKeys)
    {
        ArgumentNullException.ThrowIfNull(export);
        var problems = new List<string>();
        var leaves = new List<byte[]>(export.Readings.Count);
        int checkedCount = 0, bad = 0;
        foreach (var (hex, position) in export.Readings.Select((h, i) => (h, i)))
        {
            if (!HexBytes.TryParse(hex, out var bytes) || bytes.Length != SignedReading.Length)
            {
                problems.Add($"reading {position} is not 0x-hex of {SignedReading.Length} bytes");
                continue;
            }

            leaves.Add(MerkleTree.LeafHash(bytes));
            if (deviceKeys is null)
            {
                continue;
            }

            var reading = ReadingCodec.TryDecode(SignedReading.Canonical(bytes), out var error);
            if (reading is null)
            {
                problems.Add($"reading {position} does not decode: {error}");
                continue;
            }

            checkedCount++;
            if (!deviceKeys.TryGetValue(reading.DeviceId, out var key))
            {
                bad++;
                problems.Add($"reading {position} comes from unregistered device {reading.DeviceId}");
                continue;
            }

            using var publicKey = P256Signature.ImportPublicKey(key);
            if (!P256Signature.Verify(publicKey, SignedReading.Canonical(bytes), SignedReading.Signature(bytes)))
            {
                bad++;
                problems.Add($"reading {position} ({reading.DeviceId} #{reading.Sequence}) has a signature that does not verify");
            }
        }

        var computed = HexBytes.ToHex(MerkleTree.Build(leaves).Root);
        if (export.Readings.Count != export.Epoch.ReadingCount)
        {
            problems.Add($"the export lists {export.Readings.Count} readings but the epoch says {export.Epoch.ReadingCount}");
        }

        var match = string.Equals(computed, expectedRoot, StringComparison.OrdinalIgnoreCase)
            && export.Readings.Count == export.Epoch.ReadingCount
            && leaves.Count == export.Readings.Count;
        if (!string.Equals(computed, expectedRoot, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"recomputed root {computed} differs from the expected {expectedRoot}");
        }

        return new EpochVerification(export.Epoch.Index, export.Readings.Count, expectedRoot, computed, match && bad == 0, checkedCount, bad, problems);
    }
}
