using OpenVpp.Chain.Crypto;

namespace OpenVpp.Chain.Transactions;

/// <summary>One EIP-2930 access list entry: a contract and the 32-byte storage slots the transaction will touch.</summary>
public sealed record AccessListEntry(EthAddress Address, IReadOnlyList<byte[]> StorageKeys);
