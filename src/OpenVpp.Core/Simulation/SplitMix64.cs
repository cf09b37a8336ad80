namespace OpenVpp.Core.Simulation;

/// <summary>
/// Small, fast, deterministic PRNG (Steele, Lea and Flood's SplitMix64). Each home owns one, seeded from the
/// fleet seed and the home index, so the sequence never depends on other homes, threads or the wall clock.
/// Also exposes the SplitMix64 finaliser as a hash, for noise that must not depend on stepping order
/// (daily weather, EV sessions).
/// </summary>
internal struct SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const double UnitScale = 1.0 / (1UL << 53);

    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        _state = unchecked(_state + Golden);
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextUnit() => (NextUInt64() >> 11) * UnitScale;

    /// <summary>Standard normal draw (Box–Muller, one of the pair kept so every call consumes exactly two words).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextUnit();
        var u2 = NextUnit();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A well-mixed seed from a fleet seed, a stream tag and up to two indices (home, day, region…).</summary>
    public static ulong Derive(int seed, SimulationStream stream, long a, long b = 0)
    {
        unchecked
        {
            var h = Mix((ulong)(uint)seed + Golden * (ulong)stream);
            h = Mix(h ^ ((ulong)a + Golden));
            return Mix(h ^ ((ulong)b + (Golden << 1)));
        }
    }

    /// <summary>A fresh generator for one (seed, stream, a, b) tuple.</summary>
    public static SplitMix64 For(int seed, SimulationStream stream, long a, long b = 0) => new(Derive(seed, stream, a, b));
}
