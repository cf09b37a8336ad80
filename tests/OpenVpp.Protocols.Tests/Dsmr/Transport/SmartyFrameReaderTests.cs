using OpenVpp.Protocols.Dsmr;
using OpenVpp.Protocols.Dsmr.Transport;

namespace OpenVpp.Protocols.Tests.Dsmr.Transport;

public sealed class SmartyFrameReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(29)]
    [InlineData(4096)]
    public async Task Encrypted_frames_are_found_between_garbage_and_a_damaged_one_is_dropped(int chunk)
    {
        var telegram = DsmrTelegrams.Bytes("spec_luxembourg_smarty");
        var damaged = SmartyFrameTests.Encrypt(telegram, 2);
        damaged[^3] ^= 1;
        byte[] data =
        [
            0x00, 0xDB, 0x05, 0x41, .. SmartyFrameTests.Encrypt(telegram, 1), 0xFF, 0xDB, 0x08,
            .. damaged, .. SmartyFrameTests.Encrypt(telegram, 3), 0xDB, 0x08, 0x01,
        ];
        var reader = new SmartyFrameReader(new TrickleStream(data, chunk), SmartyFrameTests.Key, SmartyFrame.DefaultAuthenticationKey);

        var frames = new List<P1Frame>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
        {
            frames.Add(frame);
        }

        Assert.Equal(4, frames.Count);
        Assert.Equal(telegram, frames[0].Telegram.ToArray());
        Assert.Equal(4, frames[0].SkippedBytes);
        Assert.Contains("does not authenticate", frames[1].DroppedReason, StringComparison.Ordinal);
        Assert.True(P1Parser.Parse(frames[2].Telegram.Span).IsOk);
        Assert.Contains("ended inside an encrypted frame", frames[3].DroppedReason, StringComparison.Ordinal);
    }
}
