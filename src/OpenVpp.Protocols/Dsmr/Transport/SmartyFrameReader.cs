namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>
/// Reads encrypted Luxembourg Smarty frames (see <see cref="SmartyFrame"/>) from a stream and hands out the decrypted
/// telegrams. It resynchronises like the plain reader: bytes before a 0xDB frame start are skipped, and a frame that
/// does not authenticate (wrong key, damaged bytes, or a false start inside garbage) is dropped with the reason.
/// </summary>
public sealed class SmartyFrameReader : IP1FrameReader
{
    // 0xDB, title length, 8-byte title, up to 3 length bytes, the security control byte.
    private const int HeaderBytes = 2 + 8 + 3 + 1;

    private readonly Stream _stream;
    private readonly byte[] _key;
    private readonly byte[] _authenticationKey;
    private readonly int _maxBytes;
    private readonly byte[] _buffer;
    private int _length;
    private long _skipped;
    private bool _ended;

    public SmartyFrameReader(Stream stream, ReadOnlySpan<byte> key, ReadOnlySpan<byte> authenticationKey, int maxFrameBytes = P1FrameReader.DefaultMaxTelegramBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (key.Length != 16 || authenticationKey.Length != 16)
        {
            throw new ArgumentException("The Smarty key and authentication key are 16 bytes (32 hex digits) each.", nameof(key));
        }

        _stream = stream;
        _key = key.ToArray();
        _authenticationKey = authenticationKey.ToArray();
        _maxBytes = maxFrameBytes;
        _buffer = new byte[maxFrameBytes + HeaderBytes];
    }

    public async ValueTask<P1Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Drop everything before the next frame start.
            var start = _buffer.AsSpan(0, _length).IndexOf((byte)0xDB);
            if (start != 0)
            {
                var drop = start < 0 ? _length : start;
                _skipped += drop;
                Consume(drop);
            }

            if (_length >= HeaderBytes)
            {
                var total = FrameLength();
                if (total < 0 || total > _maxBytes)
                {
                    // Not a frame header after all (or an absurd one): skip this 0xDB and look again.
                    _skipped++;
                    Consume(1);
                    continue;
                }

                if (_length >= total)
                {
                    var result = SmartyFrame.Decrypt(_buffer.AsSpan(0, total), _key, _authenticationKey);
                    var frame = result.IsOk
                        ? new P1Frame(result.Telegram, null, _skipped)
                        : new P1Frame(ReadOnlyMemory<byte>.Empty, result.Error, _skipped);
                    _skipped = 0;
                    Consume(total);
                    return frame;
                }
            }

            if (_ended)
            {
                var left = _length;
                _length = 0;
                return left > 0 ? new P1Frame(ReadOnlyMemory<byte>.Empty, $"the stream ended inside an encrypted frame ({left} bytes)", _skipped) : null;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
            _ended = read == 0;
            _length += read;
        }
    }

    // 0xDB, title length 8, title, a length (1 byte under 0x80, 0x81 and 1 byte, or 0x82 and 2 bytes) and the
    // security control byte 0x30; the whole frame's length, or -1 when these bytes are no frame start (a 0xDB in
    // garbage), so a false start never makes the reader wait for or swallow the bytes of real frames.
    private int FrameLength()
    {
        if (_buffer[1] != 8)
        {
            return -1;
        }

        var (total, control) = _buffer[10] switch
        {
            < 0x80 => (11 + _buffer[10], _buffer[11]),
            0x81 => (12 + _buffer[11], _buffer[12]),
            0x82 => (13 + ((_buffer[11] << 8) | _buffer[12]), _buffer[13]),
            _ => (-1, (byte)0),
        };
        return control == 0x30 ? total : -1;
    }

    private void Consume(int count)
    {
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
    }
}
