using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OpenVpp.IntegrationTests;

/// <summary>`openvpp ocpp listen` with a real strict charge point (npm ocpp-rpc, tools/peers/ocpp-station.mjs).</summary>
public sealed class OcppListenTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Listen_prints_messages_and_readings_as_json_lines_and_limits_a_booting_station()
    {
        using var stop = new CancellationTokenSource();
        var output = new LiveWriter();
        using var error = new StringWriter();
        var run = CliRunner.RunLiveAsync(output, error, stop.Token, "ocpp", "listen", "--port", "0", "--listen", "127.0.0.1", "--limit-w", "3680", "--json");
        try
        {
            var listening = await output.WaitForAsync(l => (string?)l["type"] == "listening", Patience);
            var port = (int)listening["port"]!;
            using var peer = StartPeer(port);
            await Send(peer, """{"cmd":"call","action":"BootNotification","payload":{"chargePointVendor":"ACME","chargePointModel":"Wallbox 11"}}""");
            await Send(peer, """{"cmd":"call","action":"MeterValues","payload":{"connectorId":1,"meterValue":[{"timestamp":"2026-11-25T12:00:00Z","sampledValue":[{"value":"12.5","measurand":"Energy.Active.Import.Register","unit":"kWh"},{"value":"7.2","measurand":"Power.Active.Import","unit":"kW"}]}]}}""");
            await Send(peer, """{"cmd":"raw","text":"[2,\"x1\",\"MakeCoffee\",{}]"}""");

            var booted = await output.WaitForAsync(l => (string?)l["type"] == "booted", Patience);
            Assert.Equal("CP-L", (string?)booted["station"]);
            var reading = await output.WaitForAsync(l => (string?)l["type"] == "reading", Patience);
            Assert.Equal(12_500, (long)reading["imported_wh"]!);
            Assert.Equal(-7_200, (int)reading["power_w"]!);
            var refused = await output.WaitForAsync(l => (string?)l["action"] == "MakeCoffee", Patience);
            Assert.Equal("NotImplemented", (string?)refused["error_code"]);
            var limit = await output.WaitForAsync(l => (string?)l["type"] == "limit", Patience);
            Assert.Equal(3680, (int)limit["limit_w"]!);
            Assert.Equal("Accepted", (string?)limit["status"]);
            peer.StandardInput.Close();
            await peer.WaitForExitAsync().WaitAsync(Patience);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await run.WaitAsync(Patience));
    }

    [Fact]
    public async Task Listen_with_a_password_lets_in_only_stations_that_present_it()
    {
        const string password = "listen-password-0123";
        using var stop = new CancellationTokenSource();
        var output = new LiveWriter();
        using var error = new StringWriter();
        var run = CliRunner.RunLiveAsync(output, error, stop.Token, "ocpp", "listen", "--port", "0", "--listen", "127.0.0.1", "--password", password, "--json");
        try
        {
            var listening = await output.WaitForAsync(l => (string?)l["type"] == "listening", Patience);
            var port = (int)listening["port"]!;
            using var impostor = StartPeer(port, "wrong-password-0123", out var refused);
            Assert.StartsWith("refused 401", await refused.WaitAsync(Patience), StringComparison.Ordinal);
            impostor.StandardInput.Close();
            using var missing = StartPeer(port, null, out var refusedToo);
            Assert.StartsWith("refused 401", await refusedToo.WaitAsync(Patience), StringComparison.Ordinal);
            missing.StandardInput.Close();

            using var peer = StartPeer(port, password, out var ready);
            Assert.Equal("ready ocpp1.6", await ready.WaitAsync(Patience));
            await Send(peer, """{"cmd":"call","action":"BootNotification","payload":{"chargePointVendor":"ACME","chargePointModel":"Wallbox 11"}}""");
            var booted = await output.WaitForAsync(l => (string?)l["type"] == "booted", Patience);
            Assert.Equal("CP-L", (string?)booted["station"]);
            peer.StandardInput.Close();
            await peer.WaitForExitAsync().WaitAsync(Patience);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await run.WaitAsync(Patience));
        Assert.Contains("401", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listen_refuses_a_short_password_as_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("ocpp", "listen", "--password", "short");
        Assert.Equal(2, code);
        Assert.Contains("16 to 40", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listen_refuses_a_negative_limit_as_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("ocpp", "listen", "--limit-w", "-5");
        Assert.Equal(2, code);
        Assert.Contains("--limit-w", error, StringComparison.Ordinal);
    }

    private static Process StartPeer(int port) => StartPeer(port, null, out _);

    // The peer's first line ("ready ocpp1.6" or "refused <status> ...") completes firstLine.
    private static Process StartPeer(int port, string? password, out Task<string> firstLine)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoRoot.Combine(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { RepoRoot.Combine("tools", "peers", "ocpp-station.mjs"), "--url", $"ws://127.0.0.1:{port}/ocpp", "--id", "CP-L", "--protocols", "ocpp1.6" })
        {
            start.ArgumentList.Add(a);
        }

        if (password is not null)
        {
            start.ArgumentList.Add("--password");
            start.ArgumentList.Add(password);
        }

        var process = Process.Start(start)!;
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && !line.StartsWith('{'))
            {
                first.TrySetResult(line);
            }
        };
        process.BeginOutputReadLine();
        firstLine = first.Task;
        return process;
    }

    private static async Task Send(Process peer, string command)
    {
        await peer.StandardInput.WriteLineAsync(command);
        await peer.StandardInput.FlushAsync();
    }

    /// <summary>Standard output of the command as it is written, parsed as JSON lines on demand.</summary>
    private sealed class LiveWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }
        }

        public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan patience)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < patience)
            {
                string text;
                lock (_gate)
                {
                    text = ToString();
                }

                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject o && match(o))
                    {
                        return o;
                    }
                }

                await Task.Delay(50);
            }

            string all;
            lock (_gate)
            {
                all = ToString();
            }

            Assert.Fail($"ocpp listen did not print the expected line within {patience.TotalSeconds} s; it printed:{Environment.NewLine}{all}");
            throw new InvalidOperationException();
        }
    }
}
