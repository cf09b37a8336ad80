namespace OpenVpp.Cli.Peers;

/// <summary>One protocol peer serving part of a <see cref="SimulatedHomeModel"/> until cancelled.</summary>
internal interface IHomePeer
{
    /// <summary>What it serves and where, for the start-up listing.</summary>
    string Description { get; }

    /// <summary>Serves the home's current values every <paramref name="period"/>; reports trouble through <paramref name="log"/>.</summary>
    Task RunAsync(SimulatedHomeModel home, TimeSpan period, Action<string> log, CancellationToken cancel);
}
