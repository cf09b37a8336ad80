using System.CommandLine;
using OpenVpp.Cli.Commands;

// Ctrl-C and SIGTERM cancel the command's token; hosts then get this long to stop cleanly before the process ends.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await CliRoot.InvokeAsync(args, invocation).ConfigureAwait(false);
