using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace OpenVpp.Chain.Tests.Support;

/// <summary>What the proxy does with one request.</summary>
public enum ProxyFault
{
    /// <summary>Forward it and relay anvil's answer.</summary>
    None,

    /// <summary>Answer 503 without forwarding: the node never sees the request.</summary>
    FailBeforeForwarding,

    /// <summary>Forward it, then answer 503 instead of anvil's reply: the node acted but the answer was lost.</summary>
    FailAfterForwarding,
}

/// <summary>
/// A transport-fault injector, not a chain mock: it sits between the client and the real anvil on loopback and can
/// only lose requests or answers (HTTP 503). Every answer that does reach the client is anvil's own, byte for byte.
/// </summary>
internal sealed class FaultInjectingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly Func<int, string, ProxyFault> _plan;
    private readonly ConcurrentQueue<string> _methods = new();
    private readonly Task _loop;
    private int _count;

    /// <param name="target">anvil's endpoint.</param>
    /// <param name="plan">Given the 0-based request index and its JSON-RPC method, what to do with it.</param>
    public FaultInjectingProxy(Uri target, Func<int, string, ProxyFault> plan)
    {
        _target = target;
        _plan = plan;
        var port = FreePort();
        Uri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Uri.ToString());
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Uri { get; }

    /// <summary>The JSON-RPC methods of all requests received, in arrival order.</summary>
    public IReadOnlyList<string> Methods => [.. _methods];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }

        _upstream.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var bytes = body.ToArray();
        var method = MethodOf(bytes);
        _methods.Enqueue(method);
        var fault = _plan(Interlocked.Increment(ref _count) - 1, method);
        var response = context.Response;
        try
        {
            if (fault == ProxyFault.FailBeforeForwarding)
            {
                response.StatusCode = 503;
                return;
            }

            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new("application/json");
            using var answer = await _upstream.PostAsync(_target, content);
            var answerBytes = await answer.Content.ReadAsByteArrayAsync();
            if (fault == ProxyFault.FailAfterForwarding)
            {
                response.StatusCode = 503;
                return;
            }

            response.StatusCode = (int)answer.StatusCode;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(answerBytes);
        }
        finally
        {
            response.Close();
        }
    }

    private static string MethodOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("method").GetString() ?? "?";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "?";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
