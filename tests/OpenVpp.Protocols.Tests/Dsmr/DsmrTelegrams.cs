using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Protocols.Tests.Dsmr;

/// <summary>The telegrams under TestData/dsmr: three from real meters, the rest written from the specifications.</summary>
internal static class DsmrTelegrams
{
    public static byte[] Bytes(string name) => TestDataFiles.Read("dsmr", name + ".txt");

    public static string Text(string name) => System.Text.Encoding.Latin1.GetString(Bytes(name));

    public static P1Telegram Parse(string name)
    {
        var result = P1Parser.Parse(Bytes(name));
        Assert.True(result.IsOk, $"{name}: {result.Error}");
        return result.Telegram;
    }
}
