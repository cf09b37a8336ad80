namespace OpenVpp.Cli.Chain;

/// <summary>Finds anvil: $OPENVPP_ANVIL, else node_modules/.bin/anvil in the repository the CLI was built from.</summary>
internal static class AnvilLocator
{
    public const string Variable = "OPENVPP_ANVIL";

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } explicitPath)
        {
            return explicitPath;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "anvil");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"anvil was not found: run ./openvpp from the repository (it installs the npm packages), or set {Variable} to the anvil executable.");
    }
}
