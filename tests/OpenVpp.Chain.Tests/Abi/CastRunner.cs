using System.Diagnostics;

namespace OpenVpp.Chain.Tests.Abi;

/// <summary>
/// Runs Foundry's <c>cast</c> from node_modules (package.json pins it) as an independent ABI implementation.
/// A missing binary fails the test on purpose: a silently skipped cross-check is no cross-check.
/// </summary>
internal static class CastRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Run(params string[] arguments)
    {
        var cast = Path.Combine(RepoRoot.Path, "node_modules", ".bin", "cast");
        if (!File.Exists(cast))
        {
            throw new InvalidOperationException($"cast not found at {cast}; run `npm ci` in {RepoRoot.Path} first.");
        }

        var start = new ProcessStartInfo(cast)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot.Path,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cast did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cast {string.Join(' ', arguments)} took longer than {Timeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cast {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result.Trim();
    }
}
