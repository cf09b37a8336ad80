using System.Text.Json.Serialization;

namespace OpenVpp.Chain.Wallets;

/// <summary>On-disk form of one wallet (version 1): a secp256k1 account key. The file is mode 0600.</summary>
internal sealed record WalletFile(int Version, string Name, string Address, string PrivateKey);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(WalletFile))]
internal sealed partial class WalletJsonContext : JsonSerializerContext;
