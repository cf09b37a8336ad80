using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Core.Devices;
using OpenVpp.Storage.Chain;

namespace OpenVpp.Node.Chain;

/// <summary>Turns the value layer's event logs (in block order) into an index batch.</summary>
internal sealed class ChainLogDecoder(ChainContext chain)
{
    public ChainIndexBatch Decode(IReadOnlyList<LogEntry> logs, bool reset, long headBlock, byte[] headHash, DateTimeOffset now)
    {
        var registrations = new List<ChainDeviceRegistration>();
        var deactivations = new List<DeviceId>();
        var owners = new List<ChainOwnerChange>();
        var commits = new List<ChainEpochCommit>();
        var disputes = new List<ChainEpochDispute>();
        var claims = new List<ChainClaim>();
        foreach (var log in logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
        {
            if (log.Removed)
            {
                continue;
            }

            if (chain.Registry.IsEvent(log, DeviceRegistryContract.DeviceRegisteredEvent))
            {
                var v = chain.Registry.DecodeEvent(log, DeviceRegistryContract.DeviceRegisteredEvent);
                byte[] key = [.. (byte[])v[3]!, .. (byte[])v[4]!];
                var id = DeviceId.FromPublicKey(key);
                var kind = (DeviceKind)(byte)(BigInteger)v[5]!;
                var record = new DeviceRecord(
                    id,
                    key,
                    new EthAddress((byte[])v[1]!).ToString(),
                    Enum.IsDefined(kind) ? kind : DeviceKind.HouseholdLoad,
                    (long)(BigInteger)v[6]!,
                    (long)(BigInteger)v[7]!,
                    OnChainDevice.DecodeRegion((byte[])v[8]!),
                    new EthAddress((byte[])v[2]!).ToString(),
                    now);
                registrations.Add(new ChainDeviceRegistration(record, (long)log.BlockNumber));
            }
            else if (chain.Registry.IsEvent(log, DeviceRegistryContract.DeviceDeactivatedEvent))
            {
                var v = chain.Registry.DecodeEvent(log, DeviceRegistryContract.DeviceDeactivatedEvent);
                deactivations.Add(new DeviceId((byte[])v[0]!));
            }
            else if (chain.Registry.IsEvent(log, DeviceRegistryContract.TransferEvent))
            {
                var v = chain.Registry.DecodeEvent(log, DeviceRegistryContract.TransferEvent);
                var from = new EthAddress((byte[])v[0]!);
                if (from != default)
                {
                    // Token id = uint160(device id): the indexed topic's last 20 bytes are the device id.
                    owners.Add(new ChainOwnerChange(new DeviceId(log.Topics[3].AsSpan(32 - DeviceId.Length)), new EthAddress((byte[])v[1]!).ToString()));
                }
            }
            else if (chain.Ledger.IsEvent(log, EpochLedgerContract.EpochCommittedEvent))
            {
                var v = chain.Ledger.DecodeEvent(log, EpochLedgerContract.EpochCommittedEvent);
                commits.Add(new ChainEpochCommit(
                    (long)(BigInteger)v[0]!, (byte[])v[1]!, (byte[])v[2]!, (BigInteger)v[4]!, log.TransactionHash, (long)log.BlockNumber));
            }
            else if (chain.Ledger.IsEvent(log, EpochLedgerContract.EpochDisputedEvent))
            {
                var v = chain.Ledger.DecodeEvent(log, EpochLedgerContract.EpochDisputedEvent);
                disputes.Add(new ChainEpochDispute((long)(BigInteger)v[0]!, Disputed: true));
            }
            else if (chain.Ledger.IsEvent(log, EpochLedgerContract.DisputeResolvedEvent))
            {
                var v = chain.Ledger.DecodeEvent(log, EpochLedgerContract.DisputeResolvedEvent);
                disputes.Add(new ChainEpochDispute((long)(BigInteger)v[0]!, Disputed: false, CorrectedDataRoot: (byte[])v[1]!));
            }
            else if (chain.Token.IsEvent(log, OvppTokenContract.TransferEvent))
            {
                // A claim pays from the reward pool, which is the token contract's own balance.
                var v = chain.Token.DecodeEvent(log, OvppTokenContract.TransferEvent);
                if (new EthAddress((byte[])v[0]!) == chain.Token.Address)
                {
                    claims.Add(new ChainClaim(log.TransactionHash, (int)log.LogIndex, (long)log.BlockNumber, (byte[])v[1]!, (BigInteger)v[2]!));
                }
            }
        }

        return new ChainIndexBatch(reset, headBlock, headHash, registrations, deactivations, owners, commits, disputes, claims);
    }
}
