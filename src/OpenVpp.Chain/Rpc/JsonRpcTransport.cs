using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace OpenVpp.Chain.Rpc;

/// <summary>
/// One JSON-RPC 2.0 call over HTTP POST: writes the request, retries transport failures per
/// <see cref="RpcRetryPolicy"/>, and checks the response envelope (version, id, exactly one of result and error).
/// </summary>
internal sealed class JsonRpcTransport(
    HttpClient http,
    Uri endpoint,
    RpcRetryPolicy retryPolicy,
    int maxResponseBytes,
    ILogger logger,
    TimeProvider time)
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private long _nextId;

    public async Task<JsonElement> SendAsync(string method, JsonArray? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = WriteRequest(id, method, parameters);
        for (var attempt = 1; ; attempt++)
        {
            var (result, failure) = await AttemptAsync(id, method, body, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return result;
            }

            if (!failure.Retryable || attempt >= retryPolicy.MaxAttempts)
            {
                RpcLog.GaveUp(logger, method, attempt, failure.Reason);
                throw new RpcTransportException(method, attempt, failure.StatusCode, failure.Cause);
            }

            var delay = retryPolicy.DelayBefore(attempt, Random.Shared);
            if (failure.RetryAfter is { } retryAfter)
            {
                // The server's own hint wins when it asks for longer, but never beyond the policy's ceiling.
                delay = TimeSpan.FromTicks(Math.Min(Math.Max(delay.Ticks, retryAfter.Ticks), retryPolicy.MaxDelay.Ticks));
            }

            RpcLog.Retrying(logger, method, attempt, retryPolicy.MaxAttempts, failure.Reason, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The result, or what went wrong in transport; JSON-RPC errors and protocol violations are thrown.</summary>
    private async Task<(JsonElement Result, Failure? Failure)> AttemptAsync(long id, string method, byte[] body, CancellationToken cancellationToken)
    {
        using var attemptTimeout = new CancellationTokenSource(retryPolicy.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            var content = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            return Interpret(id, method, response, content);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var timeout = new TimeoutException($"{method} took longer than {retryPolicy.AttemptTimeout.TotalSeconds:0.###} s.", e);
            return (default, new Failure(timeout, $"timed out after {retryPolicy.AttemptTimeout.TotalMilliseconds:0} ms", null, null));
        }
        catch (HttpRequestException e)
        {
            return (default, new Failure(e, e.Message, e.StatusCode, null));
        }
        catch (IOException e)
        {
            // The connection broke while the body was being read (HttpIOException and the like).
            return (default, new Failure(e, e.Message, null, null));
        }
    }

    private static (JsonElement Result, Failure? Failure) Interpret(long id, string method, HttpResponseMessage response, byte[] content)
    {
        var status = response.StatusCode;
        if (status == HttpStatusCode.OK)
        {
            return (JsonRpcEnvelope.ReadResult(id, method, content), null);
        }

        // 429 is transient by definition. A 5xx that carries a proper JSON-RPC error for this id came from the node
        // itself (some servers use 500 for JSON-RPC errors), so it is final; any other 5xx is the path to the node.
        var code = (int)status;
        if (code != 429 && JsonRpcEnvelope.TryReadError(id, method, content) is { } refusal)
        {
            throw refusal;
        }

        var error = new HttpRequestException($"HTTP {code} ({response.ReasonPhrase}) from the JSON-RPC endpoint.", null, status);
        var transient = code == 429 || code >= 500;
        return (default, new Failure(error, $"HTTP {code}", status, transient ? RetryAfter(response) : null) { Retryable = transient });
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero ? delta : null;

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxResponseBytes)
        {
            throw new RpcProtocolException($"The node's response is {content.Headers.ContentLength} bytes; the limit is {maxResponseBytes}.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxResponseBytes)
                {
                    throw new RpcProtocolException($"The node's response exceeds the limit of {maxResponseBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static byte[] WriteRequest(long id, string method, JsonArray? parameters)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            if (parameters is null)
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            }
            else
            {
                parameters.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>What went wrong in one attempt; <see cref="Cause"/> becomes the inner exception if retries run out.</summary>
    private sealed record Failure(Exception Cause, string Reason, HttpStatusCode? StatusCode, TimeSpan? RetryAfter)
    {
        /// <summary>False for answers that another attempt would not change, like HTTP 404 for a wrong path.</summary>
        public bool Retryable { get; init; } = true;
    }
}
