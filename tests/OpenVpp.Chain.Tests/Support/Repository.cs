namespace OpenVpp.Chain.Tests.Support;

/// <summary>Paths inside the repository the tests run from: the npm tools and the compiled contracts.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(LocateRoot);

    public static string Root => RootPath.Value;

    /// <summary>node_modules/.bin/&lt;name&gt;; fails the test with the fix when it is missing.</summary>
    public static string NodeTool(string name)
    {
        var path = Path.Combine(Root, "node_modules", ".bin", name);
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: run `npm ci` in {Root} to install the reference tools.");
        }

        return path;
    }

    /// <summary>contracts/out/&lt;name&gt;.json; fails the test with the fix when it is missing.</summary>
    public static string Artifact(string name)
    {
        var path = Path.Combine(Root, "contracts", "out", name + ".json");
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: run `node tools/compile-contracts.mjs` in {Root}.");
        }

        return path;
    }

    private static string LocateRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenVpp.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            Assert.Fail($"No OpenVpp.slnx above {AppContext.BaseDirectory}; cannot find the repository root.");
        }

        return directory.FullName;
    }
}
