using System.Numerics;
using OpenVpp.Chain.Reverts;

namespace OpenVpp.Chain.Transactions;

/// <summary>Settings of a <see cref="TransactionSender"/>.</summary>
public sealed record TransactionSenderOptions
{
    /// <summary>1 gwei: anvil's and geth's own suggestion on an idle chain.</summary>
    public static readonly BigInteger DefaultFallbackPriorityFee = 1_000_000_000;

    /// <summary>Decodes reverts; give it the errors of the contracts in use so custom errors come out by name.</summary>
    public RevertDecoder RevertDecoder { get; init; } = RevertDecoder.Default;

    /// <summary>
    /// Gas limit = estimate × (100 + margin) / 100. 20 % covers state that changes between estimate and inclusion
    /// (another transaction touching the same storage) without paying for much unused gas.
    /// </summary>
    public int GasLimitMarginPercent { get; init; } = 20;

    /// <summary>
    /// maxFeePerGas = multiplier × latest base fee + tip. Two survives six full blocks in a row (each may raise the
    /// base fee by 12.5 %), and only the actual base fee is ever charged.
    /// </summary>
    public int BaseFeeMultiplier { get; init; } = 2;

    /// <summary>The tip when the node does not answer <c>eth_maxPriorityFeePerGas</c>.</summary>
    public BigInteger FallbackPriorityFeePerGas { get; init; } = DefaultFallbackPriorityFee;

    /// <summary>How often <see cref="TransactionSender.WaitForReceiptAsync"/> asks for the receipt.</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long waiting for a receipt may take by default.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(RevertDecoder);
        ArgumentOutOfRangeException.ThrowIfNegative(GasLimitMarginPercent, nameof(GasLimitMarginPercent));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(GasLimitMarginPercent, 1000, nameof(GasLimitMarginPercent));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseFeeMultiplier, 1, nameof(BaseFeeMultiplier));
        ArgumentOutOfRangeException.ThrowIfNegative(FallbackPriorityFeePerGas.Sign, nameof(FallbackPriorityFeePerGas));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReceiptPollInterval, TimeSpan.Zero, nameof(ReceiptPollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReceiptTimeout, TimeSpan.Zero, nameof(ReceiptTimeout));
    }
}
