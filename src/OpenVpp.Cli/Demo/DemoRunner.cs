using System.Diagnostics;
using System.Globalization;
using OpenVpp.Cli.Chain;
using OpenVpp.Cli.Hosting;
using OpenVpp.Cli.Verification;
using OpenVpp.Core.Epochs;
using OpenVpp.Core.Time;

namespace OpenVpp.Cli.Demo;

/// <summary>
/// Runs a whole scenario as production would: a node process and a gateway process on loopback, sharing an
/// accelerated clock; optionally injects forged, replayed and implausible readings and crashes each process
/// mid-run; then checks everything the gateway produced is stored once and every epoch root recomputes.
/// </summary>
internal sealed class DemoRunner(DemoSettings settings, Action<string> progress)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StartUpAllowance = TimeSpan.FromSeconds(4);

    public async Task<DemoReport> RunAsync(CancellationToken cancel)
    {
        var wall = Stopwatch.StartNew();
        var nodeDir = Path.Combine(settings.DataDir, "node");
        var gatewayDir = Path.Combine(settings.DataDir, "gateway");
        var logDir = Path.Combine(settings.DataDir, "logs");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var origin = DemoSettings.Origin;
        var end = origin + TimeSpan.FromHours(settings.Hours);
        // The simulated origin is reached a few seconds from now, so both processes are up and the fleet is
        // registered before the first interval ends; until then simulated time runs just before the origin.
        var clock = new AcceleratedTimeProvider(origin, DateTimeOffset.UtcNow + StartUpAllowance, settings.Speed);
        var schedule = new EpochSchedule(origin, settings.EpochLength);

        await using var chain = await LocalChain.StartAsync(Path.Combine(settings.DataDir, "chain"), 0, persistent: false, progress, cancel)
            .ConfigureAwait(false);
        var valueLayer = new DemoValueLayer(chain, progress);
        await valueLayer.MeasureBatchRegistrationAsync(cancel).ConfigureAwait(false);
        string[] nodeArgs =
        [
            "node", "--data", nodeDir, "--url", url, "--epoch-length", Seconds(settings.EpochLength),
            "--genesis", Iso(origin), "--seal-check", Seconds(RealToSimulated(TimeSpan.FromSeconds(0.25))), .. ClockArguments(clock),
            "--manifest", chain.ManifestPath, "--oracle-wallet", LocalChain.OracleWallet, "--confirmations", "0",
            "--reading-interval", Seconds(settings.Interval),
        ];
        string[] gatewayArgs =
        [
            "gateway", "--data", gatewayDir, "--node", url, "--devices", Invariant(settings.Devices), "--seed", Invariant(settings.Seed),
            "--interval", Seconds(settings.Interval), "--origin", Iso(origin), "--until", Iso(end), "--max-backoff", Seconds(RealToSimulated(TimeSpan.FromSeconds(1))),
            .. ClockArguments(clock),
        ];

        using var client = NodeClient.For(url);
        using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        DemoPeakEvent? peak = null;
        if (settings.Scenario == DemoPeakEvent.Name)
        {
            // The gateway polls its VTN on the accelerated clock: 5 simulated minutes is about 0.2 s real at 1440x.
            (peak, var venArguments) = DemoPeakEvent.Prepare(http, settings.DataDir, nodeDir, gatewayDir, url, origin, settings.EpochLength, TimeSpan.FromMinutes(5));
            gatewayArgs = [.. gatewayArgs, .. venArguments];
        }

        var injector = new FaultInjector(http, Path.Combine(gatewayDir, "keystore.json"));
        var node = await StartNodeAsync(nodeArgs, logDir, client, cancel).ConfigureAwait(false);
        var gateway = ChildProcess.Start("gateway", gatewayArgs, Path.Combine(logDir, "gateway.log"));
        try
        {
            await valueLayer.RegisterSitesAsync(gatewayDir, TimeSpan.FromSeconds(60), cancel).ConfigureAwait(false);
            var faults = settings.Faults ? FaultPlan(origin, end) : new List<(DateTimeOffset At, string Kind)>();
            var lastReport = TimeSpan.Zero;
            while (clock.GetUtcNow() < end)
            {
                cancel.ThrowIfCancellationRequested();
                while (faults.Count > 0 && clock.GetUtcNow() >= faults[0].At)
                {
                    var (_, kind) = faults[0];
                    faults.RemoveAt(0);
                    switch (kind)
                    {
                        case "readings":
                            progress("injecting forged, replayed and implausible readings");
                            if (!await injector.InjectReadingsAsync(5, clock.GetUtcNow(), cancel).ConfigureAwait(false))
                            {
                                // Nothing stored yet to forge from (a slow start): try again a little later.
                                faults.Add((clock.GetUtcNow() + TimeSpan.FromMinutes(15), kind));
                                faults.Sort((a, b) => a.At.CompareTo(b.At));
                            }

                            break;
                        case "gateway_restart":
                            progress("crashing the gateway (SIGKILL), restarting it in 1.5 s");
                            await gateway.CrashAsync().ConfigureAwait(false);
                            await gateway.DisposeAsync().ConfigureAwait(false);
                            injector.CountEvent(kind);
                            await Task.Delay(TimeSpan.FromSeconds(1.5), cancel).ConfigureAwait(false);
                            gateway = ChildProcess.Start("gateway", gatewayArgs, Path.Combine(logDir, "gateway.log"));
                            break;
                        case "node_restart":
                            progress("crashing the node (SIGKILL), restarting it in 2 s");
                            await node.CrashAsync().ConfigureAwait(false);
                            await node.DisposeAsync().ConfigureAwait(false);
                            injector.CountEvent(kind);
                            await Task.Delay(TimeSpan.FromSeconds(2), cancel).ConfigureAwait(false);
                            node = await StartNodeAsync(nodeArgs, logDir, client, cancel).ConfigureAwait(false);
                            break;
                    }
                }

                if (peak is { Published: false } && clock.GetUtcNow() >= peak.PublishAt)
                {
                    await peak.PublishAsync(clock.GetUtcNow(), progress, cancel).ConfigureAwait(false);
                }

                if (wall.Elapsed - lastReport > TimeSpan.FromSeconds(2))
                {
                    lastReport = wall.Elapsed;
                    var stats = await TryStatsAsync(client, cancel).ConfigureAwait(false);
                    progress(string.Create(CultureInfo.InvariantCulture,
                        $"simulated {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC ({Percent(clock.GetUtcNow(), origin, end)} %), stored readings: {stats?.Stored.Readings.ToString(CultureInfo.InvariantCulture) ?? "node restarting"}"));
                }

                await Task.Delay(Poll, cancel).ConfigureAwait(false);
            }

            progress("simulated time is up; waiting for the gateway's outbox to drain");
            await WaitForDrainAsync(gatewayDir, end, cancel).ConfigureAwait(false);

            // Everything is accepted by now; once the epoch holding this instant is sealed, the epochs hold it all.
            var lastEpoch = schedule.IndexAt(clock.GetUtcNow());
            progress($"waiting for the node to seal epoch {lastEpoch}");
            await WaitUntilAsync(async () => await client.GetEpochAsync(lastEpoch, cancel).ConfigureAwait(false) is not null, DrainTimeout, cancel).ConfigureAwait(false);

            progress($"waiting for the oracle to commit epoch {lastEpoch} on chain");
            await valueLayer.WaitForCommitsAsync(lastEpoch, DrainTimeout, cancel).ConfigureAwait(false);

            progress("verifying every epoch's root from its exported readings");
            var audit = await DemoAudit.CollectAsync(client, lastEpoch, cancel).ConfigureAwait(false);
            var epochs = new List<DemoEpoch>(audit.Epochs.Count);
            var commitGas = new List<long>();
            foreach (var epoch in audit.Epochs)
            {
                // The ledger can hold a commit a moment before the node has recorded its receipt.
                Node.Api.EpochView? view = null;
                await WaitUntilAsync(
                    async () => (view = await client.GetEpochAsync(epoch.Index, cancel).ConfigureAwait(false))?.CommitTx is not null,
                    TimeSpan.FromSeconds(30),
                    cancel).ConfigureAwait(false);
                var onChain = await valueLayer.VerifyOnChainAsync(client, epoch.Index, cancel).ConfigureAwait(false);
                epochs.Add(epoch with { CommitTx = view?.CommitTx, RewardRoot = view?.RewardRoot, ChainVerified = onChain });
                // Steady state: the ledger's first commit also writes its slots for the first time, and an epoch that
                // issues nothing leaves the token's root and supply untouched; neither is the typical commit.
                if (view?.CommitGas is { } gas and > 0 && epoch.Index > audit.Epochs[0].Index && view.Issued is not (null or "0"))
                {
                    commitGas.Add(gas);
                }
            }

            DemoDemandResponse? dr = null;
            if (peak is not null)
            {
                progress("collecting the node's measurement of each demand-response event");
                dr = await peak.CollectAsync(TimeSpan.FromSeconds(60), cancel).ConfigureAwait(false);
            }

            progress("owners claim their rewards");
            var (rewards, claimGas, transferGas) = await valueLayer.ClaimAllAsync(new Uri(url), cancel).ConfigureAwait(false);
            var (perDevice, perDeviceSites, siteBatch) = valueLayer.RegistrationGas();
            commitGas.Sort();
            await gateway.StopAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
            await node.StopAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);

            var produced = await DemoAudit.ReadProducedAsync(gatewayDir, cancel).ConfigureAwait(false);
            var lost = produced.Valid.LongCount(bytes => !audit.Stored.Contains(Convert.ToHexString(bytes)));
            var rejected = new Dictionary<string, long>(injector.Rejected);
            foreach (var (reason, count) in produced.RejectedByReason)
            {
                rejected[reason] = rejected.GetValueOrDefault(reason) + count;
            }

            return new DemoReport(
                settings.Devices,
                settings.Seed,
                settings.Hours,
                new DemoReadings(produced.Valid.Count + produced.RejectedByReason.Values.Sum() + injector.Sent, audit.Stored.Count, rejected, lost),
                new DemoFaults(injector.Injected, injector.DetectedAsExpected),
                epochs,
                audit.Energy,
                Math.Round(wall.Elapsed.TotalSeconds, 1),
                settings.DataDir,
                valueLayer.Describe(),
                rewards,
                new DemoGas(perDevice, perDeviceSites, siteBatch, commitGas.Count == 0 ? 0 : commitGas[commitGas.Count / 2], claimGas, transferGas))
            {
                Dr = dr,
            };
        }
        finally
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static List<(DateTimeOffset At, string Kind)> FaultPlan(DateTimeOffset origin, DateTimeOffset end)
    {
        var span = end - origin;
        return new List<(DateTimeOffset, string)>(
        [
            (origin + (span * 0.30), "readings"),
            (origin + (span * 0.40), "gateway_restart"),
            (origin + (span * 0.60), "node_restart"),
            (origin + (span * 0.75), "readings"),
        ]);
    }

    private static async Task<ChildProcess> StartNodeAsync(string[] arguments, string logDir, NodeClient client, CancellationToken cancel)
    {
        var node = ChildProcess.Start("node", arguments, Path.Combine(logDir, "node.log"));
        await WaitUntilAsync(
            async () => node.HasExited ? throw new InvalidOperationException($"The node exited at start (code {node.ExitCode}); see {Path.Combine(logDir, "node.log")}.")
                : await client.IsHealthyAsync(cancel).ConfigureAwait(false),
            TimeSpan.FromSeconds(60),
            cancel).ConfigureAwait(false);
        return node;
    }

    private static async Task WaitForDrainAsync(string gatewayDir, DateTimeOffset end, CancellationToken cancel)
    {
        await WaitUntilAsync(
            async () => await DemoAudit.IsDrainedAsync(gatewayDir, end, cancel).ConfigureAwait(false),
            DrainTimeout,
            cancel).ConfigureAwait(false);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s; the logs under the demo's data directory say why.");
            }

            await Task.Delay(Poll, cancel).ConfigureAwait(false);
        }
    }

    private static async Task<Node.Api.NodeStats?> TryStatsAsync(NodeClient client, CancellationToken cancel)
    {
        try
        {
            return await client.GetStatsAsync(cancel).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    // Timers in the child processes run on the accelerated clock; these are their periods in simulated time.
    private TimeSpan RealToSimulated(TimeSpan real) => real * settings.Speed;

    private static IEnumerable<string> ClockArguments(AcceleratedTimeProvider clock) => Commands.ClockOptions.Arguments(clock);

    private static string Iso(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => Invariant(Math.Max(1, (long)span.TotalSeconds)) + "s";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Percent(DateTimeOffset now, DateTimeOffset origin, DateTimeOffset end) =>
        (int)Math.Clamp(100 * (now - origin) / (end - origin), 0, 100);

}
