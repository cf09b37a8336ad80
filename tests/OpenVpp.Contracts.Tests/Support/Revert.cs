using OpenVpp.Chain.Reverts;

namespace OpenVpp.Contracts.Tests.Support;

public static class Revert
{
    /// <summary>Runs <paramref name="action"/> and asserts that it reverts with the custom error <paramref name="errorName"/>.</summary>
    public static async Task<RevertReason> ExpectAsync(string errorName, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<ContractRevertException>(action);
        Assert.True(errorName == e.Reason.Name, $"Expected {errorName}, got: {e.Reason.Message}");
        return e.Reason;
    }
}
