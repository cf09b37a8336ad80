using System.Text;
using OpenVpp.Protocols.Dsmr;
using OpenVpp.Protocols.Dsmr.Transport;

namespace OpenVpp.Protocols.Tests.Dsmr.Transport;

public sealed class P1FrameReaderTests
{
    private static async Task<List<P1Frame>> FramesAsync(byte[] data, int chunk = 4096, int max = P1FrameReader.DefaultMaxTelegramBytes)
    {
        var reader = new P1FrameReader(new TrickleStream(data, chunk), max);
        var frames = new List<P1Frame>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static byte[] Join(params object[] parts) =>
        [.. parts.SelectMany(p => p is string s ? Encoding.Latin1.GetBytes(s) : (byte[])p)];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Telegrams_are_found_between_garbage_whatever_the_read_sizes(int chunk)
    {
        var kaifa = DsmrTelegrams.Bytes("kaifa_dsmr42");
        var iskra = DsmrTelegrams.Bytes("iskra_dsmr50");
        var data = Join("1.8.1(000123*kWh)\r\n!12AB\r\n", kaifa, "\0\0\xff garbage", iskra, "\r\n\r\n", kaifa);

        var frames = await FramesAsync(data, chunk);

        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.True(P1Parser.Parse(f.Telegram.Span).IsOk));
        Assert.Equal(26, frames[0].SkippedBytes);
        Assert.Equal(kaifa, frames[0].Telegram.ToArray());
        Assert.Equal(11, frames[1].SkippedBytes);
        Assert.Equal(4, frames[2].SkippedBytes);
    }

    [Fact]
    public async Task A_telegram_cut_off_by_the_next_header_is_dropped_and_the_next_one_is_read()
    {
        var text = DsmrTelegrams.Text("iskra_dsmr50");
        var data = Join(text[..300], text);

        var frames = await FramesAsync(data, 13);

        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].IsDropped);
        Assert.Contains("cut off", frames[0].DroppedReason, StringComparison.Ordinal);
        Assert.True(P1Parser.Parse(frames[1].Telegram.Span).IsOk);
    }

    [Fact]
    public async Task An_oversized_telegram_is_dropped_with_a_reason_and_reading_resumes_at_the_next_header()
    {
        var endless = "/XXX5 endless\r\n\r\n" + string.Concat(Enumerable.Repeat("0-0:96.13.0(41414141)\r\n", 200));
        var data = Join(endless, DsmrTelegrams.Bytes("kaifa_dsmr42"));

        var frames = await FramesAsync(data, 100, max: 1024);

        Assert.Equal(2, frames.Count);
        Assert.Contains("longer than 1024 bytes", frames[0].DroppedReason, StringComparison.Ordinal);
        Assert.True(P1Parser.Parse(frames[1].Telegram.Span).IsOk);
    }

    [Fact]
    public async Task A_stream_that_ends_mid_telegram_reports_it_and_a_last_end_line_without_newline_is_complete()
    {
        var text = DsmrTelegrams.Text("spec_dsmr22");

        var cut = await FramesAsync(Encoding.Latin1.GetBytes(text[..200]));
        var noNewline = await FramesAsync(Encoding.Latin1.GetBytes(text.TrimEnd()));

        Assert.Contains("ended inside a telegram", Assert.Single(cut).DroppedReason, StringComparison.Ordinal);
        Assert.True(P1Parser.Parse(Assert.Single(noNewline).Telegram.Span).IsOk);
    }
}
