using System.Diagnostics;

namespace OpenVpp.Chain.Tests.Support;

/// <summary>
/// Runs Foundry's <c>cast</c> from the repository's node_modules: an implementation independent of ours, so a
/// test that agrees with it is not just checking our code against itself.
/// </summary>
internal static class Cast
{
    private static readonly Lazy<string> Executable = new(() => Repository.NodeTool("cast"));

    /// <summary>Runs cast with the given arguments and returns its trimmed standard output; fails the test on error.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cast did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"cast {string.Join(' ', arguments)} did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            Assert.Fail($"cast {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result.Trim();
    }
}
