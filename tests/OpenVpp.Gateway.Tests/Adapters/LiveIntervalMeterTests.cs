using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Tests.Adapters;

public sealed class LiveIntervalMeterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Registers_give_the_interval_energy_as_their_difference_from_the_previous_interval()
    {
        var meter = new LiveIntervalMeter("meter");
        meter.Record(new DeviceSample(T0.AddMinutes(-1), new EnergyRegisters(10_000, 500)));
        meter.Record(new DeviceSample(T0.AddMinutes(5), new EnergyRegisters(10_200, 500), PowerW: -900));
        meter.Record(new DeviceSample(T0.AddMinutes(14), new EnergyRegisters(10_250, 530), PowerW: 1200));

        var m = meter.Close(T0, T0.AddMinutes(15))!;

        Assert.Equal(250, m.EnergyImportedWh);
        Assert.Equal(30, m.EnergyExportedWh);
        Assert.Equal((int)Math.Round((30 - 250) * 4.0), m.AveragePowerW);
        Assert.Equal(1200, m.PeakPowerW);
        Assert.Equal(ReadingStatus.None, m.Flags);
    }

    [Fact]
    public void The_first_registers_ever_seen_start_a_partial_interval_and_the_next_interval_is_whole()
    {
        var meter = new LiveIntervalMeter("meter");
        meter.Record(new DeviceSample(T0.AddMinutes(3), new EnergyRegisters(1000, 0)));
        meter.Record(new DeviceSample(T0.AddMinutes(10), new EnergyRegisters(1100, 0)));
        var first = meter.Close(T0, T0.AddMinutes(15))!;
        meter.Record(new DeviceSample(T0.AddMinutes(20), new EnergyRegisters(1300, 0)));
        var second = meter.Close(T0.AddMinutes(15), T0.AddMinutes(30))!;

        Assert.Equal(100, first.EnergyImportedWh);
        Assert.True(first.Flags.HasFlag(ReadingStatus.PartialInterval));
        Assert.Equal(200, second.EnergyImportedWh);
        Assert.False(second.Flags.HasFlag(ReadingStatus.PartialInterval));
    }

    [Fact]
    public void Power_alone_is_held_between_samples_and_a_silent_interval_gives_no_reading()
    {
        var meter = new LiveIntervalMeter("charger");
        meter.Record(new DeviceSample(T0, PowerW: -4000));
        meter.Record(new DeviceSample(T0.AddMinutes(5), PowerW: -8000));
        meter.Record(new DeviceSample(T0.AddMinutes(10), PowerW: 0));

        var m = meter.Close(T0, T0.AddMinutes(15))!;

        // 4 kW for 5 min + 8 kW for 5 min = 333 + 667 Wh drawn.
        Assert.Equal(1000, m.EnergyImportedWh);
        Assert.Equal(0, m.EnergyExportedWh);
        Assert.Equal(8000, m.PeakPowerW);
        Assert.Equal(ReadingStatus.None, m.Flags);
        Assert.Null(meter.Close(T0.AddMinutes(15), T0.AddMinutes(30)));
    }

    [Fact]
    public void A_meter_reset_restarts_the_baseline_instead_of_reporting_negative_energy()
    {
        var meter = new LiveIntervalMeter("meter");
        meter.Record(new DeviceSample(T0.AddMinutes(-1), new EnergyRegisters(50_000, 0)));
        meter.Record(new DeviceSample(T0.AddMinutes(2), new EnergyRegisters(50_100, 0)));
        _ = meter.Close(T0, T0.AddMinutes(15));
        meter.Record(new DeviceSample(T0.AddMinutes(16), new EnergyRegisters(10, 0)));
        meter.Record(new DeviceSample(T0.AddMinutes(20), new EnergyRegisters(60, 0)));

        var m = meter.Close(T0.AddMinutes(15), T0.AddMinutes(30))!;

        Assert.Equal(50, m.EnergyImportedWh);
    }

    [Fact]
    public void State_of_charge_and_faults_come_from_the_interval_samples()
    {
        var meter = new LiveIntervalMeter("battery");
        meter.Record(new DeviceSample(T0.AddMinutes(1), PowerW: 2000, StateOfChargeBp: 5000));
        meter.Record(new DeviceSample(T0.AddMinutes(9), PowerW: 2000, StateOfChargeBp: 4800, Fault: true));

        var m = meter.Close(T0, T0.AddMinutes(15))!;

        Assert.Equal((ushort)4800, m.StateOfChargeBp);
        Assert.True(m.Flags.HasFlag(ReadingStatus.DeviceFault));
        Assert.True(m.Flags.HasFlag(ReadingStatus.PartialInterval));
    }

    [Fact]
    public void A_reset_stamped_after_the_interval_does_not_change_the_interval_still_open()
    {
        var meter = new LiveIntervalMeter("meter");
        meter.Record(new DeviceSample(T0.AddMinutes(-1), new EnergyRegisters(900, 0)));
        meter.Record(new DeviceSample(T0.AddMinutes(14), new EnergyRegisters(1000, 0)));
        meter.Record(new DeviceSample(T0.AddMinutes(15).AddSeconds(30), new EnergyRegisters(5, 0))); // fast clock, new meter

        var open = meter.Close(T0, T0.AddMinutes(15))!;
        meter.Record(new DeviceSample(T0.AddMinutes(20), new EnergyRegisters(60, 0)));
        var next = meter.Close(T0.AddMinutes(15), T0.AddMinutes(30))!;

        Assert.Equal(100, open.EnergyImportedWh);
        Assert.Equal(ReadingStatus.None, open.Flags);
        Assert.Equal(55, next.EnergyImportedWh);
        Assert.True(next.Flags.HasFlag(ReadingStatus.PartialInterval));
    }

    [Fact]
    public void Energy_counted_from_power_is_not_counted_again_when_the_register_comes_back()
    {
        // A charger: power every minute, its register only now and then. 3.6 kW is 900 Wh per 15 minutes.
        var meter = new LiveIntervalMeter("charger");
        var register = 10_000L;
        meter.Record(new DeviceSample(T0.AddMinutes(-1), new EnergyRegisters(register, 0)));
        var intervals = new List<IntervalMeasurement>();
        for (var i = 0; i < 4; i++)
        {
            var start = T0.AddMinutes(15 * i);
            for (var m = 0; m < 15; m++)
            {
                meter.Record(new DeviceSample(start.AddMinutes(m), PowerW: -3600));
            }

            if (i == 3)
            {
                meter.Record(new DeviceSample(start.AddMinutes(14), new EnergyRegisters(register + 3600, 0)));
            }

            intervals.Add(meter.Close(start, start.AddMinutes(15))!);
        }

        Assert.All(intervals, m => Assert.Equal(900, m.EnergyImportedWh));
        Assert.Equal(3600, intervals.Sum(m => m.EnergyImportedWh));
    }

    [Fact]
    public void After_an_outage_the_gap_energy_is_not_put_into_one_interval()
    {
        var meter = new LiveIntervalMeter("meter");
        meter.Record(new DeviceSample(T0.AddMinutes(-1), new EnergyRegisters(1_000, 0), PowerW: -2000));
        _ = meter.Close(T0.AddMinutes(-15), T0);

        // Two hours later the cable is back at 12:07 (relative), 2 kW import all along: 4,000 Wh went unseen.
        var back = T0.AddHours(2);
        for (var m = 7; m < 15; m++)
        {
            meter.Record(new DeviceSample(back.AddMinutes(m), new EnergyRegisters(5_000 + ((m - 7) * 33), 0), PowerW: -2000));
        }

        var first = meter.Close(back, back.AddMinutes(15))!;

        Assert.Equal(7 * 33, first.EnergyImportedWh);
        Assert.True(first.Flags.HasFlag(ReadingStatus.PartialInterval));
    }

    [Fact]
    public void A_state_of_charge_only_sample_keeps_the_last_power_for_control_and_for_the_next_interval()
    {
        var meter = new LiveIntervalMeter("battery");
        meter.Record(new DeviceSample(T0.AddMinutes(14), PowerW: 1200));
        meter.Record(new DeviceSample(T0.AddMinutes(14).AddSeconds(30), StateOfChargeBp: 6000));
        _ = meter.Close(T0, T0.AddMinutes(15));
        meter.Record(new DeviceSample(T0.AddMinutes(16), StateOfChargeBp: 5900));

        Assert.Equal(1200, meter.Latest!.Value.PowerW);
        Assert.Equal((ushort)5900, meter.Latest!.Value.StateOfChargeBp);

        // The 1.2 kW measured at 14:00 holds until 19:00 (five minutes after it was measured), not until 20:00.
        var next = meter.Close(T0.AddMinutes(15), T0.AddMinutes(30))!;
        Assert.Equal(80, next.EnergyExportedWh);
        Assert.True(next.Flags.HasFlag(ReadingStatus.PartialInterval));
    }

    [Fact]
    public void A_chatty_device_is_thinned_but_its_register_energy_still_adds_up()
    {
        // 100 messages a second for 15 minutes: 90,000 samples, registers rising 1 Wh every 10 messages.
        var meter = new LiveIntervalMeter("plug");
        meter.Record(new DeviceSample(T0.AddSeconds(-1), new EnergyRegisters(0, 0)));
        for (var i = 0; i < 90_000; i++)
        {
            meter.Record(new DeviceSample(T0.AddMilliseconds(i * 10), new EnergyRegisters(i / 10, 0), PowerW: -400, Fault: i == 45_001));
        }

        Assert.InRange(meter.PendingSampleCount, 10_000, 20_000);
        var m = meter.Close(T0, T0.AddMinutes(15))!;

        Assert.Equal(8_999, m.EnergyImportedWh);
        Assert.True(m.Flags.HasFlag(ReadingStatus.DeviceFault));
    }
}
