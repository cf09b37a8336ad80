namespace OpenVpp.Chain.Tests.Abi;

/// <summary>Finds the repository root (the directory holding OpenVpp.slnx) by walking up from the test binaries.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OpenVpp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OpenVpp.slnx above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
