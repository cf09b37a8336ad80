namespace OpenVpp.Protocols.Dsmr.Transport;

/// <summary>Cuts a byte stream into telegrams: plain text (<see cref="P1FrameReader"/>) or encrypted Smarty frames (<see cref="SmartyFrameReader"/>).</summary>
public interface IP1FrameReader
{
    /// <summary>The next telegram (plain bytes from '/' to the CRC line) or dropped frame; null at the end of the stream.</summary>
    ValueTask<P1Frame?> ReadAsync(CancellationToken cancellationToken);
}
