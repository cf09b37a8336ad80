using System.Diagnostics;

namespace OpenVpp.Core.Tests.TestSupport;

/// <summary>
/// Runs a script under tools/ with Node.js, JSON in on stdin and out on stdout, to check our code against an
/// implementation we did not write. Missing node or node_modules is a failure, never a skip: a green run must mean the
/// comparison happened.
/// </summary>
public static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <param name="script">File name under tools/.</param>
    /// <param name="requiredPackage">npm package the script imports, checked for before running.</param>
    /// <param name="stdin">Text written to the script's standard input.</param>
    public static string Run(string script, string requiredPackage, string stdin)
    {
        var path = RepoRoot.Combine("tools", script);
        var package = RepoRoot.Combine(["node_modules", .. requiredPackage.Split('/'), "package.json"]);
        Assert.True(File.Exists(path), $"{path} is missing.");
        Assert.True(
            File.Exists(package),
            $"{requiredPackage} is not installed: run `npm ci` in {RepoRoot.Path} (tests compare against it).");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);

        using var process = StartNode(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node tools/{script} did not finish within {Timeout.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"node tools/{script} exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Could not start `node` ({e.Message}). Install Node.js 20+ and run `npm ci` in {RepoRoot.Path}.");
            throw;
        }
    }
}
