namespace OpenVpp.Gateway.Configuration;

/// <summary>A configuration file that cannot be used; <see cref="Problems"/> lists every problem found, each naming its key.</summary>
public sealed class GatewayConfigException : Exception
{
    public GatewayConfigException(string path, IReadOnlyList<string> problems)
        : base($"{path}: {problems.Count} problem(s) in the gateway configuration:{Environment.NewLine}  - " +
               string.Join(Environment.NewLine + "  - ", problems))
    {
        Path = path;
        Problems = problems;
    }

    public GatewayConfigException()
        : this("(config)", ["unknown"])
    {
    }

    public GatewayConfigException(string message)
        : this("(config)", [message])
    {
    }

    public GatewayConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "(config)";
        Problems = [message];
    }

    public string Path { get; } = "(config)";

    public IReadOnlyList<string> Problems { get; } = [];
}
