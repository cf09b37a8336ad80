using System.CommandLine;
using System.Text.Json;
using OpenVpp.Cli.Disputes;
using OpenVpp.Cli.Verification;
using OpenVpp.Node.Api;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp challenge: dispute a committed epoch that holds a reading its device did not sign.</summary>
internal static class ChallengeCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file") { Description = "An epoch export (the JSON of GET /v1/epochs/{index}/readings)." };
        var node = new Option<string?>("--node") { Description = "Node URL to fetch the export from (with --epoch)." };
        var epoch = new Option<long?>("--epoch") { Description = "Epoch index to fetch from --node." };
        var name = new Option<string?>("--name") { Description = "Wallet that sends the challenge (pays its gas); without it OPENVPP_PRIVATE_KEY." };
        var json = CommonOptions.Json();
        var chain = new ChainCommandOptions();
        var command = new Command("challenge", """
            Check every reading of a committed epoch against the device keys the chain recorded (DeviceRegistered events,
            not the node's word) and, if one was not signed by its registered device or its device was never registered,
            send EpochLedger.challenge with the reading and its Merkle proof: the epoch is marked disputed and reward
            claims pause until the oracle re-commits a corrected root. An honest epoch is left alone (nothing is sent).

            Examples:
              openvpp challenge --node http://127.0.0.1:8640 --epoch 12 --name alice
              openvpp challenge --file e12.json --manifest net1/deployment.json --name alice --json
            """)
        {
            file, node, epoch, name, json,
        };
        chain.AddTo(command);
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("challenge", async () =>
        {
            var export = await LoadExportAsync(parse.GetValue(file), parse.GetValue(node), parse.GetValue(epoch), cancel).ConfigureAwait(false);
            var (key, _) = ChainCommandOptions.SigningKey(chain.OpenWallets(parse), parse.GetValue(name));
            using var session = await chain.OpenChainAsync(parse, cancel).ConfigureAwait(false);
            using var sender = session.CreateSender(key);
            var report = await ReadingChallenger.ChallengeAsync(session, sender, export, cancel).ConfigureAwait(false);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(report, CliJsonContext.Default.ChallengeReport)
                : report.TransactionHash is null ? report.Message : $"{report.Message}\n  transaction  {report.TransactionHash}  (gas {report.GasUsed:N0})");
            return 0;
        }, cancel));
        return command;
    }

    private static async Task<EpochExport> LoadExportAsync(FileInfo? file, string? nodeUrl, long? index, CancellationToken cancel)
    {
        if (file is not null)
        {
            await using var stream = file.OpenRead();
            return await JsonSerializer.DeserializeAsync(stream, NodeJsonContext.Default.EpochExport, cancel).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{file.FullName} is empty.");
        }

        if (nodeUrl is null || index is null)
        {
            throw CommandException.Usage("give --file EXPORT.json, or --node URL with --epoch N.");
        }

        using var client = NodeClient.For(ChainCommandOptions.HttpUrl(nodeUrl, "--node").ToString());
        return await client.GetEpochExportAsync(index.Value, cancel).ConfigureAwait(false)
            ?? throw new CommandException($"the node at {nodeUrl} has no sealed epoch {index}.");
    }
}
