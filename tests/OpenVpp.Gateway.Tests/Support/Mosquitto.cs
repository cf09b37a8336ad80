using System.Diagnostics;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>
/// Debian's mosquitto broker on a free loopback port with a temporary config (anonymous access, no persistence),
/// killed on dispose. <see cref="KillAsync"/> and <see cref="StartAsync"/> simulate a broker restart on the same port.
/// ./test installs mosquitto (tools/prepare-debian); without it these tests fail with that hint.
/// </summary>
internal sealed class Mosquitto : IAsyncDisposable
{
    public const string BrokerPath = "/usr/sbin/mosquitto";
    private readonly TempDir _dir = new();
    private Process? _process;

    private Mosquitto(int port) => Port = port;

    public int Port { get; }

    public static async Task<Mosquitto> StartNewAsync()
    {
        if (!File.Exists(BrokerPath))
        {
            throw new InvalidOperationException($"{BrokerPath} is missing: install Debian's mosquitto and mosquitto-clients (./test does).");
        }

        var broker = new Mosquitto(FreePort.Next());
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        var config = _dir.File("mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var info = new ProcessStartInfo(BrokerPath, ["-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await FreePort.WaitUntilAcceptingAsync(Port);
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _dir.Dispose();
    }

    /// <summary>Publishes with mosquitto_pub (an MQTT client this project did not write); <paramref name="file"/> sends a file's bytes instead.</summary>
    public static async Task PublishAsync(int port, string topic, string? message, bool retain = false, string? file = null)
    {
        List<string> args = ["-i", "test-pub-" + Guid.NewGuid().ToString("N")[..8], "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", topic, "-q", "1"];
        args.AddRange(file is null ? ["-m", message ?? string.Empty] : ["-f", file]);
        if (retain)
        {
            args.Add("-r");
        }

        var info = new ProcessStartInfo("/usr/bin/mosquitto_pub", args) { RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub -t {topic} failed ({process.ExitCode}): {error}");
        }
    }
}
