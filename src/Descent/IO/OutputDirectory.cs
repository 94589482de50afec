using System.Runtime.InteropServices;

namespace Descent.IO;

/// <summary>
/// A directory of outputs written as a whole: files go into a fresh hidden sibling directory, and
/// <see cref="Commit"/> swaps it into place, so the target holds either the complete previous set or the
/// complete new one, never a mix. Disposing without committing removes what was written. Leftovers of an
/// interrupted run are removed the next time the same target is written.
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    private const string Marker = ".descent-output";
    private readonly string _target, _staging;
    private bool _committed;

    private OutputDirectory(string target, string staging)
    {
        _target = target;
        _staging = staging;
    }

    /// <summary>Where the files go until <see cref="Commit"/>.</summary>
    public string Path => _staging;

    /// <summary>The path of <paramref name="name"/> in the set being written.</summary>
    public string File(string name) => System.IO.Path.Combine(_staging, name);

    /// <summary>
    /// Writes a whole set of files into <paramref name="directory"/>: <paramref name="write"/> puts them in
    /// <see cref="Path"/>, then the set replaces the previous one. On any failure nothing changes and the error
    /// names the user's directory, never the hidden one.
    /// </summary>
    /// <exception cref="InputException">The directory cannot hold an output set (see <see cref="Begin"/>).</exception>
    /// <exception cref="IOException">A file could not be written (a full disk, no permission); the previous set is untouched.</exception>
    public static void WriteSet(string directory, string what, Action<OutputDirectory> write)
    {
        using OutputDirectory output = Begin(directory, what);
        try
        {
            write(output);
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.FirstOrDefault(x => x is IOException or UnauthorizedAccessException or InputException) is { } first)
        {
            // Files written in parallel fail together; the first cause is the one to report.
            throw first is InputException ? first : new IOException(output.Rename(first.Message), first);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException(output.Rename(e.Message), e);
        }
        output.Commit();
    }

    // A message about a file of the hidden set, told about the same file of the user's directory.
    private string Rename(string message)
    {
        string text = message.Replace(_staging, _target, StringComparison.Ordinal);
        return text.StartsWith("cannot write", StringComparison.Ordinal) ? text : $"cannot write '{_target}': {text}";
    }

    /// <summary>
    /// Checks, before any work, that <paramref name="directory"/> can take an output set: a path that is new,
    /// an empty directory, or a set Descent wrote earlier (which it replaces). Returns the full path.
    /// </summary>
    /// <exception cref="InputException">The path is empty, names a file, or a directory holding files Descent did not write.</exception>
    public static string Check(string directory, string what)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new InputException($"{what}: the directory path is empty");
        string target = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(directory));
        if (System.IO.File.Exists(target)) throw new InputException($"{what}: '{directory}' is a file, not a directory");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !System.IO.File.Exists(System.IO.Path.Combine(target, Marker)))
            throw new InputException($"{what}: '{directory}' holds files Descent did not write; give a new or empty directory (its contents would be replaced)");
        return target;
    }

    /// <summary>Starts a new set of files for <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory the set will replace; it must be new, empty, or an earlier set Descent wrote.</param>
    /// <param name="what">How the directory is named to the user in errors, e.g. "--out".</param>
    /// <exception cref="InputException">The path is empty, names a file, or a directory holding files Descent did not write.</exception>
    public static OutputDirectory Begin(string directory, string what)
    {
        string target = Check(directory, what);
        string parent = System.IO.Path.GetDirectoryName(target) ?? throw new InputException($"{what}: '{directory}' cannot be replaced");
        string name = System.IO.Path.GetFileName(target);
        try
        {
            Directory.CreateDirectory(parent);
            RemoveLeftovers(parent, name);
            string staging = System.IO.Path.Combine(parent, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
            Directory.CreateDirectory(staging);
            System.IO.File.WriteAllText(System.IO.Path.Combine(staging, Marker), "Written by Descent; the directory is replaced as a whole on the next run.\n");
            return new OutputDirectory(target, staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write '{directory}': {Reason(e)}", e);
        }
    }

    /// <summary>Puts the new set in place of the old one (or creates the directory), as one step where the system allows.</summary>
    /// <exception cref="IOException">The swap failed; the previous set is still in place.</exception>
    public void Commit()
    {
        try
        {
            if (!Directory.Exists(_target)) Directory.Move(_staging, _target);
            else if (!Exchange(_staging, _target))
            {
                // No atomic exchange on this system: move the old set aside, the new one in, then drop the old.
                string aside = _staging + ".old";
                Directory.Move(_target, aside);
                Directory.Move(_staging, _target);
                Directory.Delete(aside, recursive: true);
                _committed = true;
                return;
            }
            else Directory.Delete(_staging, recursive: true); // after the exchange it holds the previous set
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write '{_target}': {Reason(e)}", e);
        }
    }

    /// <summary>Removes the unfinished set, unless it was committed.</summary>
    public void Dispose()
    {
        if (_committed) return;
        try
        {
            if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's clean-up; the error that got us here is the one to report.
        }
    }

    /// <summary>An exception's message without the hidden staging paths, which mean nothing to the user.</summary>
    internal static string Reason(Exception e)
    {
        // .NET ends many messages with " : 'path'", and a hidden file's path means nothing to the user.
        string text = System.Text.RegularExpressions.Regex.Replace(e.Message, @"\s*:\s*'[^']*'\s*$", "");
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s*'[^']*\.(partial|tmp)[^']*'", "").Trim();
    }

    // Sets left by runs that were killed, including those of processes no longer running.
    private static void RemoveLeftovers(string parent, string name)
    {
        foreach (string dir in Directory.EnumerateDirectories(parent, $".{name}.*.partial*"))
        {
            // .{name}.{pid}.{guid}.partial, or the same with .old after it.
            string[] parts = System.IO.Path.GetFileName(dir).Replace(".partial.old", ".partial", StringComparison.Ordinal).Split('.');
            if (parts.Length > 3 && int.TryParse(parts[^3], out int pid) && pid != Environment.ProcessId && IsRunning(pid)) continue;
            try { Directory.Delete(dir, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* another run's; harmless */ }
        }
    }

    private static bool IsRunning(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    // renameat2(RENAME_EXCHANGE) swaps two directories atomically on Linux.
    private static bool Exchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int AtCurrentDirectory = -100, RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
