namespace OpenVpp.Core.Rewards;

/// <summary>Parts per million: shares are integers so that every node computes the same rewards bit for bit.</summary>
public static class Ppm
{
    public const int Whole = 1_000_000;
}
