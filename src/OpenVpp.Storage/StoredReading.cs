using OpenVpp.Core.Readings;

namespace OpenVpp.Storage;

/// <summary>An accepted reading as written: decoded fields, the 140 signed bytes, their Merkle leaf and when and in which epoch it was accepted.</summary>
public sealed record StoredReading(Reading Reading, byte[] SignedBytes, byte[] Leaf, DateTimeOffset AcceptedAt, long Epoch);
