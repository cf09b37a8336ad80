using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenVpp.Chain.Hosting;

/// <summary>
/// What .NET lacks for stopping a child cleanly on Linux: SIGTERM, and the child's own children. The npm launcher
/// of anvil is a Node process that spawns the real binary; if the launcher dies first, the binary lives on
/// (reparented), so it is found up front through /proc and waited for, or killed, by itself.
/// Each process is identified by pid and start time, so a recycled pid is never signalled by mistake.
/// </summary>
internal static class ProcessTree
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>A process as of when it was seen.</summary>
    public readonly record struct Entry(int Pid, ulong StartTime);

    public static bool IsSupported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    /// <summary>The process and all of its descendants (Linux only; elsewhere just the process, start time 0).</summary>
    public static List<Entry> WithDescendants(int rootPid)
    {
        if (!IsSupported)
        {
            return [new Entry(rootPid, 0)];
        }

        var children = new Dictionary<int, List<Entry>>();
        Entry? root = null;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || Read(pid) is not { } stat)
            {
                continue;
            }

            if (pid == rootPid)
            {
                root = new Entry(pid, stat.StartTime);
            }

            if (!children.TryGetValue(stat.ParentPid, out var list))
            {
                children[stat.ParentPid] = list = [];
            }

            list.Add(new Entry(pid, stat.StartTime));
        }

        if (root is not { } top)
        {
            return [];
        }

        var all = new List<Entry> { top };
        for (var i = 0; i < all.Count; i++)
        {
            all.AddRange(children.GetValueOrDefault(all[i].Pid) ?? []);
        }

        return all;
    }

    /// <summary>Running: still there, not a zombie, and the same process (same start time) as seen before.</summary>
    public static bool IsRunning(Entry entry)
    {
        if (!IsSupported)
        {
            return false;
        }

        return Read(entry.Pid) is { } stat && stat.State != 'Z' && stat.State != 'X' && stat.StartTime == entry.StartTime;
    }

    public static void Terminate(Entry entry) => Signal(entry, SigTerm);

    public static void Kill(Entry entry) => Signal(entry, SigKill);

    private static void Signal(Entry entry, int signal)
    {
        if (IsRunning(entry))
        {
            _ = NativeKill(entry.Pid, signal);
        }
    }

    /// <summary>Fields of /proc/[pid]/stat; the command name may hold spaces and parentheses, so parse after the last ')'.</summary>
    private static (char State, int ParentPid, ulong StartTime)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var close = text.LastIndexOf(')');
        var fields = close < 0 ? [] : text[(close + 2)..].Split(' ');

        // After the name: state is field 3 of the man page, ppid 4, starttime 22; here they are at 0, 1 and 19.
        if (fields.Length < 20
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return (fields[0][0], parent, start);
    }

    // DllImport, not LibraryImport: the generated stub needs AllowUnsafeBlocks, and int → int needs no marshalling.
    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeKill(int pid, int signal);
}
