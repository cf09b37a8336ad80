using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Contracts;

/// <summary>A deployed contract: views through eth_call, transactions through a caller's sender, events by name.</summary>
public abstract class ContractBinding(EthRpcClient rpc, EthAddress address, ContractArtifact artifact)
{
    public EthAddress Address { get; } = address;

    protected EthRpcClient Rpc { get; } = rpc;

    protected ContractArtifact Artifact { get; } = artifact;

    /// <summary>Call data for <paramref name="function"/> (for gas estimates and batching).</summary>
    public byte[] Encode(string function, params object?[] arguments) => Artifact.Abi.Function(function).EncodeCall(arguments);

    /// <summary>Whether <paramref name="log"/> is this contract's <paramref name="eventName"/>.</summary>
    public bool IsEvent(LogEntry log, string eventName)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Address == Address && log.Is(Artifact.Abi.Event(eventName));
    }

    /// <summary>Topic 0 of an event, for log filters.</summary>
    public byte[] Topic(string eventName) => Artifact.Abi.Event(eventName).Topic0;

    public object?[] DecodeEvent(LogEntry log, string eventName)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Decode(Artifact.Abi.Event(eventName));
    }

    protected async Task<object?[]> CallAsync(string function, BlockParameter block, CancellationToken cancellationToken, params object?[] arguments)
    {
        var abi = Artifact.Abi.Function(function);
        var result = await Rpc.CallAsync(new CallRequest { To = Address, Data = abi.EncodeCall(arguments) }, block, cancellationToken).ConfigureAwait(false);
        return abi.DecodeReturn(result);
    }

    protected Task<TransactionReceipt> SendAsync(TransactionSender sender, string function, CancellationToken cancellationToken, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return sender.SendAndWaitAsync(Address, Encode(function, arguments), BigInteger.Zero, null, cancellationToken);
    }
}
