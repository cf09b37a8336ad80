using System.Diagnostics;
using System.Reflection;

namespace OpenVpp.Cli.Hosting;

/// <summary>Starts this same CLI as a child process (node, gateway, load generator), however it was launched.</summary>
internal static class SelfLauncher
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable is running.");
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };

        // Under `dotnet openvpp.dll` the process is the dotnet host, so the entry assembly must be named again.
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.FileName = processPath;
            info.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry && entry.EndsWith("openvpp.dll", StringComparison.Ordinal)
                ? entry
                : Path.Combine(AppContext.BaseDirectory, "openvpp.dll"));
        }
        else if (Path.GetFileNameWithoutExtension(processPath).Equals("openvpp", StringComparison.Ordinal))
        {
            info.FileName = processPath;
        }
        else
        {
            // Hosted by something else (a test runner): run the CLI assembly that sits beside us.
            info.FileName = "dotnet";
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "openvpp.dll"));
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return info;
    }
}
