using System.Numerics;
using Microsoft.Extensions.Logging;
using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Transactions;

/// <summary>EIP-1559 fee fields for the next transaction, and the padded gas limit.</summary>
internal static class FeeEstimator
{
    public static async Task<Fees> EstimateAsync(EthRpcClient rpc, TransactionSenderOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var tipTask = PriorityFeeAsync(rpc, options, logger, cancellationToken);
        var blockTask = rpc.GetBlockAsync(BlockParameter.Latest, cancellationToken);
        await Task.WhenAll(tipTask, blockTask).ConfigureAwait(false);
        var block = await blockTask.ConfigureAwait(false) ?? throw new RpcProtocolException("The node has no latest block.");
        var baseFee = block.BaseFeePerGas
            ?? throw new NotSupportedException($"Block {block.Number} has no baseFeePerGas: the chain does not support EIP-1559 transactions.");
        var tip = await tipTask.ConfigureAwait(false);
        return new Fees(tip, (baseFee * options.BaseFeeMultiplier) + tip, block.GasLimit);
    }

    /// <summary>estimate × (100 + margin) / 100, rounded up, but never above what a block can hold.</summary>
    public static ulong PadGas(ulong estimate, int marginPercent, ulong blockGasLimit)
    {
        var padded = ((UInt128)estimate * (ulong)(100 + marginPercent) + 99) / 100;
        return (ulong)UInt128.Max(estimate, UInt128.Min(padded, blockGasLimit));
    }

    private static async Task<BigInteger> PriorityFeeAsync(EthRpcClient rpc, TransactionSenderOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await rpc.MaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonRpcException e)
        {
            // Not every node implements it (it is not in the original spec); a fixed tip is the usual stand-in.
            TransactionLog.PriorityFeeFallback(logger, e.RpcMessage);
            return options.FallbackPriorityFeePerGas;
        }
    }

    internal readonly record struct Fees(BigInteger MaxPriorityFeePerGas, BigInteger MaxFeePerGas, ulong BlockGasLimit);
}
