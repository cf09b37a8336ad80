namespace OpenVpp.IntegrationTests;

/// <summary>The repository root (the directory holding OpenVpp.slnx), found from the test's output directory.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Combine(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenVpp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OpenVpp.slnx above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
