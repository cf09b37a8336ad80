namespace OpenVpp.Chain.Abi;

/// <summary>One event parameter; indexed ones travel in topics, the rest in the log's data.</summary>
public sealed record AbiEventParameter(AbiType Type, bool Indexed);
