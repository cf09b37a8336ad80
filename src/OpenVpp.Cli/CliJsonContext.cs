using System.Text.Json.Serialization;
using OpenVpp.Cli.Bench;
using OpenVpp.Cli.Demo;
using OpenVpp.Cli.Devices;
using OpenVpp.Cli.Verification;
using OpenVpp.Cli.Wallets;

namespace OpenVpp.Cli;

/// <summary>Source-generated JSON for everything the CLI prints with --json.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true)]
[JsonSerializable(typeof(IngestBenchReport))]
[JsonSerializable(typeof(DemoReport))]
[JsonSerializable(typeof(OpenVpp.Cli.Disputes.ChallengeReport))]
[JsonSerializable(typeof(EpochVerificationReport))]
[JsonSerializable(typeof(WalletCreatedReport))]
[JsonSerializable(typeof(WalletListReport))]
[JsonSerializable(typeof(BalanceReport))]
[JsonSerializable(typeof(ClaimReport))]
[JsonSerializable(typeof(RegistrationReport))]
[JsonSerializable(typeof(NodeRewardsDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>One-line JSON for messages between processes (the load generator's report).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class LineJsonContext : JsonSerializerContext;
