namespace OpenVpp.Chain.Hosting;

/// <summary>How <see cref="AnvilProcess"/> runs anvil.</summary>
public sealed record AnvilOptions
{
    /// <summary>anvil's default, and what wallets expect of a local dev chain.</summary>
    public const ulong DefaultChainId = 31337;

    /// <summary>
    /// The anvil executable, normally &lt;repo&gt;/node_modules/.bin/anvil (installed by <c>npm ci</c> from
    /// @foundry-rs/anvil, whose launcher forwards SIGTERM to the real binary).
    /// </summary>
    public required string ExecutablePath { get; init; }

    public ulong ChainId { get; init; } = DefaultChainId;

    /// <summary>Osaka brings the P256VERIFY precompile (EIP-7951), which device signature checks use on chain.</summary>
    public string Hardfork { get; init; } = "osaka";

    /// <summary>Mine a block every interval (whole seconds); null mines one block per transaction, instantly.</summary>
    public TimeSpan? BlockTime { get; init; }

    /// <summary>
    /// Load the chain from this file at start and save it there periodically and on a clean stop, so a restarted
    /// node keeps its chain. Null keeps the chain in memory only.
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>How often the state is saved while running (whole seconds); only with <see cref="StateFile"/>.</summary>
    public TimeSpan StateInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A fixed port on 127.0.0.1; null picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>How long anvil may take to answer eth_chainId after starting.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long anvil may take to exit after SIGTERM (it saves its state then) before it is killed.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    internal IReadOnlyList<string> Arguments(int port)
    {
        List<string> arguments =
        [
            "--host", "127.0.0.1",
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--chain-id", ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--hardfork", Hardfork,
            "--silent",
        ];
        if (BlockTime is { } blockTime)
        {
            arguments.AddRange(["--block-time", WholeSeconds(blockTime, nameof(BlockTime))]);
        }

        if (StateFile is not null)
        {
            arguments.AddRange(["--state", StateFile, "--state-interval", WholeSeconds(StateInterval, nameof(StateInterval))]);
        }

        return arguments;
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ExecutablePath, nameof(ExecutablePath));
        ArgumentException.ThrowIfNullOrWhiteSpace(Hardfork, nameof(Hardfork));
        if (!Hardfork.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"\"{Hardfork}\" is not a hardfork name.", nameof(Hardfork));
        }

        ArgumentOutOfRangeException.ThrowIfZero(ChainId, nameof(ChainId));
        if (Port is { } port)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(port, 1, nameof(Port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, nameof(Port));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StartupTimeout, TimeSpan.Zero, nameof(StartupTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownGracePeriod, TimeSpan.Zero, nameof(ShutdownGracePeriod));
        _ = BlockTime is { } blockTime ? WholeSeconds(blockTime, nameof(BlockTime)) : null;
        _ = StateFile is not null ? WholeSeconds(StateInterval, nameof(StateInterval)) : null;
    }

    private static string WholeSeconds(TimeSpan value, string name) =>
        value >= TimeSpan.FromSeconds(1) && value.Ticks % TimeSpan.TicksPerSecond == 0
            ? ((long)value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(name, value, "anvil takes this in whole seconds, at least 1.");
}
