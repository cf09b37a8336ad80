using System.Text.Json;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Merkle;
using OpenVpp.Core.Readings;
using OpenVpp.Node.Api;

namespace OpenVpp.IntegrationTests;

public sealed class VerifyEpochTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openvpp-verify-").FullName;

    [Fact]
    public async Task Matching_export_verifies_with_exit_code_0()
    {
        var path = WriteExport(Export(readings: 9, tamper: false));

        var (code, output, _) = await CliRunner.RunAsync("verify-epoch", "--file", path, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("match").GetBoolean());
        Assert.Equal(9, json.RootElement.GetProperty("readings").GetInt32());
    }

    [Fact]
    public async Task Export_with_one_altered_reading_is_a_mismatch_with_exit_code_1()
    {
        var path = WriteExport(Export(readings: 9, tamper: true));

        var (code, output, _) = await CliRunner.RunAsync("verify-epoch", "--file", path);

        Assert.Equal(1, code);
        Assert.Contains("MISMATCH", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_reported_with_exit_code_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("verify-epoch", "--file", Path.Combine(_dir, "absent.json"));

        Assert.Equal(2, code);
        Assert.Contains("absent.json", error, StringComparison.Ordinal);
    }

    private static EpochExport Export(int readings, bool tamper)
    {
        using var key = P256DeviceKey.Create();
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var signed = Enumerable.Range(0, readings).Select(i =>
        {
            var reading = new Reading(key.Id, (ulong)i + 1, start.AddMinutes(15 * i), start.AddMinutes(15 * (i + 1)), 100 + i, 0, -400, 600, null, null, ReadingStatus.None);
            var canonical = ReadingCodec.Encode(reading);
            return SignedReading.Combine(canonical, key.Sign(canonical));
        }).ToList();
        var root = MerkleTree.Build(signed.Select(s => MerkleTree.LeafHash(s))).Root;
        if (tamper)
        {
            signed[4][50] ^= 0x10;
        }

        var epoch = new EpochView(3, start, start.AddHours(1), readings, "0x" + Convert.ToHexStringLower(root), start.AddHours(1));
        return new EpochExport(epoch, [.. signed.Select(s => "0x" + Convert.ToHexStringLower(s))]);
    }

    private string WriteExport(EpochExport export)
    {
        var path = Path.Combine(_dir, "export.json");
        File.WriteAllText(path, JsonSerializer.Serialize(export, NodeJsonContext.Default.EpochExport));
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
