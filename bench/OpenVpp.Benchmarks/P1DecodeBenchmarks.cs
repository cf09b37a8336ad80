using BenchmarkDotNet.Attributes;
using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Benchmarks;

/// <summary>
/// Decoding one P1 telegram from its bytes (CRC check, every line, convenience values) for each real meter's
/// telegram kept with the protocol tests. Telegrams per second per core = 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class P1DecodeBenchmarks
{
    private byte[] _telegram = [];

    [Params("kaifa_dsmr42", "iskra_dsmr50", "sagemcom_t210dr_fluvius")]
    public string Meter { get; set; } = "kaifa_dsmr42";

    [GlobalSetup]
    public void Setup()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "OpenVpp.Protocols.Tests", "TestData", "dsmr", Meter + ".txt");
            if (File.Exists(path))
            {
                _telegram = File.ReadAllBytes(path);
                if (!P1Parser.Parse(_telegram).IsOk)
                {
                    throw new InvalidOperationException($"{path} does not decode.");
                }

                return;
            }
        }

        throw new FileNotFoundException($"{Meter}.txt not found above {AppContext.BaseDirectory}; run from inside the repository.");
    }

    [Benchmark(Description = "P1Parser.Parse")]
    public P1Telegram? Decode() => P1Parser.Parse(_telegram).Telegram;

    [Benchmark(Description = "Crc16Arc.Compute only")]
    public ushort Crc() => Crc16Arc.Compute(_telegram);
}
