namespace OpenVpp.Core.DemandResponse.Verification;

/// <summary>Which way an event asked the load to move.</summary>
public enum FlexibilityDirection
{
    /// <summary>Import limits and reductions: delivered = baseline − actual net import.</summary>
    ReduceImport,

    /// <summary>Export limits: delivered = actual net import − baseline (less export, or more consumption).</summary>
    ReduceExport,
}
