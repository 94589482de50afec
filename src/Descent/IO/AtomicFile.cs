namespace Descent.IO;

/// <summary>Writes files so that readers never see half a file: to a temporary file beside the target, then moved into place.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>; on any failure the target is untouched and
    /// no temporary file is left. A link is followed and its target written; a device or pipe (e.g. /dev/stdout)
    /// is written through, not replaced.
    /// </summary>
    /// <exception cref="InputException">The path is empty or names a directory.</exception>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>, not the temporary file.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InputException("the file path is empty");
        if (Directory.Exists(path)) throw new InputException($"cannot write '{path}': it is a directory");
        string full = Path.GetFullPath(path);
        try
        {
            if (new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } linked) full = linked.FullName;
            if (FileKind.IsSpecial(full))
            {
                using var device = new FileStream(full, FileMode.Open, FileAccess.Write);
                write(device);
                return;
            }
            string directory = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(directory);
            string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                    write(stream);
                File.Move(temp, full, overwrite: true);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write '{path}': {OutputDirectory.Reason(e)}", e);
        }
    }

    /// <summary>Writes text (UTF-8, no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
            write(writer);
        });
}
