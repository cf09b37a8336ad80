namespace OpenVpp.Storage;

/// <summary>Where a stored reading sits in the commitment: its epoch and its leaf hash.</summary>
public sealed record ReadingLocation(long Epoch, byte[] Leaf);
