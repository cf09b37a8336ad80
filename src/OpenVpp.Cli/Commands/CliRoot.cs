using System.CommandLine;

namespace OpenVpp.Cli.Commands;

/// <summary>The openvpp command tree; one file per command.</summary>
internal static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            """
            OpenVPP: a decentralized virtual power plant network.
            Devices join through gateways, sign their readings at the edge; nodes verify, store and commit them per epoch.

            Start here:
              openvpp up                 run a node and a gateway with a simulated fleet on this machine
              openvpp demo --json        run a whole accelerated scenario and print a JSON report
              openvpp wallet new --name alice
                                         create a wallet to register devices and claim OVPP rewards with
            """);
        root.Add(UpCommand.Create());
        root.Add(NodeCommand.Create());
        root.Add(GatewayCommand.Create());
        root.Add(DemoCommand.Create());
        root.Add(VerifyEpochCommand.Create());
        root.Add(BenchCommand.Create());
        root.Add(WalletCommand.Create());
        root.Add(DeviceCommand.Create());
        root.Add(DeployCommand.Create());
        root.Add(ChallengeCommand.Create());
        root.Add(SunSpecCommand.Create());
        root.Add(P1Command.Create());
        root.Add(PeersCommand.Create());
        root.Add(OcppCommand.Create());
        root.Add(OperatorCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line that does not parse (unknown option, missing or
    /// malformed value) exits with 2, the usage-error code, so scripts can tell it from a command that failed (1).
    /// </summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, InvocationConfiguration configuration, CancellationToken cancel = default)
    {
        var parse = Create().Parse(args);
        var code = await parse.InvokeAsync(configuration, cancel).ConfigureAwait(false);
        return parse.Errors.Count > 0 && code == CommandErrors.Failure ? CommandErrors.UsageError : code;
    }
}
