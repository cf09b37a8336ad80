namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>
/// Cuts a P1 byte stream (serial port, ser2net socket, file) into telegrams. It resynchronises on garbage: bytes
/// before a '/' are skipped, a '/' outside parentheses inside a telegram means the previous one was cut off (bytes
/// lost on the line: it is dropped, and the new one starts there), and a telegram longer than the cap is dropped and the reader skips to
/// the next '/'. One instance per stream; not thread-safe.
/// </summary>
public sealed class P1FrameReader : IP1FrameReader
{
    /// <summary>DSMR 5 telegrams are about 1 KiB; Belgian ones with 13 months of peaks and long messages stay well under this.</summary>
    public const int DefaultMaxTelegramBytes = 16 * 1024;

    private readonly Stream _stream;
    private readonly int _maxBytes;
    private readonly byte[] _chunk = new byte[4096];
    private byte[] _frame = new byte[2048];
    private int _frameLength;
    private int _chunkPosition;
    private int _chunkLength;
    private long _skipped;
    private State _state = State.Seeking;
    private bool _atLineStart;
    private bool _inParentheses;
    private bool _ended;

    public P1FrameReader(Stream stream, int maxTelegramBytes = DefaultMaxTelegramBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTelegramBytes, 64);
        _stream = stream;
        _maxBytes = maxTelegramBytes;
    }

    private enum State
    {
        Seeking,
        InTelegram,
        InEndLine,
        Oversized,
    }

    /// <summary>The next telegram or dropped frame; null when the stream has ended and nothing is left.</summary>
    public async ValueTask<P1Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_chunkPosition == _chunkLength)
            {
                if (_ended)
                {
                    return null;
                }

                _chunkLength = await _stream.ReadAsync(_chunk, cancellationToken).ConfigureAwait(false);
                _chunkPosition = 0;
                if (_chunkLength == 0)
                {
                    _ended = true;
                    return AtEndOfStream();
                }
            }

            if (Scan() is { } frame)
            {
                return frame;
            }
        }
    }

    private P1Frame? Scan()
    {
        while (_chunkPosition < _chunkLength)
        {
            var b = _chunk[_chunkPosition];
            switch (_state)
            {
                case State.Seeking or State.Oversized:
                    _chunkPosition++;
                    if (b == '/')
                    {
                        Start();
                    }
                    else
                    {
                        _skipped++;
                    }

                    continue;
                case State.InTelegram when b == '/' && !_inParentheses:
                    // A new header before the '!' of the current telegram: the current one lost its end.
                    return Emit(null, $"telegram cut off after {_frameLength} bytes: a new '/' header began before its '!' end line");
                case State.InEndLine when b == '/':
                    // The end line had no line break; the next telegram starts here.
                    return Emit(_frame.AsSpan(0, _frameLength).ToArray(), null);
            }

            _chunkPosition++;
            if (_frameLength == _maxBytes)
            {
                var reason = $"telegram longer than {_maxBytes} bytes without an end line; dropped, skipping to the next '/'";
                _state = State.Oversized;
                var dropped = new P1Frame(ReadOnlyMemory<byte>.Empty, reason, _skipped);
                _skipped = 0;
                _frameLength = 0;
                return dropped;
            }

            Append(b);
            if (_state == State.InEndLine && b == '\n')
            {
                _state = State.Seeking;
                var frame = new P1Frame(_frame.AsSpan(0, _frameLength).ToArray(), null, _skipped);
                _skipped = 0;
                _frameLength = 0;
                return frame;
            }

            if (_atLineStart && b == '!')
            {
                _state = State.InEndLine;
            }

            _atLineStart = b == '\n';
            _inParentheses = b switch { (byte)'(' => true, (byte)')' or (byte)'\n' => false, _ => _inParentheses };
        }

        return null;
    }

    private P1Frame Emit(byte[]? telegram, string? droppedReason)
    {
        // Called with the '/' of the next telegram at _chunkPosition: report this one, then start the next.
        var frame = new P1Frame(telegram ?? ReadOnlyMemory<byte>.Empty, droppedReason, _skipped);
        _skipped = 0;
        _chunkPosition++;
        Start();
        return frame;
    }

    private void Start()
    {
        _state = State.InTelegram;
        _frameLength = 0;
        Append((byte)'/');
        _atLineStart = false;
        _inParentheses = false;
    }

    private void Append(byte b)
    {
        if (_frameLength == _frame.Length)
        {
            Array.Resize(ref _frame, Math.Min(_frame.Length * 2, _maxBytes));
        }

        _frame[_frameLength++] = b;
    }

    private P1Frame? AtEndOfStream()
    {
        var state = _state;
        _state = State.Seeking;
        var length = _frameLength;
        _frameLength = 0;
        return state switch
        {
            // A last end line without its line break (a file that does not end in a newline) is still complete.
            State.InEndLine => new P1Frame(_frame.AsSpan(0, length).ToArray(), null, _skipped),
            State.InTelegram => new P1Frame(ReadOnlyMemory<byte>.Empty, $"the stream ended inside a telegram ({length} bytes, no '!' end line)", _skipped),
            _ => null,
        };
    }
}
