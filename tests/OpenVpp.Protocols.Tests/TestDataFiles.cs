namespace OpenVpp.Protocols.Tests;

/// <summary>Paths of files under TestData/, copied beside the test assembly.</summary>
internal static class TestDataFiles
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static byte[] Read(params string[] parts) => File.ReadAllBytes(PathOf(parts));
}
