using System.Diagnostics;
using System.Security.Cryptography;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Readings;

namespace OpenVpp.Cli.Bench;

/// <summary>
/// How many P-256 signatures of canonical readings this machine verifies per second on all its cores, with keys
/// imported once: the ceiling against which the node's end-to-end ingest rate is judged.
/// </summary>
internal static class RawVerifyMeasurement
{
    public static double MeasurePerSecond(TimeSpan duration)
    {
        const int samples = 512;
        using var key = P256DeviceKey.Create();
        var messages = new byte[samples][];
        var signatures = new byte[samples][];
        for (var i = 0; i < samples; i++)
        {
            messages[i] = new byte[ReadingCodec.Length];
            RandomNumberGenerator.Fill(messages[i]);
            signatures[i] = key.Sign(messages[i]);
        }

        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            using var publicKey = P256Signature.ImportPublicKey(key.PublicKey);
            long n = 0;
            while (clock.Elapsed < duration)
            {
                for (var i = 0; i < 64; i++)
                {
                    var k = (int)((n + i) % samples);
                    if (!P256Signature.Verify(publicKey, messages[k], signatures[k]))
                    {
                        throw new CryptographicException("A valid signature failed to verify during the measurement.");
                    }
                }

                n += 64;
            }

            counts[t] = n;
        });
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
