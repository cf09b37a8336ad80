using System.CommandLine;
using OpenVpp.Cli.Commands;

namespace OpenVpp.IntegrationTests;

/// <summary>Runs the openvpp command tree in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var stdout = Console.Out;
        var stderr = Console.Error;
        await Gate.WaitAsync();
        try
        {
            // Commands write to Console; swap it for the duration of one run (runs are serialised by the gate).
            Console.SetOut(output);
            Console.SetError(error);
            var code = await CliRoot.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Gate.Release();
        }
    }

    /// <summary>
    /// Runs a long-lived command (a listener) until <paramref name="cancel"/> fires, with its standard output going to
    /// <paramref name="output"/> as it is written, so the test can act on what it prints.
    /// </summary>
    public static async Task<int> RunLiveAsync(TextWriter output, TextWriter error, CancellationToken cancel, params string[] args)
    {
        var stdout = Console.Out;
        var stderr = Console.Error;
        await Gate.WaitAsync(CancellationToken.None);
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            return await CliRoot.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error }, cancel);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Gate.Release();
        }
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
}
