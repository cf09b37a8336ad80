using System.Net.Sockets;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Hosting;

/// <summary>Each test here starts its own anvil, apart from the shared one, because it stops it.</summary>
public class AnvilProcessTests
{
    [Fact]
    public async Task Dispose_stops_anvil_and_its_launchers_child_and_frees_the_port()
    {
        var anvil = await AnvilProcess.StartAsync(AnvilFixture.Options() with { ChainId = 4242 });
        var launcher = anvil.ProcessId;
        var children = ChildrenOf(launcher);
        var port = anvil.Port;
        using (var client = anvil.CreateClient())
        {
            Assert.Equal(4242UL, await client.ChainIdAsync());
        }

        await anvil.DisposeAsync();

        Assert.False(IsRunning(launcher));
        Assert.All(children, c => Assert.False(IsRunning(c), $"child {c} of the launcher still runs"));
        using var socket = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task A_missing_executable_tells_the_user_to_run_npm_ci()
    {
        var options = AnvilFixture.Options() with { ExecutablePath = Path.Combine(Path.GetTempPath(), "no-such-dir", "anvil") };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => AnvilProcess.StartAsync(options));

        Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anvil_that_exits_at_once_reports_its_output()
    {
        var options = AnvilFixture.Options() with { Hardfork = "nosuchfork" };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AnvilProcess.StartAsync(options));

        Assert.Contains("exited", error.Message, StringComparison.Ordinal);
        Assert.Contains("nosuchfork", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_state_file_carries_the_chain_across_a_restart()
    {
        var state = Path.Combine(Path.GetTempPath(), $"openvpp-anvil-{Guid.NewGuid():N}.json");
        try
        {
            var options = AnvilFixture.Options() with { StateFile = state, StateInterval = TimeSpan.FromSeconds(60) };
            var account = AnvilDevAccounts.Key(3).Address;
            ulong height;
            await using (var first = await AnvilProcess.StartAsync(options))
            {
                using var client = first.CreateClient();
                await new AnvilRpc(client).SetBalanceAsync(account, 777);
                await new AnvilRpc(client).MineAsync(5);
                height = await client.BlockNumberAsync();
            }

            // Saved on SIGTERM, well before the 60 s interval: a clean stop must not lose the chain.
            await using var second = await AnvilProcess.StartAsync(options);
            using var again = second.CreateClient();
            Assert.Equal(height, await again.BlockNumberAsync());
            Assert.Equal(777, (int)await again.GetBalanceAsync(account));
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.5)]
    public async Task Block_time_must_be_whole_seconds(double seconds)
    {
        var options = AnvilFixture.Options() with { BlockTime = TimeSpan.FromSeconds(seconds) };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AnvilProcess.StartAsync(options));
    }

    private static List<int> ChildrenOf(int pid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => int.TryParse(n, out _))
            .Select(int.Parse!)
            .Where(p => ParentOf(p) == pid)];

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Running, and not a zombie waiting for a parent that will never reap it.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
