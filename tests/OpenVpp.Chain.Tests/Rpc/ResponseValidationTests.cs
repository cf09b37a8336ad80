using System.Net;
using System.Text;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Tests.Rpc;

/// <summary>
/// Malformed answers that anvil never gives, served by a canned HTTP handler. This checks the client's input
/// validation at the transport boundary; it is not a stand-in for a chain (those tests run against anvil).
/// </summary>
public class ResponseValidationTests
{
    private static async Task<Exception> CallWith(string body, Func<EthRpcClient, Task> call, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var http = new HttpClient(new CannedHandler(status, body));
        using var client = new EthRpcClient(http, new Uri("http://127.0.0.1:9/"), new EthRpcClientOptions { RetryPolicy = RpcRetryPolicy.None });
        return await Assert.ThrowsAnyAsync<Exception>(() => call(client));
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":2,"result":"0x1"}""")] // someone else's id
    [InlineData("""{"jsonrpc":"1.0","id":1,"result":"0x1"}""")]
    [InlineData("""{"id":1,"result":"0x1"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""")] // neither result nor error
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":"0x1","error":{"code":1,"message":"x"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"message":"no code"}}""")]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"result":"0x1"}]""")]
    [InlineData("""not json""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":"0x01"}""")] // quantity with a leading zero
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":1}""")] // a number, not a hex string
    public async Task Rejects_responses_that_break_the_protocol(string body)
    {
        var error = await CallWith(body, c => c.ChainIdAsync());
        Assert.IsType<RpcProtocolException>(error);
    }

    [Fact]
    public async Task A_receipt_with_a_short_block_hash_is_a_protocol_error_naming_the_field()
    {
        const string Body = """
            {"jsonrpc":"2.0","id":1,"result":{"transactionHash":"0x1111111111111111111111111111111111111111111111111111111111111111",
            "blockNumber":"0x1","blockHash":"0x12","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","to":null,"status":"0x1",
            "gasUsed":"0x5208","effectiveGasPrice":"0x1","contractAddress":null,"logs":[]}}
            """;
        var error = await CallWith(Body, c => c.GetTransactionReceiptAsync(new byte[32].Select(_ => (byte)0x11).ToArray()));
        Assert.IsType<RpcProtocolException>(error);
        Assert.Contains("receipt.blockHash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_RPC_error_carried_by_HTTP_500_is_final_and_keeps_its_revert_data()
    {
        const string Body = """{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted","data":{"data":"0x12345678"}}}""";
        var error = Assert.IsType<JsonRpcException>(await CallWith(Body, c => c.ChainIdAsync(), HttpStatusCode.InternalServerError));
        Assert.Equal(3, error.Code);
        Assert.True(error.IsExecutionReverted);
        Assert.Equal(new byte[] { 0x12, 0x34, 0x56, 0x78 }, error.RevertData);
    }

    [Fact]
    public async Task Refuses_a_response_larger_than_the_limit()
    {
        var body = """{"jsonrpc":"2.0","id":1,"result":"0x""" + new string('a', 4096) + "\"}";
        using var http = new HttpClient(new CannedHandler(HttpStatusCode.OK, body));
        using var client = new EthRpcClient(http, new Uri("http://127.0.0.1:9/"), new EthRpcClientOptions { MaxResponseBytes = 1024 });
        await Assert.ThrowsAsync<RpcProtocolException>(() => client.SendAsync("eth_call"));
    }

    [Fact]
    public async Task An_HTTP_404_is_not_retried_because_another_attempt_would_get_the_same()
    {
        var handler = new CannedHandler(HttpStatusCode.NotFound, "no such path");
        using var http = new HttpClient(handler);
        var fast = new RpcRetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) };
        using var client = new EthRpcClient(http, new Uri("http://127.0.0.1:9/wrong"), new EthRpcClientOptions { RetryPolicy = fast });

        var error = await Assert.ThrowsAsync<RpcTransportException>(() => client.ChainIdAsync());

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, handler.Requests);
    }

    private sealed class CannedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
