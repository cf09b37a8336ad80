namespace OpenVpp.Cli.Peers;

/// <summary>
/// Finds the Node.js protocol peers in tools/peers/ (npm modbus-serial, ocpp-rpc): the same scripts the tests use as
/// independent implementations, here serving a simulated home.
/// </summary>
internal static class PeerScripts
{
    public static string Find(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "peers", name);
                if (File.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "node_modules")))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"tools/peers/{name} was not found with its node_modules: run openvpp peers from the repository through ./openvpp (it installs the npm packages).");
    }
}
