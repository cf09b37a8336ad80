namespace OpenVpp.Node.Chain;

/// <summary>
/// The loop the indexer and the oracle share: run one pass, then wait the poll interval, or back off (2, 4, … 30 s)
/// after failures so an unreachable chain is not hammered. Waits run on real time: the chain's blocks do not follow
/// the node's (possibly accelerated) clock.
/// </summary>
internal static class ChainPollLoop
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(Func<CancellationToken, Task> pass, TimeSpan pollInterval, Action<Exception, int> onFailure, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                onFailure(e, failures);
            }

            var delay = failures == 0 ? pollInterval : TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 1 << Math.Min(failures, 5)));
            await Task.Delay(delay, TimeProvider.System, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
