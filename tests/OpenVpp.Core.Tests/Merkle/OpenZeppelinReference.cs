using System.Diagnostics;
using System.Text.Json;
using OpenVpp.Core.Tests.TestSupport;

namespace OpenVpp.Core.Tests.Merkle;

/// <summary>
/// Runs tools/merkle-vectors.mjs, which builds the same tree with OpenZeppelin's own JavaScript library, so the C#
/// tree is checked against an implementation we did not write. Missing node or node_modules is a failure, never a skip:
/// a green run must mean the comparison happened.
/// </summary>
public static class OpenZeppelinReference
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record Result(string Root, IReadOnlyDictionary<string, string[]> Proofs);

    public static Result Compute(IEnumerable<byte[]> leaves)
    {
        var script = RepoRoot.Combine("tools", "merkle-vectors.mjs");
        var package = RepoRoot.Combine("node_modules", "@openzeppelin", "merkle-tree", "package.json");
        Assert.True(File.Exists(script), $"{script} is missing.");
        Assert.True(
            File.Exists(package),
            $"@openzeppelin/merkle-tree is not installed: run `npm ci` in {RepoRoot.Path} (the Merkle tests compare against it).");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);

        using var process = StartNode(start);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(leaves.Select(l => Hex.To0x(l)).ToArray()));
        process.StandardInput.Close();

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node tools/merkle-vectors.mjs did not finish within {Timeout.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"node tools/merkle-vectors.mjs exited with {process.ExitCode}: {stderr.Result}");
        using var json = JsonDocument.Parse(stdout.Result);
        var root = json.RootElement.GetProperty("root").GetString()!;
        var proofs = json.RootElement.GetProperty("proofs").EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
            StringComparer.Ordinal);
        return new Result(root, proofs);
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
