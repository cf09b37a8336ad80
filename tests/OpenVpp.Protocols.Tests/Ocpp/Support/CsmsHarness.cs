using OpenVpp.Protocols.Ocpp.Transport;

namespace OpenVpp.Protocols.Tests.Ocpp.Support;

/// <summary>A CSMS on a free loopback port with every event it raised kept for assertions.</summary>
public sealed class CsmsHarness : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<OcppCsmsEvent> _events = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private CsmsHarness(OcppCsms csms) => Csms = csms;

    public OcppCsms Csms { get; }

    public int Port => Csms.Port;

    public static async Task<CsmsHarness> StartAsync(OcppCsmsOptions? options = null)
    {
        var csms = new OcppCsms((options ?? new OcppCsmsOptions()) with { Port = 0, ListenAddress = "127.0.0.1" });
        var harness = new CsmsHarness(csms);
        csms.StationEvent += (_, e) =>
        {
            lock (harness._events)
            {
                harness._events.Add(e);
            }

            harness._arrived.Release();
        };
        await csms.StartAsync(CancellationToken.None);
        return harness;
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string what)
        where T : OcppCsmsEvent
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            lock (_events)
            {
                var found = _events.OfType<T>().FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }
            }

            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_events)
                {
                    Assert.Fail($"the CSMS did not report {what} within {Patience.TotalSeconds} s; it reported: {string.Join(" | ", _events)}");
                }
            }
        }
    }

    public IReadOnlyList<T> All<T>()
        where T : OcppCsmsEvent
    {
        lock (_events)
        {
            return [.. _events.OfType<T>()];
        }
    }

    public async ValueTask DisposeAsync() => await Csms.DisposeAsync();
}
