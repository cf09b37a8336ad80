namespace OpenVpp.Core.DemandResponse.Baselines;

/// <summary>A way of estimating what a device or region would have drawn during an event, from its own history.</summary>
public interface IBaselineMethod
{
    BaselineResult Compute(LoadSeries history, BaselineContext context);
}
