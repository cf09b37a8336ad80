using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpenVpp.Gateway.DemandResponse;

/// <summary>
/// Runs <see cref="SetpointExecutor"/> for the gateway's lifetime: once a second of the gateway's clock (so an
/// instruction starts within a second of its start time), and at once whenever the instructions change.
/// </summary>
internal sealed class SetpointExecutorService(
    SetpointExecutor executor,
    DispatchInstructions instructions,
    TimeProvider time,
    ILogger<SetpointExecutorService> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        instructions.Changed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var now = time.GetUtcNow();
                    await executor.ReconcileAsync(now, stoppingToken).ConfigureAwait(false);
                    instructions.Prune(now - TimeSpan.FromDays(1));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The executor already contains device errors; this is a bug, and the next tick tries again.
                    logger.LogError(ex, "Demand response: reconciling setpoints failed; trying again in {Tick}", Tick);
                }

                using var delay = new CancellationTokenSource(Tick, time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, delay.Token);
                try
                {
                    await _wake.WaitAsync(either.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            instructions.Changed -= Wake;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another change woke it first; one wake is enough.
            }
        }
    }
}
