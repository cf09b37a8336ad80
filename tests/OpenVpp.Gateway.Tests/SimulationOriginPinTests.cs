namespace OpenVpp.Gateway.Tests;

public sealed class SimulationOriginPinTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "openvpp-pin-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void First_origin_is_kept_so_a_restarted_gateway_rebuilds_the_same_fleet()
    {
        var first = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var pinned = SimulationOriginPin.Resolve(_dir, first);
        var again = SimulationOriginPin.Resolve(_dir, first.AddDays(3));

        Assert.Equal(first, pinned);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_damaged_pin_is_refused_with_a_message_naming_the_file()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, SimulationOriginPin.FileName), "not a time");

        var error = Assert.Throws<InvalidOperationException>(() => SimulationOriginPin.Resolve(_dir, DateTimeOffset.UnixEpoch));

        Assert.Contains(SimulationOriginPin.FileName, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
