using System.Net;
using Microsoft.Extensions.Logging;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Tests.Support;

namespace OpenVpp.Chain.Tests.Rpc;

/// <summary>Transport faults injected between the client and the real anvil (see <see cref="FaultInjectingProxy"/>).</summary>
[Collection(AnvilChain.Name)]
public class RetryTests(AnvilFixture chain)
{
    private static readonly RpcRetryPolicy Quick = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
    };

    private static EthRpcClient Client(Uri uri, CapturingLogger<EthRpcClient> logger, RpcRetryPolicy? policy = null) =>
        new(uri, new EthRpcClientOptions { RetryPolicy = policy ?? Quick }, logger);

    [Fact]
    public async Task Retries_HTTP_503_and_then_gets_anvils_answer()
    {
        await using var proxy = new FaultInjectingProxy(chain.Anvil.RpcUri, (i, _) => i < 2 ? ProxyFault.FailBeforeForwarding : ProxyFault.None);
        var logger = new CapturingLogger<EthRpcClient>();
        using var client = Client(proxy.Uri, logger);

        Assert.Equal(chain.Anvil.ChainId, await client.ChainIdAsync());

        Assert.Equal(["eth_chainId", "eth_chainId", "eth_chainId"], proxy.Methods);
        var retries = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, m => Assert.Contains("eth_chainId", m, StringComparison.Ordinal));
        Assert.Contains("HTTP 503", retries[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_retry_a_JSON_RPC_error()
    {
        await using var proxy = new FaultInjectingProxy(chain.Anvil.RpcUri, (_, _) => ProxyFault.None);
        var logger = new CapturingLogger<EthRpcClient>();
        using var client = Client(proxy.Uri, logger);

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => client.SendAsync("openvpp_noSuchMethod"));

        Assert.Equal(-32601, error.Code);
        Assert.Equal("openvpp_noSuchMethod", error.Method);
        Assert.Single(proxy.Methods);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Gives_up_after_the_allowed_attempts_with_a_transport_exception()
    {
        await using var proxy = new FaultInjectingProxy(chain.Anvil.RpcUri, (_, _) => ProxyFault.FailBeforeForwarding);
        var logger = new CapturingLogger<EthRpcClient>();
        using var client = Client(proxy.Uri, logger, Quick with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => client.BlockNumberAsync());

        Assert.Equal(3, error.Attempts);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, proxy.Methods.Count);
    }

    [Fact]
    public async Task Retries_a_refused_connection()
    {
        // A port nothing listens on: connection refused at once, which is a transport failure like any other.
        var logger = new CapturingLogger<EthRpcClient>();
        using var client = Client(new Uri("http://127.0.0.1:1/"), logger, Quick with { MaxAttempts = 2 });

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => client.ChainIdAsync());

        Assert.Equal(2, error.Attempts);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("attempt 1 of 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Backoff_doubles_up_to_the_ceiling_and_keeps_jitter_within_half_to_full()
    {
        var policy = new RpcRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(700) };
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var first = policy.DelayBefore(1, random);
            var third = policy.DelayBefore(3, random);
            var tenth = policy.DelayBefore(10, random);
            Assert.InRange(first.TotalMilliseconds, 50, 100);
            Assert.InRange(third.TotalMilliseconds, 200, 400);
            Assert.InRange(tenth.TotalMilliseconds, 350, 700);
        }
    }
}
