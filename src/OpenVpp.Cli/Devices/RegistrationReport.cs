namespace OpenVpp.Cli.Devices;

/// <summary>The document `openvpp device register --json` prints (snake_case); field names are a contract with scripts.</summary>
internal sealed record RegistrationReport(
    string Owner,
    string Gateway,
    string Keystore,
    string? Site,
    int Devices,
    int Registered,
    int AlreadyRegistered,
    int AlreadyOwnedByOthers,
    ulong TotalGas,
    IReadOnlyList<RegistrationBatchReport> Batches);

/// <summary>One registerDevices transaction.</summary>
internal sealed record RegistrationBatchReport(int Batch, int Devices, string TransactionHash, ulong GasUsed, ulong GasPerDevice, ulong BlockNumber)
{
    public static RegistrationBatchReport Of(RegistrationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(batch.Index, batch.Devices, batch.TransactionHashHex, batch.GasUsed, batch.GasPerDevice, batch.BlockNumber);
    }
}
