using System.Numerics;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Core.Tests.Rewards;

/// <summary>Devices, owners and readings for the reward tests.</summary>
public static class RewardFixtures
{
    public static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    public static readonly DateTimeOffset EpochStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly AccountAddress Alice = AccountAddress.Parse("0xa11ce00000000000000000000000000000000001");
    public static readonly AccountAddress Bob = AccountAddress.Parse("0xb0b0000000000000000000000000000000000002");

    // Alice: rooftop PV, grid meter and a household load sub-meter. Bob: a 10 kWh battery and PV.
    public static readonly DeviceId AlicePv = Device(0x11);
    public static readonly DeviceId AliceMeter = Device(0x12);
    public static readonly DeviceId AliceLoad = Device(0x13);
    public static readonly DeviceId BobBattery = Device(0x21);
    public static readonly DeviceId BobPv = Device(0x22);

    public static DeviceId Device(int n)
    {
        var bytes = new byte[DeviceId.Length];
        bytes[0] = (byte)(n >> 8);
        bytes[1] = (byte)(n & 0xFF);
        bytes[^1] = 0xDE;
        return new DeviceId(bytes);
    }

    public static AccountAddress Owner(int n)
    {
        var bytes = new byte[AccountAddress.Length];
        bytes[^2] = (byte)(n >> 8);
        bytes[^1] = (byte)(n & 0xFF);
        return new AccountAddress(bytes);
    }

    public static BigInteger Units(string decimalBaseUnits) => BigInteger.Parse(decimalBaseUnits, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The reading for the quarter hour <paramref name="sequence"/> of the epoch.</summary>
    public static Reading Quarterly(DeviceId device, ulong sequence, long exportedWh, long importedWh = 0) =>
        Reading(device, sequence, exportedWh, importedWh, EpochStart + TimeSpan.FromTicks(Quarter.Ticks * (long)sequence), Quarter);

    public static Reading Reading(DeviceId device, ulong sequence, long exportedWh, long importedWh, DateTimeOffset start, TimeSpan duration) =>
        new(device, sequence, start, start + duration, importedWh, exportedWh, 0, 0, null, null, ReadingStatus.None);

    public static Dictionary<DeviceId, DeviceRewardProfile> Profiles(params DeviceRewardProfile[] profiles) =>
        profiles.ToDictionary(p => p.Id);

    /// <summary>The worked example: Alice and Bob with five devices; see <see cref="ContributionScorerTests"/>.</summary>
    public static Dictionary<DeviceId, DeviceRewardProfile> ExampleProfiles() => Profiles(
        new DeviceRewardProfile(AlicePv, Alice, DeviceKind.SolarInverter, 0),
        new DeviceRewardProfile(AliceMeter, Alice, DeviceKind.GridMeter, 0),
        new DeviceRewardProfile(AliceLoad, Alice, DeviceKind.HouseholdLoad, 0),
        new DeviceRewardProfile(BobBattery, Bob, DeviceKind.Battery, 10_000),
        new DeviceRewardProfile(BobPv, Bob, DeviceKind.SolarInverter, 0));

    /// <summary>
    /// One hour of quarter-hour readings. Alice's PV produces 2,000 Wh and her meter exports 1,000 Wh (and imports
    /// 900 Wh, which earns nothing); her load sub-meter reports 4 readings. Bob's battery is online the whole hour
    /// (its charge and discharge earn nothing); his PV reports only 2 of 4 readings, 3,000 Wh in all.
    /// </summary>
    public static List<Reading> ExampleReadings() =>
    [
        Quarterly(AlicePv, 0, 500), Quarterly(AlicePv, 1, 700), Quarterly(AlicePv, 2, 800), Quarterly(AlicePv, 3, 0),
        Quarterly(AliceMeter, 0, 300, 200), Quarterly(AliceMeter, 1, 400, 100), Quarterly(AliceMeter, 2, 0, 600), Quarterly(AliceMeter, 3, 300),
        Quarterly(AliceLoad, 0, 0, 250), Quarterly(AliceLoad, 1, 0, 250), Quarterly(AliceLoad, 2, 0, 250), Quarterly(AliceLoad, 3, 0, 250),
        Quarterly(BobBattery, 0, 0, 2_000), Quarterly(BobBattery, 1, 0, 1_000), Quarterly(BobBattery, 2, 1_500), Quarterly(BobBattery, 3, 1_500),
        Quarterly(BobPv, 0, 1_500), Quarterly(BobPv, 1, 1_500),
    ];

    /// <summary>A fleet of random size and output: profiles for every device and up to a few readings each.</summary>
    public static (Dictionary<DeviceId, DeviceRewardProfile> Profiles, List<Reading> Readings) RandomFleet(int seed, int deviceCount)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<DeviceKind>();
        var profiles = new Dictionary<DeviceId, DeviceRewardProfile>();
        var readings = new List<Reading>();
        for (var d = 0; d < deviceCount; d++)
        {
            var id = Device(d + 1);
            var kind = kinds[random.Next(kinds.Length)];
            profiles[id] = new DeviceRewardProfile(id, Owner(random.Next(1, 1 + Math.Max(1, deviceCount / 3))), kind, kind == DeviceKind.Battery ? random.Next(1_000, 20_000) : 0);
            var count = random.Next(0, 7);
            for (var s = 0; s < count; s++)
            {
                readings.Add(Quarterly(id, (ulong)s, random.Next(0, 3_000), random.Next(0, 3_000)));
            }
        }

        return (profiles, readings);
    }
}
