using System.Runtime.InteropServices;

namespace Descent.IO;

/// <summary>What an existing path is: a regular file (replaced atomically when written) or something to write through, such as a device or a pipe.</summary>
internal static class FileKind
{
    /// <summary>
    /// Whether <paramref name="path"/> exists (after following links) and is not a regular file or a directory:
    /// a character or block device, a FIFO or a socket. Writing replaces a regular file, but writes through these.
    /// </summary>
    public static bool IsSpecial(string path)
    {
        if (!File.Exists(path)) return false;
        if (OperatingSystem.IsLinux()) return LinuxMode(path) is int mode && (mode & FileTypeMask) is not (RegularFile or Directory);
        // Elsewhere (no statx): devices live under /dev.
        return !OperatingSystem.IsWindows() && Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal);
    }

    private const int FileTypeMask = 0xF000, RegularFile = 0x8000, Directory = 0x4000;

    // statx's layout is the same on every Linux architecture: stx_mode is the 16 bits at byte 28.
    private static int? LinuxMode(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        try
        {
            unsafe
            {
                fixed (byte* b = buffer)
                    if (StatX(AtCurrentDirectory, path, 0, StatXType, b) != 0) return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return BitConverter.ToUInt16(buffer[28..30]);
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatXType = 0x1;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern unsafe int StatX(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);
}
