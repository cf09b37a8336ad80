namespace OpenVpp.Cli.Hosting;

/// <summary>Clean-up of scratch directories that must never fail the command that made them.</summary>
internal static class TempDirectory
{
    /// <summary>Deletes <paramref name="dir"/> and its contents; a file still held open leaves it behind, silently.</summary>
    public static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Still in use (a child process not yet gone); the OS temp cleaner gets it.
        }
    }
}
