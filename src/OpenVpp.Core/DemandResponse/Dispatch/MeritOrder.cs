namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>
/// Least cost first, fair within a price: devices are grouped by (region, cost bucket); each region's cheapest
/// buckets are used whole, and the marginal bucket gives every member the same fraction of its headroom, so two
/// owners asking the same price are always dispatched alike. Costs are bucketed to <see cref="CostTickPerKwh"/>, so
/// prices that differ only in floating-point noise are one price. O(n) over the devices plus a sort of the buckets.
/// </summary>
internal static class MeritOrder
{
    /// <summary>Prices within a hundredth of a cent per kWh count as equal.</summary>
    public const double CostTickPerKwh = 0.0001;

    /// <summary>Adds to <paramref name="allocationW"/> what each device delivers so that each region gets <paramref name="requiredW"/> (or all its headroom).</summary>
    public static void Allocate(FlexibleDevice[] fleet, double[] headroomW, double[] requiredW, double[] allocationW)
    {
        var groupOf = new int[fleet.Length];
        var groups = new Dictionary<long, int>();
        var groupSum = new List<double>();
        var groupRegion = new List<int>();
        var groupBucket = new List<long>();
        for (var i = 0; i < fleet.Length; i++)
        {
            var h = headroomW[i];
            var region = fleet[i].RegionIndex;
            if (h <= 0 || region >= requiredW.Length || requiredW[region] <= 0)
            {
                groupOf[i] = -1;
                continue;
            }

            var bucket = (long)Math.Round(fleet[i].CostPerKwh / CostTickPerKwh);
            var key = ((long)region << 40) ^ (bucket & 0xFF_FFFF_FFFF);
            if (!groups.TryGetValue(key, out var g))
            {
                g = groupSum.Count;
                groups[key] = g;
                groupSum.Add(0);
                groupRegion.Add(region);
                groupBucket.Add(bucket);
            }

            groupSum[g] += h;
            groupOf[i] = g;
        }

        var fraction = new double[groupSum.Count];
        foreach (var regionGroups in Enumerable.Range(0, groupSum.Count).GroupBy(g => groupRegion[g]))
        {
            var remaining = requiredW[regionGroups.Key];
            foreach (var g in regionGroups.OrderBy(g => groupBucket[g]))
            {
                // A micro-watt left is floating-point residue of the tiers above, not a need worth a dearer tier.
                if (remaining <= 1e-6)
                {
                    break;
                }

                fraction[g] = groupSum[g] <= remaining ? 1.0 : remaining / groupSum[g];
                remaining -= groupSum[g] * fraction[g];
            }
        }

        for (var i = 0; i < fleet.Length; i++)
        {
            if (groupOf[i] >= 0)
            {
                allocationW[i] += fraction[groupOf[i]] * headroomW[i];
            }
        }
    }
}
