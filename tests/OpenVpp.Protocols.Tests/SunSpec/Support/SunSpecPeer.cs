using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace OpenVpp.Testing.SunSpec;

/// <summary>
/// The Modbus TCP server that is not ours: tools/peers/sunspec-modbus-server.mjs (npm modbus-serial's ServerTCP) as a
/// child process, loaded with register maps. It exits when its stdin closes, so a crashed test leaves nothing behind.
/// </summary>
internal sealed class SunSpecPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _commands = new(1, 1);
    private readonly string _mapPath;

    private SunSpecPeer(Process process, string mapPath)
    {
        _process = process;
        _mapPath = mapPath;
    }

    public int Port { get; private set; }

    /// <summary>Starts the server with one register map per unit id; see the script for the options.</summary>
    public static async Task<SunSpecPeer> StartAsync(
        IReadOnlyDictionary<byte, (ushort BaseAddress, ushort[] Registers)> units,
        IEnumerable<(byte? Unit, ushort Start, ushort Count, byte Code)>? exceptions = null,
        int delayMs = 0,
        int dropAtRequest = 0)
    {
        var map = new Dictionary<string, object>
        {
            ["units"] = units.ToDictionary(u => u.Key.ToString(CultureInfo.InvariantCulture), u => (object)new { @base = u.Value.BaseAddress, registers = u.Value.Registers }),
            ["exceptions"] = (exceptions ?? []).Select(e => (object)(e.Unit is { } unit
                ? new { unit = (int)unit, start = (int)e.Start, count = (int)e.Count, code = (int)e.Code }
                : new { start = (int)e.Start, count = (int)e.Count, code = (int)e.Code })).ToArray(),
            ["delayMs"] = delayMs,
            ["dropAtRequest"] = dropAtRequest,
        };
        var mapPath = Path.Combine(Path.GetTempPath(), $"sunspec-map-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(mapPath, JsonSerializer.Serialize(map));
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script());
        info.ArgumentList.Add("--map");
        info.ArgumentList.Add(mapPath);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        var peer = new SunSpecPeer(process, mapPath);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                peer._lines.Writer.TryComplete();
            }
            else
            {
                peer._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = await peer.NextLineAsync();
        if (!ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The Modbus peer said '{ready}' instead of 'ready <port>'.");
        }

        peer.Port = int.Parse(ready.AsSpan(6), CultureInfo.InvariantCulture);
        return peer;
    }

    public static Task<SunSpecPeer> StartAsync(byte unit, ushort baseAddress, ushort[] registers, int delayMs = 0, int dropAtRequest = 0,
        IEnumerable<(byte? Unit, ushort Start, ushort Count, byte Code)>? exceptions = null) =>
        StartAsync(new Dictionary<byte, (ushort, ushort[])> { [unit] = (baseAddress, registers) }, exceptions, delayMs, dropAtRequest);

    /// <summary>Registers as the server holds them (read through its own command, not through Modbus).</summary>
    public async Task<ushort[]> GetAsync(byte unit, ushort address, int count)
    {
        var line = await CommandAsync($"get {unit} {address} {count}");
        return [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => ushort.Parse(v, CultureInfo.InvariantCulture))];
    }

    public Task SetAsync(byte unit, ushort address, params ushort[] values) =>
        CommandAsync($"set {unit} {address} {string.Join(' ', values)}");

    public Task DelayAsync(int milliseconds) => CommandAsync($"delay {milliseconds}");

    /// <summary>Drops every connection at the <paramref name="n"/>-th request from now, leaving it unanswered.</summary>
    public Task DropAtAsync(int n) => CommandAsync($"drop-at {n}");

    public Task DropNowAsync() => CommandAsync("drop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
            _commands.Dispose();
            File.Delete(_mapPath);
        }
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "peers", "sunspec-modbus-server.mjs");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tools/peers/sunspec-modbus-server.mjs not found above the test output directory.");
    }

    private async Task<string> CommandAsync(string command)
    {
        await _commands.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            return await NextLineAsync();
        }
        finally
        {
            _commands.Release();
        }
    }

    private async Task<string> NextLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _lines.Reader.ReadAsync(timeout.Token);
    }
}
