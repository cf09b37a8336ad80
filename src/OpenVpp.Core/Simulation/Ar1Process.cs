namespace OpenVpp.Core.Simulation;

/// <summary>
/// A stationary AR(1) process with unit variance: x ← φ·x + √(1−φ²)·z, φ = exp(−Δt/τ). Gives noise that is
/// correlated in time with correlation time τ regardless of the interval length (passing clouds, appliance use).
/// </summary>
internal struct Ar1Process
{
    public Ar1Process(double initialValue) => Value = initialValue;

    public double Value { get; private set; }

    public static double Persistence(double stepHours, double correlationHours) => Math.Exp(-stepHours / correlationHours);

    public double Advance(double persistence, double standardNormal)
    {
        Value = (persistence * Value) + (Math.Sqrt(1.0 - (persistence * persistence)) * standardNormal);
        return Value;
    }
}
