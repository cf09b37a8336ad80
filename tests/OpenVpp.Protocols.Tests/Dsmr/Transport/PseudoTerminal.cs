using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OpenVpp.Protocols.Tests.Dsmr.Transport;

/// <summary>
/// A Unix pseudo-terminal pair: the serial source opens the slave (/dev/pts/N) as it would /dev/ttyUSB0, and the test
/// writes the meter's bytes into the master. Real termios, real serial-port code, no hardware.
/// </summary>
internal sealed partial class PseudoTerminal : IDisposable
{
    private const int ReadWrite = 2;
    private const int NoControllingTerminal = 0x100;

    private PseudoTerminal(FileStream master, string slavePath)
    {
        Master = master;
        SlavePath = slavePath;
    }

    public FileStream Master { get; }

    public string SlavePath { get; }

    public static PseudoTerminal Open()
    {
        var fd = posix_openpt(ReadWrite | NoControllingTerminal);
        if (fd < 0 || grantpt(fd) != 0 || unlockpt(fd) != 0)
        {
            throw new IOException($"cannot open a pseudo-terminal (errno {Marshal.GetLastPInvokeError()})");
        }

        var name = new byte[128];
        if (ptsname_r(fd, name, (nuint)name.Length) != 0)
        {
            throw new IOException("ptsname_r failed");
        }

        var path = Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        return new PseudoTerminal(new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.ReadWrite, 1), path);
    }

    public void Dispose() => Master.Dispose();

    [LibraryImport("libc", SetLastError = true)]
    private static partial int posix_openpt(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int grantpt(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unlockpt(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ptsname_r(int fd, [Out] byte[] buffer, nuint length);
}
