namespace Descent.IO;

/// <summary>Opens a file a user named, turning the ways it cannot be read into one-line <see cref="InputException"/>s that name it.</summary>
public static class InputFile
{
    /// <summary>Runs <paramref name="read"/> on the file at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file does not exist, is a directory, or cannot be read.</exception>
    public static TResult Read<TResult>(string path, Func<Stream, TResult> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var stream = File.OpenRead(path);
            return read(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"cannot read '{path}': file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{path}': {(Directory.Exists(path) ? "it is a directory" : "permission denied")}");
        }
        catch (IOException e)
        {
            throw new InputException($"cannot read '{path}': {e.Message}");
        }
    }
}
