namespace OpenVpp.Chain;

/// <summary>
/// OpenVPP's own EVM client (no C# Ethereum library is available here): RLP, ABI, secp256k1 signing and EIP-1559
/// transactions, kept apart from the JSON-RPC transport so each is tested on its own vectors.
/// </summary>
internal static class ChainAssemblyInfo;
