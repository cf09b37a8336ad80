namespace OpenVpp.Core.Tests.TestSupport;

/// <summary>Finds the repository root (the directory holding OpenVpp.slnx) from the test's output directory.</summary>
public static class RepoRoot
{
    public const string MarkerFile = "OpenVpp.slnx";

    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, MarkerFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No {MarkerFile} found above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
