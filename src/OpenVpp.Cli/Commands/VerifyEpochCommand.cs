using System.CommandLine;
using System.Text.Json;
using OpenVpp.Chain.Rpc;
using OpenVpp.Cli.Verification;
using OpenVpp.Core.Wire;
using OpenVpp.Node.Api;

namespace OpenVpp.Cli.Commands;

/// <summary>
/// openvpp verify-epoch: recompute an epoch's data root from its exported readings and its reward root from the
/// oracle's published computation, and compare both with the node, the document and the chain.
/// </summary>
internal static class VerifyEpochCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file") { Description = "An epoch export (the JSON of GET /v1/epochs/{index}/readings)." };
        var node = new Option<string?>("--node") { Description = "Node URL: fetch the export (unless --file) and the rewards document (unless --rewards) from it, check signatures against its registry, and compare with the root it serves." };
        var epoch = new Option<long?>("--epoch") { Description = "Epoch index to fetch from --node (with --file, the index is read from the file)." };
        var rewards = new Option<FileInfo?>("--rewards") { Description = "The rewards oracle's computation for the epoch (the JSON of GET /v1/epochs/{index}/rewards)." };
        var chain = new ChainCommandOptions();
        chain.Data.Description = "Data directory of `openvpp up`: compare with the chain of the deployment.json in it (or in DATA/chain). The chain is checked only when --data, --manifest or --rpc is given.";
        var json = CommonOptions.Json();
        var command = new Command("verify-epoch", """
            Recompute an epoch's roots from what anyone can download, and compare them with the node's, the rewards
            document's and the ones EpochLedger holds on chain:
              data root    the OpenZeppelin-compatible Merkle root of the exported signed readings (leaf = keccak256 of
                           each 140-byte reading); with --node every signature is checked against the node's registry.
              rewards      the oracle's computation re-run from the rewards document and the readings with the same code
                           (EpochRewardComputation): per-device contributions, per-owner amounts, the issued emission,
                           the balances after the epoch, and the reward root they commit to.
            The document's other inputs are taken as given: the balances before the epoch (previous_cumulative), device
            owners and capacities, and the devices caught with implausible readings. One run checks one epoch's step;
            a full audit verifies every epoch from the first and checks that each document's previous_cumulative is the
            cumulative of the one before.
            Without a rewards document (the node runs no oracle, or has not settled the epoch) rewards are not checked;
            without --data, --manifest or --rpc the chain is not checked. Neither is a failure.
            Exit code 0: everything checked matches; 1: something does not; 2: could not check (unreadable input,
            unreachable node or chain, or the epoch is not committed on the chain given).

            Examples:
              openvpp verify-epoch --node http://127.0.0.1:8640 --epoch 3 --data data
              curl -s http://127.0.0.1:8640/v1/epochs/3/readings > e3.json
              curl -s http://127.0.0.1:8640/v1/epochs/3/rewards > r3.json
              openvpp verify-epoch --file e3.json --rewards r3.json --manifest data/deployment.json
            """)
        {
            file, node, epoch, rewards, json,
        };
        chain.AddChainReadOptions(command);
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                var report = await RunAsync(parse, parse.GetValue(file), parse.GetValue(node), parse.GetValue(epoch), parse.GetValue(rewards), chain, cancel)
                    .ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.EpochVerificationReport));
                }
                else
                {
                    foreach (var line in report.Lines())
                    {
                        Console.WriteLine(line);
                    }
                }

                return report.ExitCode;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine("verify-epoch: cancelled.");
                return CommandErrors.Cancelled;
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("verify-epoch: " + Describe(e));
                return 2;
            }
        });
        return command;
    }

    private static async Task<EpochVerificationReport> RunAsync(
        ParseResult parse, FileInfo? file, string? nodeUrl, long? index, FileInfo? rewardsFile, ChainCommandOptions chain, CancellationToken cancel)
    {
        if (file is null && (nodeUrl is null || index is null))
        {
            throw CommandException.Usage("give --file EXPORT.json, or --node URL with --epoch N.");
        }

        using var client = nodeUrl is null ? null : NodeClient.For(ChainCommandOptions.HttpUrl(nodeUrl, "--node").ToString());
        EpochExport export;
        if (file is not null)
        {
            await using var stream = file.OpenRead();
            export = await JsonSerializer.DeserializeAsync(stream, NodeJsonContext.Default.EpochExport, cancel).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{file.FullName} holds no epoch export.");
        }
        else
        {
            export = await client!.GetEpochExportAsync(index!.Value, cancel).ConfigureAwait(false)
                ?? throw new CommandException($"epoch {index} is not sealed on {nodeUrl}.");
        }

        if (export.Epoch is null || export.Readings is null || export.Epoch.Root is null || export.Epoch.Index < 0)
        {
            throw new InvalidDataException($"{file?.FullName ?? nodeUrl} sent no epoch export (no epoch, readings or root).");
        }

        var epoch = export.Epoch.Index;

        // With a node, the root to match is the one the node serves, not the one the file claims.
        var expected = export.Epoch.Root;
        IReadOnlyDictionary<Core.Devices.DeviceId, byte[]>? keys = null;
        if (client is not null)
        {
            var served = await client.GetEpochAsync(epoch, cancel).ConfigureAwait(false)
                ?? throw new CommandException($"epoch {epoch} is not sealed on {nodeUrl}.");
            expected = served.Root;
            keys = NodeClient.KeysOf(await client.GetAllDevicesAsync(cancel).ConfigureAwait(false));
        }

        var data = EpochVerifier.Verify(export, expected, keys);

        // The rewards document: the file given, else the node's (a 404 means it has none: not checked, not a failure).
        string? document = null, source = null, absent = null;
        if (rewardsFile is not null)
        {
            document = await File.ReadAllTextAsync(rewardsFile.FullName, cancel).ConfigureAwait(false);
            source = rewardsFile.FullName;
        }
        else if (client is not null)
        {
            document = await client.GetEpochRewardsJsonAsync(epoch, cancel).ConfigureAwait(false);
            source = $"the rewards document of {nodeUrl}";
            absent = $"the node has no rewards document for epoch {epoch} (it runs no oracle, or has not settled the epoch yet)";
        }

        var rewards = document is null ? null : RewardsVerifier.Verify(export, RewardsVerifier.Parse(document, source!), data.ComputedRoot);

        ChainEpoch? onChain = null;
        if (chain.ChainGiven(parse))
        {
            using var session = await chain.OpenChainAsync(parse, cancel).ConfigureAwait(false);
            var info = await session.Ledger.EpochInfoAsync(epoch, cancel).ConfigureAwait(false);
            var next = await session.Ledger.NextEpochAsync(BlockParameter.Latest, cancel).ConfigureAwait(false);
            onChain = new ChainEpoch(
                info.IsCommitted, info.Disputed, HexBytes.ToHex(info.DataRoot), HexBytes.ToHex(info.RewardRoot),
                info.IsCommitted ? DateTimeOffset.FromUnixTimeSeconds(info.CommittedAt) : null, next);
        }

        return EpochVerificationReport.Build(data, client is null ? "export" : "node", rewards, absent, onChain);
    }

    private static string Describe(Exception e) => e switch
    {
        JsonException json => $"not valid JSON: {json.Message}",
        TaskCanceledException => "the node did not answer in time.",
        _ => CommandErrors.Describe(e),
    };
}
