using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Epochs;
using OpenVpp.Node.Chain;
using OpenVpp.Node.DemandResponse;
using OpenVpp.Node.Epochs;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Node.OpenAdr.Mqtt;
using OpenVpp.Node.Ingest;
using OpenVpp.Node.Registry;
using OpenVpp.Node.Rewards;
using OpenVpp.Storage;
using OpenVpp.Storage.Chain;
using OpenVpp.Storage.OpenAdr;
using OpenVpp.Storage.Rewards;
using OpenVpp.Storage.Sqlite;

namespace OpenVpp.Node;

internal static class NodeServiceCollectionExtensions
{
    /// <summary>The node's modules over the embedded SQLite store.</summary>
    public static IServiceCollection AddNodeServices(this IServiceCollection services, NodeOptions options, TimeProvider time)
    {
        var database = new SqliteDatabase(options.DataDir);
        database.Initialise();
        services.AddSingleton(options);
        services.AddSingleton(new NodeClock(time));
        services.AddSingleton(new EpochSchedule(options.Genesis, options.EpochLength));
        services.AddSingleton(database);
        services.AddSingleton<IDeviceStore, SqliteDeviceStore>();
        services.AddSingleton<IReadingStore, SqliteReadingStore>();
        services.AddSingleton<IEpochStore, SqliteEpochStore>();
        services.AddSingleton<IReadingWriter>(sp => new SqliteReadingWriter(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton(sp => new IngestStats(sp.GetRequiredService<NodeClock>().UtcNow));
        services.AddSingleton(LoadStartState);
        services.AddSingleton<IngestService>();
        services.AddSingleton<EpochProofs>();
        services.AddSingleton<EpochSealer>();
        services.AddHostedService(sp => sp.GetRequiredService<EpochSealer>());
        services.AddSingleton<IRewardStore, SqliteRewardStore>();
        services.AddSingleton<IChainIndexStore, SqliteChainIndexStore>();
        services.AddSingleton<RewardTreeCache>();
        // The OpenADR 3.1 VTN: its own store beside node.db, auth, object logic, change feed and webhooks.
        services.AddSingleton(new SqliteOpenAdrStore(options.DataDir));
        services.AddSingleton(time);
        services.AddSingleton<OpenAdrAuth>();
        services.AddSingleton<OpenAdrVisibility>();
        services.AddSingleton<OpenAdrFeed>();
        services.AddSingleton<OpenAdrVtn>();
        services.AddHttpClient(nameof(OpenAdrWebhooks), http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<OpenAdrWebhooks>();
        if (options.OpenAdrMqttPort is { } mqttPort)
        {
            var host = new Uri(options.Url).Host;
            services.AddSingleton(new OpenAdrMqttOptions(mqttPort, AllInterfaces: host is "0.0.0.0" or "[::]" or "*" or "+"));
            services.AddSingleton<OpenAdrMqttBroker>();
            services.AddHostedService(sp => sp.GetRequiredService<OpenAdrMqttBroker>());
            services.AddHostedService<OpenAdrMqttNotifier>();
        }

        services.AddSingleton<DemandResponseService>();
        if (options.DemandResponse.Enabled)
        {
            services.AddHostedService(sp => sp.GetRequiredService<DemandResponseService>());
        }

        if (options.Chain is { } chain)
        {
            services.AddSingleton(chain);
            services.AddSingleton(_ => new ChainContext(chain));
            services.AddSingleton<ChainIndexer>();
            services.AddHostedService(sp => sp.GetRequiredService<ChainIndexer>());
            services.AddSingleton<FlexibilityCredits>();
            services.AddSingleton<RewardsOracle>();
            services.AddHostedService(sp => sp.GetRequiredService<RewardsOracle>());
        }

        return services;
    }

    /// <summary>Loads what the node keeps in memory before the first request: the registry and ingest state.</summary>
    public static void InitialiseNode(this IServiceProvider services)
    {
        var registry = services.GetRequiredService<DeviceRegistry>();
        foreach (var device in services.GetRequiredService<IDeviceStore>().LoadAllAsync().GetAwaiter().GetResult())
        {
            registry.Add(device);
        }

        var state = services.GetRequiredService<NodeStartState>();
        _ = services.GetRequiredService<IngestService>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NodeApplication));
        var path = services.GetRequiredService<SqliteDatabase>().Path;
        var deviceCount = registry.Count;
        var withReadings = state.DeviceStates.Count;
        NodeLog.StoreOpened(logger, path, deviceCount, withReadings, state.LastSealedEpoch);
    }

    private static NodeStartState LoadStartState(IServiceProvider services)
    {
        var readings = services.GetRequiredService<IReadingStore>();
        var epochs = services.GetRequiredService<IEpochStore>();
        var schedule = services.GetRequiredService<EpochSchedule>();
        var now = services.GetRequiredService<NodeClock>().UtcNow;

        // Epochs before this node's first start are not sealed: they could hold nothing, and sealing thousands of
        // empty epochs back to genesis would only add noise.
        const string firstEpochKey = "first_epoch";
        var firstEpoch = epochs.GetSettingAsync(firstEpochKey).GetAwaiter().GetResult();
        if (firstEpoch is null)
        {
            // With a chain the ledger expects every epoch from the one it was deployed for, so sealing starts there.
            var chain = services.GetRequiredService<NodeOptions>().Chain;
            firstEpoch = chain is not null ? chain.Manifest.FirstEpoch : Math.Max(0, schedule.IndexAt(now));
            epochs.SetSettingAsync(firstEpochKey, firstEpoch.Value).GetAwaiter().GetResult();
        }

        if (services.GetRequiredService<NodeOptions>().Chain is { } chainOptions)
        {
            CheckSameDeployment(epochs, chainOptions.Manifest);
        }

        return new NodeStartState(
            readings.LoadDeviceStatesAsync().GetAwaiter().GetResult(),
            readings.GetLatestAcceptedAtAsync().GetAwaiter().GetResult(),
            epochs.GetLastSealedAsync().GetAwaiter().GetResult(),
            firstEpoch.Value);
    }

    /// <summary>
    /// A node's store belongs to one deployment: its chain index, epoch commits and reward balances mean nothing
    /// against other contracts. The first start with a chain records which; later starts must match.
    /// </summary>
    private static void CheckSameDeployment(IEpochStore epochs, OpenVpp.Chain.Deployment.DeploymentManifest manifest)
    {
        const string chainKey = "chain_id";
        const string ledgerKey = "chain_ledger";
        const string firstEpochKey = "chain_first_epoch";
        var ledger = OpenVpp.Chain.Crypto.EthAddress.Parse(manifest.Contracts.EpochLedger).ToArray();
        var ledgerTag = BitConverter.ToInt64(ledger, 0);
        var storedChain = epochs.GetSettingAsync(chainKey).GetAwaiter().GetResult();
        var storedLedger = epochs.GetSettingAsync(ledgerKey).GetAwaiter().GetResult();
        var storedFirst = epochs.GetSettingAsync(firstEpochKey).GetAwaiter().GetResult();
        if (storedChain is null && storedLedger is null)
        {
            epochs.SetSettingAsync(chainKey, manifest.ChainId).GetAwaiter().GetResult();
            epochs.SetSettingAsync(ledgerKey, ledgerTag).GetAwaiter().GetResult();
            epochs.SetSettingAsync(firstEpochKey, manifest.FirstEpoch).GetAwaiter().GetResult();
            return;
        }

        // A redeployment on a fresh local chain reuses the same addresses, so the first epoch tells the two apart.
        if (storedChain != manifest.ChainId || storedLedger != ledgerTag || storedFirst != manifest.FirstEpoch)
        {
            throw new InvalidOperationException(
                $"This node's data belongs to another deployment (chain {storedChain}, first epoch {storedFirst}) than the manifest's " +
                $"(chain {manifest.ChainId}, ledger {manifest.Contracts.EpochLedger}, first epoch {manifest.FirstEpoch}). " +
                "Its chain index, commits and reward balances would not fit those contracts: start the node with a new --data directory, or with the manifest it was started with.");
        }
    }
}
