using System.CommandLine;
using System.Text.Json;
using OpenVpp.Cli.Verification;
using OpenVpp.Node.Api;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp verify-epoch: recompute an epoch's Merkle root from its exported readings.</summary>
internal static class VerifyEpochCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file") { Description = "An epoch export (the JSON of GET /v1/epochs/{index}/readings)." };
        var node = new Option<string?>("--node") { Description = "Node URL: fetch the export from it, check signatures against its registry, and compare with the root it serves." };
        var epoch = new Option<long?>("--epoch") { Description = "Epoch index to fetch from --node (with --file, the index is read from the file)." };
        var json = CommonOptions.Json();
        var command = new Command("verify-epoch", """
            Recompute an epoch's Merkle root (OpenZeppelin-compatible, leaf = keccak256 of each 140-byte signed reading)
            from its exported readings and say whether it matches. Exit code 0: matches; 1: does not; 2: could not check.

            Examples:
              openvpp verify-epoch --node http://127.0.0.1:8640 --epoch 3
              curl -s http://127.0.0.1:8640/v1/epochs/3/readings > e3.json && openvpp verify-epoch --file e3.json
            """)
        {
            file, node, epoch, json,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var asJson = parse.GetValue(json);
            try
            {
                var result = await RunAsync(parse.GetValue(file), parse.GetValue(node), parse.GetValue(epoch), cancel).ConfigureAwait(false);
                if (asJson)
                {
                    Console.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.EpochVerification));
                }
                else
                {
                    Console.WriteLine(result.Match
                        ? $"epoch {result.Epoch}: MATCH — {result.Readings} readings, root {result.ComputedRoot}" + (result.SignaturesChecked > 0 ? $", {result.SignaturesChecked} signatures valid" : "")
                        : $"epoch {result.Epoch}: MISMATCH — expected {result.ExpectedRoot}, recomputed {result.ComputedRoot}");
                    foreach (var problem in result.Problems)
                    {
                        Console.WriteLine("  - " + problem);
                    }
                }

                return result.Match ? 0 : 1;
            }
            catch (Exception e) when (e is IOException or JsonException or HttpRequestException or InvalidOperationException)
            {
                Console.Error.WriteLine($"verify-epoch: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<EpochVerification> RunAsync(FileInfo? file, string? nodeUrl, long? index, CancellationToken cancel)
    {
        if (file is null && (nodeUrl is null || index is null))
        {
            throw new InvalidOperationException("give --file EXPORT.json, or --node URL with --epoch N.");
        }

        using var client = nodeUrl is null ? null : NodeClient.For(nodeUrl);
        EpochExport export;
        if (file is not null)
        {
            await using var stream = file.OpenRead();
            export = await JsonSerializer.DeserializeAsync(stream, NodeJsonContext.Default.EpochExport, cancel).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{file.FullName} holds no epoch export.");
        }
        else
        {
            export = await client!.GetEpochExportAsync(index!.Value, cancel).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"epoch {index} is not sealed on {nodeUrl}.");
        }

        // With a node, the root to match is the one the node serves, not the one the file claims.
        var expected = export.Epoch.Root;
        IReadOnlyDictionary<Core.Devices.DeviceId, byte[]>? keys = null;
        if (client is not null)
        {
            var served = await client.GetEpochAsync(export.Epoch.Index, cancel).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"epoch {export.Epoch.Index} is not sealed on {nodeUrl}.");
            expected = served.Root;
            keys = NodeClient.KeysOf(await client.GetAllDevicesAsync(cancel).ConfigureAwait(false));
        }

        return EpochVerifier.Verify(export, expected, keys);
    }
}
