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

    private readonly (string User, string Password)? _credentials;

    private Mosquitto(int port, (string User, string Password)? credentials)
    {
        Port = port;
        _credentials = credentials;
    }

    public int Port { get; }

    /// <summary>Starts a broker; with <paramref name="credentials"/> it admits only that user (mosquitto_passwd file).</summary>
    public static async Task<Mosquitto> StartNewAsync((string User, string Password)? credentials = null)
    {
        if (!File.Exists(BrokerPath))
        {
            throw new InvalidOperationException($"{BrokerPath} is missing: install Debian's mosquitto and mosquitto-clients (./test does).");
        }

        var broker = new Mosquitto(FreePort.Next(), credentials);
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        var config = _dir.File("mosquitto.conf");
        var access = "allow_anonymous true\n";
        if (_credentials is { } c)
        {
            var passwords = _dir.File("passwd");
            using var passwd = Process.Start(new ProcessStartInfo("/usr/bin/mosquitto_passwd", ["-c", "-b", passwords, c.User, c.Password]) { UseShellExecute = false })!;
            await passwd.WaitForExitAsync();
            access = $"allow_anonymous false\npassword_file {passwords}\n";
        }

        await File.WriteAllTextAsync(config, $"listener {Port} 127.0.0.1\n{access}persistence false\n");
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
    public static async Task PublishAsync(
        int port, string topic, string? message, bool retain = false, string? file = null, (string User, string Password)? credentials = null)
    {
        List<string> args = ["-i", "test-pub-" + Guid.NewGuid().ToString("N")[..8], "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", topic, "-q", "1"];
        args.AddRange(file is null ? ["-m", message ?? string.Empty] : ["-f", file]);
        if (retain)
        {
            args.Add("-r");
        }

        if (credentials is { } c)
        {
            args.AddRange(["-u", c.User, "-P", c.Password]);
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
