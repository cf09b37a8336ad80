namespace OpenVpp.Storage;

/// <summary>Totals of what the store holds.</summary>
public sealed record StoreCounts(long Devices, long Readings, long SealedEpochs);
